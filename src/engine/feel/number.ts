/**
 * FEEL numbers as FEEL-Scala has them: Scala BigDecimal, which keeps its scale (`1.50` is not
 * `1.5` in string(), `0.5 + 0.5` is `1.0`) and computes with MathContext DECIMAL128 (34
 * significant digits, HALF_EVEN: `1/3` has 34 threes, `2/3*3` is 2).
 *
 * A FEEL number is a JS number where a double says the value exactly: its shortest decimal
 * (String(n)) is the value with its scale (1.5, 3, 0.25). Anything else — a scale a double
 * loses (1.50, 1.0, 2.0E+2), a rounded quotient (1/3), an integer beyond 2^53 — is a
 * FeelDecimal (coefficient × 10^-scale). So most numbers stay plain and feelin's fast paths and
 * built-ins keep working; our helpers and built-ins accept both (`isNum`). A FeelDecimal never
 * leaves the FEEL layer: `toJSON` gives the double Zeebe stores (zeebeValues.ts).
 *
 * Comparisons are exact wherever a FeelDecimal takes part: the operators and `in` (operators.ts),
 * range bounds and the range functions (ranges.ts: `1/3 in (0.3333333333333333..1]` is true,
 * as in FEEL-Scala), the list functions that compare items (listBuiltins.ts). A variable is read
 * as FEEL-Scala reads Zeebe's double, BigDecimal.valueOf (fromVariable: 0.0001 is 0.00010), in
 * evaluate.ts.
 */

/** A decimal a JS number cannot say: `c × 10^-s` (s may be negative, as BigDecimal's scale). */
export class FeelDecimal {
  constructor(
    readonly c: bigint,
    readonly s: number,
  ) {}
  /** The nearest double (JS relational operators and feelin's unary tests use it). */
  valueOf(): number {
    return Number(javaString(this.c, this.s));
  }
  /** BigDecimal.toString. */
  toString(): string {
    return javaString(this.c, this.s);
  }
  /** The value as Zeebe stores it: the double (a whole number within a long is exact up to 2^53). */
  toJSON(): number {
    return this.valueOf();
  }
}

/** A FEEL number: a plain JS number or a FeelDecimal. */
export type Num = number | FeelDecimal;

/** Coefficient and scale. */
export interface Dec {
  c: bigint;
  s: number;
}

const PRECISION = 34;
const MAX_SAFE = 9007199254740991n;

/** Whether v is a FEEL number. */
export const isNum = (v: unknown): v is Num => typeof v === 'number' || v instanceof FeelDecimal;

/** The double of a FEEL number (a FeelDecimal rounded; anything else as is). */
export function plain(v: Num): number;
export function plain<T>(v: T): T | number;
export function plain(v: unknown): unknown {
  return v instanceof FeelDecimal ? v.valueOf() : v;
}

/** Like `plain`, and into lists: FEEL values for feelin's own built-ins. */
export function plainDeep(v: unknown): unknown {
  if (v instanceof FeelDecimal) return v.valueOf();
  return Array.isArray(v) && v.some((x) => x instanceof FeelDecimal || Array.isArray(x)) ? v.map(plainDeep) : v;
}

/** The decimal of a FEEL number: a JS number as its shortest representation (0.1 is 0.1). */
function toDec(v: Num): Dec {
  if (v instanceof FeelDecimal) return v;
  if (Number.isSafeInteger(v)) return { c: BigInt(v), s: 0 };
  const [mant, exp = '0'] = String(v).toLowerCase().split('e') as [string, string?];
  const [int, frac = ''] = mant.split('.') as [string, string?];
  return { c: BigInt(int + frac), s: frac.length - Number(exp) };
}

const digits = (c: bigint) => (c < 0n ? -c : c).toString().length;
const pow10 = (k: number) => 10n ** BigInt(k);

/** The FEEL number for c × 10^-s: a JS number when its shortest decimal is exactly that. */
function num(c: bigint, s: number): Num {
  if (s === 0) return c <= MAX_SAFE && c >= -MAX_SAFE ? Number(c) : new FeelDecimal(c, s);
  if (s < 0 || c % 10n === 0n) return new FeelDecimal(c, s);
  const n = Number(`${c}e-${s}`);
  if (digits(c) <= 15) return n;
  const back = toDec(n);
  return back.c === c && back.s === s ? n : new FeelDecimal(c, s);
}

