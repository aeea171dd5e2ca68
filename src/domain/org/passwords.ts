/**
 * Password hashing with scrypt (node:crypto), a random salt and a constant-time comparison. A
 * hash names its cost: `scrypt$ln=16,r=8,p=2$<salt>$<hash>` (base64). The first format,
 * `scrypt$<salt>$<hash>`, was node's default cost (N = 2^14, r = 8, p = 1: a fifth of OWASP's
 * minimum today); it still verifies, and `needsRehash` tells the log-in to store a new hash.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

interface Cost {
  /** log2 of N. */
  ln: number;
  r: number;
  p: number;
}

/** OWASP's scrypt minimum (2^16 × 8 × 2 ≙ 2^17 × 8 × 1); `cost` raises N. */
const costOf = (ln: number): Cost => ({ ln, r: 8, p: 2 });
const LEGACY: Cost = { ln: 14, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, length: number, c: Cost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is below that from N = 2^15
  const options: ScryptOptions = { N: 2 ** c.ln, r: c.r, p: c.p, maxmem: 256 * 2 ** c.ln * c.r };
  return new Promise((resolve, reject) => scryptCb(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** Hashes a password at the cost 2^`ln` (PASSWORD_HASH_COST). */
export async function hashPassword(password: string, ln: number): Promise<string> {
  const c = costOf(ln);
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, c);
  return `scrypt$ln=${c.ln},r=${c.r},p=${c.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** The cost, salt and hash of a stored hash, or undefined when it is none of ours. */
function parse(stored: string): { cost: Cost; salt: string; hash: string } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  if (parts.length === 3) return parts[1] && parts[2] ? { cost: LEGACY, salt: parts[1], hash: parts[2] } : undefined;
  const m = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[1] ?? '');
  if (parts.length !== 4 || !m || !parts[2] || !parts[3]) return undefined;
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // a stored hash is ours, but never let one make the server spend more than the ceiling
  if (cost.ln < 10 || cost.ln > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 16) return undefined;
  return { cost, salt: parts[2], hash: parts[3] };
}

/** Checks a password against a stored hash (false for a hash of no known format). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const expected = Buffer.from(h.hash, 'base64');
  if (!expected.length) return false;
  const actual = await scrypt(password, Buffer.from(h.salt, 'base64'), expected.length, h.cost);
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash is of a lower cost than new ones get (then it is replaced at the next successful log-in). */
export function needsRehash(stored: string, ln: number): boolean {
  const h = parse(stored);
  const want = costOf(ln);
  return !h || 2 ** h.cost.ln * h.cost.r * h.cost.p < 2 ** want.ln * want.r * want.p;
}
