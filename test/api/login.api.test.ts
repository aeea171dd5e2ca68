/**
 * Log-in throttling and lockout (issue 15 point 3), on the real wiring behind a trusted proxy
 * (TRUST_PROXY=loopback: the client address is the X-Forwarded-For that supertest's loopback
 * peer sends): failures counted per account and per address in a sliding window in the
 * database, a lockout that refuses a correct password too and says when to try again, audited
 * failures; and a password hash of the old cost replaced at the next log-in.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { hashPassword } from '../../src/domain/org/passwords.js';
import { apiSetups, useApi } from '../support/api.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
const MINUTE = 60_000;

describe.each(apiSetups().filter((s) => s.name.startsWith('embedded')))('log-in throttle on $name', (setup) => {
  const ctx = useApi(setup, clock, {
    TRUST_PROXY: 'loopback',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
    LOGIN_FAILURE_WINDOW_MINUTES: '15',
    LOGIN_LOCKOUT_MINUTES: '15',
    PASSWORD_HASH_COST: '14',
  });
  const login = (username: string, password: string, from: string) =>
    request(ctx.app).post('/api/v1/session').set('X-Forwarded-For', from).send({ username, password });

  it('locks an account after 5 failures in 15 minutes, refuses its right password until then, says when, and audits each attempt', async () => {
    const from = '203.0.113.10';
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await login('handlaggare', 'fel', from)).status);
      clock.advance(MINUTE);
    }
    expect(codes).toEqual([401, 401, 401, 401]);
    // the fifth failure reaches the limit: refused as locked, with when to try again
    const fifth = await login('handlaggare', 'fel', from).expect(429);
    expect(fifth.body).toMatchObject({ type: '/api/v1/problems/login-locked', title: 'Inloggningen är tillfälligt spärrad', status: 429 });
    expect(fifth.body.detail).toMatch(/spärrad till kl\. \d\d:\d\d/);
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);
    // the right password while locked: refused too, from any address
    clock.advance(10 * MINUTE);
    const right = await login('handlaggare', 'demo', '198.51.100.7').expect(429);
    expect(Number(right.headers['retry-after'])).toBe(5 * 60);
    // after the lockout, the right password lets them in (and clears the count)
    clock.advance(5 * MINUTE + 1000);
    await login('handlaggare', 'demo', from).expect(200);
    await login('handlaggare', 'fel', from).expect(401);
    // each failure and each locked attempt is in the audit log, with the address and never the password
    const rows = await ctx.t.db('audit_log').where({ subject_type: 'user', subject_key: 'handlaggare' }).orderBy('id').select('actor', 'action', 'detail');
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('login-failed'), 'login-locked', 'login-failed']);
    expect(rows[0]).toEqual({ actor: 'anonym', action: 'login-failed', detail: { address: from } });
    expect(rows[5]!.detail).toEqual({ address: '198.51.100.7' });
    expect(JSON.stringify(rows)).not.toContain('fel');
  });

  it('counts failures per address over accounts, with a larger limit; other addresses are not affected', async () => {
    const from = '203.0.113.20';
    const codes: number[] = [];
    // eight failures on eight different (also unknown) accounts from one address
    for (let i = 0; i < 8; i++) codes.push((await login(`gissning${i}`, 'fel', from)).status);
    expect(codes).toEqual([...Array(7).fill(401), 429]);
    // the address is locked for every account, a right password too; another address is not
    await login('mas', 'demo', from).expect(429);
    await login('mas', 'demo', '203.0.113.21').expect(200);
    // an unknown account's failure is audited without a name that does not exist
    const unknown = await ctx.t.db('audit_log').where({ action: 'login-failed', subject_key: '(okänt konto)' }).select('detail');
    expect(unknown).toEqual(Array(8).fill({ detail: { address: from } }));
    expect(Number((await ctx.t.db('login_failure').where({ address: from }).count<{ n: string }[]>('* as n'))[0]!.n)).toBe(8);
    clock.advance(16 * MINUTE);
    await login('mas', 'demo', from).expect(200);
  });

  it('counts in a sliding window: failures spread wider than 15 minutes do not lock', async () => {
    const from = '203.0.113.30';
    for (let i = 0; i < 6; i++) {
      await login('socialchef', 'fel', from).expect(401);
      clock.advance(4 * MINUTE);
    }
    await login('socialchef', 'demo', from).expect(200);
  });

  it('replaces a password hash of the old cost (scrypt N=2^14, p=1) at the next successful log-in', async () => {
    // the first format, as every hash before this change was written
    const legacy = await legacyHash('gammalt');
    await ctx.services.org.ensureUser('gammal', 'Gun Gammal', 'x', []);
    await ctx.t.db('app_user').where({ username: 'gammal' }).update({ password_hash: legacy });
    await login('gammal', 'gammalt', '203.0.113.40').expect(200);
    const stored = (await ctx.t.db('app_user').where({ username: 'gammal' }).first('password_hash'))!.password_hash;
    expect(stored).toMatch(/^scrypt\$ln=14,r=8,p=2\$/);
    await login('gammal', 'gammalt', '203.0.113.40').expect(200);
    await login('gammal', 'fel', '203.0.113.40').expect(401);
    // a new hash of today's cost is kept as it is
    expect(await hashPassword('x', 14)).toMatch(/^scrypt\$ln=14,r=8,p=2\$[^$]+\$[^$]+$/);
  });
});

/** `scrypt$<salt>$<hash>` at node's default cost: the format before issue 15. */
async function legacyHash(password: string): Promise<string> {
  const { randomBytes, scryptSync } = await import('node:crypto');
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}