/** A FEEL number from a decimal text as BigDecimal(String) reads it ("1.50", "-2", "1e3"); null if not one. */
export function parseNum(text: string): Num | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  const frac = m[3] ?? '';
  return num(BigInt(`${m[1]}${m[2]}${frac}` || '0'), frac.length - Number(m[4] ?? 0));
}

export type Rounding = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'floor' | 'ceiling';

/** n / d (d > 0) rounded to an integer. */
function divRound(n: bigint, d: bigint, mode: Rounding): bigint {
  const q = n / d,
    r = n % d;
  if (r === 0n) return q;
  const neg = n < 0n;
  const twice = 2n * (r < 0n ? -r : r);
  const away =
    mode === 'up'
      ? true
      : mode === 'down'
        ? false
        : mode === 'floor'
          ? neg
          : mode === 'ceiling'
            ? !neg
            : mode === 'half-up'
              ? twice >= d
              : mode === 'half-down'
                ? twice > d
                : twice > d || (twice === d && q % 2n !== 0n);
  return away ? q + (neg ? -1n : 1n) : q;
}

/** A decimal rounded to 34 significant digits (MathContext DECIMAL128). */
function round34(d: Dec): Dec {
  let { c, s } = d;
  for (let drop = digits(c) - PRECISION; drop > 0; drop = digits(c) - PRECISION) {
    c = divRound(c, pow10(drop), 'half-even');
    s -= drop;
  }
  return { c, s };
}

/** BigDecimal.setScale(scale, mode): FEEL decimal(), floor(), round up() … */
export function setScale(v: Num, scale: number, mode: Rounding): Num {
  const { c, s } = toDec(v);
  if (scale >= s) return num(c * pow10(scale - s), scale);
  return num(divRound(c, pow10(s - scale), mode), scale);
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.c * pow10(s - a.s), b.c * pow10(s - b.s), s];
}

/** -1, 0, 1. */
export function compareNum(x: Num, y: Num): number {
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  const [p, q] = align(toDec(x), toDec(y));
  return p < q ? -1 : p > q ? 1 : 0;
}

/** BigDecimal.divide(divisor, DECIMAL128): exact quotients down to the preferred scale, else 34 digits. */
function divide(a: Dec, b: Dec): Dec {
  const preferred = a.s - b.s;
  if (a.c === 0n) return { c: 0n, s: preferred };
  const sign = a.c < 0n !== b.c < 0n ? -1n : 1n;
  const n = a.c < 0n ? -a.c : a.c,
    d = b.c < 0n ? -b.c : b.c;
  let k = PRECISION + digits(d) - digits(n);
  // A pair, not a bigint[] (noUncheckedIndexedAccess), whatever typescript-eslint's rule thinks.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const scaled = (kk: number) => (kk >= 0 ? [n * pow10(kk), d] : [n, d * pow10(-kk)]) as [bigint, bigint];
  let [p, q] = scaled(k);
  if (digits(p / q) > PRECISION) [p, q] = scaled(--k);
  let c = divRound(p, q, 'half-even');
  let s = preferred + k;
  if (p % q === 0n) {
    while (s > preferred && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
  }
  return round34({ c: sign * c, s });
}

/** FEEL `a op b` on numbers (+ - * / modulo) as FEEL-Scala; null for a division by zero. */
export function numOp(op: string, x: Num, y: Num): Num | null {
  if (typeof x === 'number' && typeof y === 'number') {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) {
      const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' && y !== 0 && x % y === 0 ? x / y : NaN;
      if (Number.isSafeInteger(r)) return Object.is(r, -0) ? 0 : r;
    }
  }
  const a = toDec(x),
    b = toDec(y);
  switch (op) {
    case '+':
    case '-': {
      const [p, q, s] = align(a, b);
      return fromDec(round34({ c: op === '+' ? p + q : p - q, s }));
    }
    case '*':
      return fromDec(round34({ c: a.c * b.c, s: a.s + b.s }));
    case '/':
      return b.c === 0n ? null : fromDec(divide(a, b));
    case 'modulo': {
      if (b.c === 0n) return null;
      // FEEL modulo: a - b × floor(a / b), exact.
      const [p, q, s] = align(a, b);
      let r = p % q;
      if (r !== 0n && r < 0n !== q < 0n) r += q;
      return num(r, s);
    }
    default:
      return null;
  }
}

const fromDec = (d: Dec) => num(d.c, d.s);

/** Whether a FEEL number is whole. */
export function isWhole(v: Num): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return v.s <= 0 || v.c % pow10(v.s) === 0n;
}

