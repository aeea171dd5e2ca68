/**
 * The differences from FEEL-Scala that the FEEL differential accepts, each with its reason.
 * Two kinds only:
 * - LINT: FEEL-Scala cannot parse it (Zeebe refuses the model) while feelin can, or feelin
 *   cannot parse it: the lint rule `kvh/feel-supported` rejects the construct in models, so no
 *   deployed model reaches the difference;
 * - NUMBER: feelin's numbers are IEEE doubles; our layer computes + - * / in decimal from the
 *   shortest decimal of each operand (src/engine/feel/decimal.ts), which covers literals and
 *   variables, but a non-terminating quotient (1/3) is carried on at double precision, a
 *   number keeps no scale (1.50 is 1.5) and integers beyond 2^53 are not exact. Zeebe stores
 *   every non-whole result as a double, so a stored result differs at most in the last place
 *   of a double; the difference shows only in string() of such a number, in arithmetic on a
 *   repeating quotient, or with integers above 9007199254740992.
 */
const LINT_SCALA_CANNOT_PARSE = 'LINT: FEEL-Scala does not parse this (Zeebe rejects the model); kvh/feel-supported rejects it';
const LINT_FEELIN_CANNOT_PARSE = 'LINT: feelin does not parse this; kvh/feel-supported rejects an expression that does not parse';

/** Accepted differences by corpus id. */
export const accepted: Record<string, string> = {
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
  'conversion-002': 'NUMBER: a number keeps no scale, string(1.50) is "1.5" (FEEL-Scala "1.50")',
  'conversion-011': 'NUMBER: a number keeps no scale, string(1.0) is "1" (FEEL-Scala "1.0")',
  'conversion-009': 'NUMBER: string() of a repeating quotient has 16 digits (FEEL-Scala 34)',
  'numeric-edge-044': 'NUMBER: string() of a repeating quotient has 16 digits (FEEL-Scala 34)',
  'numeric-edge-005': 'NUMBER: a repeating quotient carried on at double precision (2/3*3 is 1.9999999999999998)',
  'numeric-edge-042': 'NUMBER: a repeating quotient carried on at double precision (1/3+1/3+1/3 is 0.9999999999999999)',
  'numeric-edge-013': 'NUMBER: integers above 2^53 are not exact',
  // temporal (src/engine/feel/temporal*.ts)
  'temporal-compare-is-fn-dt': 'LINT: is() is no built-in of FEEL-Scala 1.21 (unknown function: null); kvh/feel-supported rejects it in models',
  'temporal-construct-date-year-negative': 'FORMAT: only the typed format differs (Temporal writes year -1 as -000001); the value, string() and the stored variable are -0001-01-01 as in FEEL-Scala',
};
