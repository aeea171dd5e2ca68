/**
 * The log-in throttle (issue 15 point 3): failed log-ins are counted per account and per client
 * address in a sliding window, in the database (`login_failure`), so several app processes share
 * the count. When the last `max` failures of an account (or an address) all fall within the
 * window, it is locked for the lockout time from the last of them; attempts while locked are
 * refused before the password is checked (a correct one too) and are not counted, so the lock
 * ends when it says. A successful log-in clears the account's failures, not the address's.
 */
import type { Knex } from 'knex';

/** The limits (config `login`). */
export interface LoginLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
  lockoutMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, windowMinutes: 15, lockoutMinutes: 15 };

const MINUTE = 60_000;
/** Usernames are counted case-blind: `Admin` and `admin` are one account to an attacker. */
const accountOf = (username: string) => username.trim().toLowerCase();

/** Until when the last `max` failures of `column = value` lock it, if they do now. */
async function lockOf(db: Knex, now: Date, column: 'username' | 'address', value: string, max: number, l: LoginLimits): Promise<Date | undefined> {
  const since = new Date(now.getTime() - (l.windowMinutes + l.lockoutMinutes) * MINUTE);
  const rows = await db('login_failure').where(column, value).where('at', '>', since).orderBy('at', 'desc').limit(max).select('at');
  if (rows.length < max) return undefined;
  const newest = new Date(rows[0]!.at).getTime();
  const oldest = new Date(rows[max - 1]!.at).getTime();
  if (newest - oldest > l.windowMinutes * MINUTE) return undefined;
  const until = new Date(newest + l.lockoutMinutes * MINUTE);
  return until > now ? until : undefined;
}

/** Until when the account or the address is locked (the later of the two), or undefined when neither is. */
export async function lockedUntil(db: Knex, now: Date, username: string, address: string, l: LoginLimits): Promise<Date | undefined> {
  const [account, from] = await Promise.all([
    lockOf(db, now, 'username', accountOf(username), l.maxFailuresPerAccount, l),
    lockOf(db, now, 'address', address, l.maxFailuresPerAddress, l),
  ]);
  if (!account) return from;
  if (!from) return account;
  return account > from ? account : from;
}

/** Records a failed log-in, and forgets failures too old to count. */
export async function recordFailure(db: Knex, now: Date, username: string, address: string, l: LoginLimits): Promise<void> {
  await db('login_failure').insert({ username: accountOf(username), address, at: now });
  await db('login_failure')
    .where('at', '<', new Date(now.getTime() - (l.windowMinutes + l.lockoutMinutes) * MINUTE))
    .delete();
}

/** Forgets an account's failures (after a successful log-in). */
export async function clearFailures(db: Knex, username: string): Promise<void> {
  await db('login_failure').where('username', accountOf(username)).delete();
}

/** When a lock ends, as the refusal says it: the time in Sweden, e.g. `02:15`. */
export const lockEndText = (until: Date): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(new Date(until.getTime() + 59_999));
