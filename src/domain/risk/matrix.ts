/**
 * The risk matrix (DOMAIN.md §5.5): probability × consequence on scales 1..size (4 or 5), the
 * score coloured by two thresholds — green up to `greenMax`, yellow up to `yellowMax`, red
 * above. Pure functions: the configuration comes from `risk_matrix`.
 */

export type RiskColour = 'green' | 'yellow' | 'red';

export interface RiskMatrix {
  size: 4 | 5;
  /** The highest score that is green. */
  greenMax: number;
  /** The highest score that is yellow; higher scores are red. */
  yellowMax: number;
}

/** The seeded default: 4×4, green 1–3, yellow 4–8, red 9–16. */
export const DEFAULT_MATRIX: RiskMatrix = { size: 4, greenMax: 3, yellowMax: 8 };

/** What is wrong with a configuration (empty when it is usable). */
export function matrixProblems(m: RiskMatrix): string[] {
  const problems: string[] = [];
  if (m.size !== 4 && m.size !== 5) problems.push('size must be 4 or 5');
  if (!Number.isInteger(m.greenMax) || m.greenMax < 1) problems.push('greenMax must be a whole number ≥ 1');
  if (!Number.isInteger(m.yellowMax) || m.yellowMax <= m.greenMax) problems.push('yellowMax must be a whole number above greenMax');
  if (m.yellowMax >= m.size * m.size) problems.push('yellowMax must leave some red scores');
  return problems;
}

/** Whether a probability or consequence is a level of this matrix (a whole number 1..size). */
function isLevel(m: RiskMatrix, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= m.size;
}

/** The colour of a score in this matrix. */
export function colourOf(m: RiskMatrix, score: number): RiskColour {
  if (score <= m.greenMax) return 'green';
  return score <= m.yellowMax ? 'yellow' : 'red';
}

/** Score and colour of a risk; a RangeError when probability or consequence does not fit the matrix. */
export function assessRisk(m: RiskMatrix, probability: number, consequence: number): { score: number; colour: RiskColour } {
  if (!isLevel(m, probability) || !isLevel(m, consequence)) throw new RangeError(`probability and consequence must be whole numbers 1–${m.size}`);
  const score = probability * consequence;
  return { score, colour: colourOf(m, score) };
}

/** The positions (0-based) of risks whose probability or consequence does not fit the matrix. */
export function risksOutsideMatrix(m: RiskMatrix, risks: { probability?: unknown; consequence?: unknown }[]): number[] {
  return risks.flatMap((r, i) => (isLevel(m, r.probability) && isLevel(m, r.consequence) ? [] : [i]));
}
