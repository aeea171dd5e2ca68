/**
 * Decimal arithmetic on JavaScript numbers, as FEEL-Scala computes (Scala BigDecimal): each
 * operand is taken as the decimal it is written as (its shortest representation, 0.1 is 0.1),
 * the operation is done in decimal, and the result is the nearest double. So `0.1 + 0.2` is
 * 0.3 and `1.15 * 100` is 115, as in Zeebe (which stores the result as a double).
 */

interface Dec { m: bigint; e: number } // value = m × 10^e

/** A finite number as the decimal of its shortest representation. */
function toDec(n: number): Dec {
  const [mant, exp = '0'] = String(n).toLowerCase().split('e') as [string, string?];
  const [int, frac = ''] = mant.split('.') as [string, string?];
  return { m: BigInt(int + frac), e: Number(exp) - frac.length };
}

const toNum = (d: Dec) => Number(`${d.m}e${d.e}`);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

const digits = (x: bigint) => (x < 0n ? -x : x).toString().length;

function divide(a: Dec, b: Dec): number {
  const k = Math.max(0, 40 + digits(b.m) - digits(a.m));
  const q = (a.m * 10n ** BigInt(k)) / b.m;
  return toNum({ m: q, e: a.e - b.e - k });
}

/** `a op b` for + - * / and modulo in decimal; null for a division by zero (as FEEL-Scala). */
export function decimalOp(op: string, x: number, y: number): number | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const a = toDec(x), b = toDec(y);
  switch (op) {
    case '+': case '-': {
      const [p, q, e] = align(a, b);
      return toNum({ m: op === '+' ? p + q : p - q, e });
    }
    case '*': return toNum({ m: a.m * b.m, e: a.e + b.e });
    case '/': return b.m === 0n ? null : divide(a, b);
    case 'modulo': {
      if (b.m === 0n) return null;
      // FEEL modulo: a - b × floor(a / b), exact.
      const [p, q, e] = align(a, b);
      let r = p % q;
      if (r !== 0n && (r < 0n) !== (q < 0n)) r += q;
      return toNum({ m: r, e });
    }
    default: return null;
  }
}

/** The sum of numbers in decimal. */
export function decimalSum(list: number[]): number {
  return list.reduce((s, x) => decimalOp('+', s, x) ?? NaN, 0);
}