/**
 * FloatingDecimal's table (JDK 17): how many low digits Double.toString drops from a whole
 * double of 2^(54 + i) and more, which it writes from its long value.
 */
const INSIGNIFICANT = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9];

/**
 * The digits of Java 17's Double.toString(d), trailing zeros dropped: the shortest that reads
 * back as d (JS's), except for a whole double in [2^53, 2^63), which JDK 17 writes from its long
 * value with only a few low digits rounded off (2^60 is 1.15292150460684698E18, JS
 * 1152921504606847000; JDK 19 made those shortest too). Checked against Java 17 on 15,000
 * such doubles; elsewhere Java 17 gave the shortest digits on 185,000 doubles from 1e-20 to 1e20.
 */
function javaDigits(d: number): Dec {
  let { c, s } = toDec(d);
  const a = Math.abs(d);
  if (Number.isInteger(d) && a >= 2 ** 53 && a < 2 ** 63) {
    let v = BigInt(a);
    const drop = INSIGNIFICANT[v.toString(2).length - 55] ?? 0;
    if (drop > 0) {
      const p = pow10(drop),
        r = v % p;
      v = (v / p + (2n * r >= p ? 1n : 0n)) * p;
    }
    [c, s] = [d < 0 ? -v : v, 0];
  }
  while (c !== 0n && c % 10n === 0n) {
    c /= 10n;
    s--;
  }
  return { c, s };
}

/**
 * BigDecimal.valueOf(double), the decimal of Double.toString(d) with its scale: plain with at
 * least one fraction digit for 10^-3 <= |d| < 10^7 (2.0, 0.25), else "d.dddE±n" with at least one
 * digit after the point (1e8 is 1.0E+8, 0.0001 is 0.00010).
 */
function valueOf(d: number): Num {
  if (d === 0) return num(0n, 1);
  const { c, s } = javaDigits(d);
  const n = digits(c),
    exp = n - 1 - s;
  if (exp >= -3 && exp < 7) {
    const scale = Math.max(s, 1);
    return num(c * pow10(scale - s), scale);
  }
  return n === 1 ? num(c * 10n, 1 - exp) : num(c, n - 1 - exp);
}

/** BigDecimal.valueOf(double): how FEEL-Scala takes a double result (sqrt, exp, log, **): 2.0 keeps its scale, 1e8 is 1.0E+8. */
export function fromDouble(d: number): Num {
  return Number.isFinite(d) ? valueOf(d) : d;
}

/**
 * A number variable as FEEL-Scala reads it from Zeebe: a whole number within a long as is, any
 * other double as BigDecimal.valueOf(double), i.e. with the digits of Java's Double.toString.
 * That text differs from the shortest decimal only in computerized notation (|d| < 10^-3 or
 * >= 10^7) with one significant digit, which Java writes as "1.0E-4": one more zero of scale
 * (0.0001 is 0.00010, 1e21 is 1.0E+21). Everything else stays the plain JS number.
 */
export function fromVariable(d: number): Num {
  if (!Number.isFinite(d) || d === 0 || (Number.isInteger(d) && Math.abs(d) < 2 ** 63)) return d;
  return valueOf(d);
}

/** BigDecimal.toString: plain unless the exponent is below -6 or the scale negative ("1E-7", "2.0E+2"). */
function javaString(c: bigint, s: number): string {
  const neg = c < 0n;
  const ds = (neg ? -c : c).toString();
  const sign = neg ? '-' : '';
  if (s === 0) return sign + ds;
  const adjusted = ds.length - 1 - s;
  if (s > 0 && adjusted >= -6) {
    const point = ds.length - s;
    return sign + (point > 0 ? `${ds.slice(0, point)}.${ds.slice(point)}` : `0.${'0'.repeat(-point)}${ds}`);
  }
  const mant = ds.length > 1 ? `${ds[0]}.${ds.slice(1)}` : ds;
  return `${sign}${mant}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** FEEL string() of a number, as FEEL-Scala writes it. */
export function numString(v: Num): string {
  const d = toDec(v);
  return javaString(d.c, d.s);
}

/** The value without exponent or trailing zeros ("1.5", "200", "0"): BigDecimal.stripTrailingZeros().toPlainString(). */
export function plainString(v: Num): string {
  let { c, s } = toDec(v);
  if (c === 0n) return '0';
  while (s > 0 && c % 10n === 0n) {
    c /= 10n;
    s--;
  }
  if (s < 0) {
    c *= pow10(-s);
    s = 0;
  }
  return javaString(c, s);
}
