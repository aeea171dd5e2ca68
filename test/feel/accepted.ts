/**
 * The differences from FEEL-Scala that the FEEL differential accepts, each with its reason.
 * One kind only:
 * - LINT: FEEL-Scala cannot parse it (Zeebe refuses the model) while feelin can, or feelin
 *   cannot parse it: the lint rule `kvh/feel-supported` rejects the construct in models, so no
 *   deployed model reaches the difference.
 *
 * Numbers are no longer a reason: our layer computes them as FEEL-Scala does (Scala BigDecimal,
 * src/engine/feel/number.ts) — a number keeps its scale (string(1.50) is "1.50", 0.5 + 0.5 is
 * 1.0), quotients have 34 significant digits (DECIMAL128, HALF_EVEN: 2/3*3 is 2), integers
 * beyond 2^53 are exact — using a decimal value of our own only where a JS double cannot say the
 * value, and storing results as Zeebe does (a whole number as an integer, the rest as a double).
 * Comparisons are exact wherever a decimal takes part, in `in`, range bounds and the range
 * functions too (`1/3 in (0.3333333333333333)` is false, as in FEEL-Scala; numeric-gaps-035 …).
 */
const LINT_SCALA_CANNOT_PARSE = 'LINT: FEEL-Scala does not parse this (Zeebe rejects the model); kvh/feel-supported rejects it';
const LINT_FEELIN_CANNOT_PARSE = 'LINT: feelin does not parse this; kvh/feel-supported rejects an expression that does not parse';

/** Accepted differences by corpus id. */
export const accepted: Record<string, string> = {
  'numeric-gaps-004': `${LINT_SCALA_CANNOT_PARSE} ("instance of" right after a comparison)`,
  'numeric-gaps-005': `${LINT_SCALA_CANNOT_PARSE} ("instance of" right after a comparison)`,
  'numeric-gaps-010': `${LINT_SCALA_CANNOT_PARSE} ("instance of" right after "between")`,
  'numeric-gaps-011': `${LINT_SCALA_CANNOT_PARSE} ("instance of" right after "in")`,
  'context-040': `${LINT_SCALA_CANNOT_PARSE} (a function invoked through a path)`,
  'control-045': `${LINT_SCALA_CANNOT_PARSE} (a function invoked through a path)`,
  'control-023': `${LINT_SCALA_CANNOT_PARSE} (a function literal invoked directly)`,
  'control-024': `${LINT_SCALA_CANNOT_PARSE} (a function literal invoked directly)`,
  'control-025': `${LINT_SCALA_CANNOT_PARSE} (a function literal invoked directly)`,
  'control-017': `${LINT_SCALA_CANNOT_PARSE} (a range literal as an operand)`,
  'range-053': `${LINT_SCALA_CANNOT_PARSE} (a range literal as an operand)`,
  'range-054': `${LINT_SCALA_CANNOT_PARSE} (a range literal as an operand)`,
  'range-057': `${LINT_SCALA_CANNOT_PARSE} (a range literal as an operand)`,
  'range-064': `${LINT_SCALA_CANNOT_PARSE} (some/every over a range literal)`,
  'numeric-gaps-123': `${LINT_SCALA_CANNOT_PARSE} (for over a range literal)`,
  'numeric-gaps-125': `${LINT_SCALA_CANNOT_PARSE} (for over a range literal)`,
  'control-020': `${LINT_SCALA_CANNOT_PARSE} (a parameterised type after instance of)`,
  'control-021': `${LINT_SCALA_CANNOT_PARSE} (a parameterised type after instance of)`,
  'control-036': `${LINT_SCALA_CANNOT_PARSE} (a comparison of a comparison)`,
  'numeric-edge-023': `${LINT_SCALA_CANNOT_PARSE} (a number with an exponent)`,
  'numeric-edge-047': `${LINT_SCALA_CANNOT_PARSE} (a number with an exponent)`,
  'control-019': `${LINT_FEELIN_CANNOT_PARSE} (instance of function)`,
  'list-033': `${LINT_FEELIN_CANNOT_PARSE} (and() as a function: the keyword)`,
  'list-034': `${LINT_FEELIN_CANNOT_PARSE} (and() as a function: the keyword)`,
  'list-035': `${LINT_FEELIN_CANNOT_PARSE} (and() as a function: the keyword)`,
  'list-037': `${LINT_FEELIN_CANNOT_PARSE} (or() as a function: the keyword)`,
  'list-038': `${LINT_FEELIN_CANNOT_PARSE} (or() as a function: the keyword)`,
  'list-040': `${LINT_FEELIN_CANNOT_PARSE} (or() as a function: the keyword)`,
  // temporal (src/engine/feel/temporal*.ts)
  'temporal-compare-is-fn-dt': 'LINT: is() is no built-in of FEEL-Scala 1.21 (unknown function: null); kvh/feel-supported rejects it in models',
};
