/**
 * Idempotency keys (issue 12, point 2): a command request may carry an `Idempotency-Key`; the
 * key is recorded, with a hash of the request and the outbox command it was accepted as, in the
 * request's own transaction. So either the request was accepted and its key points at its
 * command, or neither exists and a retry is a first attempt. A repeat with the same request is
 * answered from that command; with another request it is refused. Keys expire (configurable).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { AppError, InputError } from '../../errors.js';

/** A key as a request presents it: who it belongs to, the key, the request's hash, until when. */
export interface IdempotencyClaim {
  /** `user:<id>`, or `public` for the public e-service (the key alone). */
  scope: string;
  key: string;
  hash: string;
  expiresAt: Date;
}

/** The same key was used for another request: nothing was done. */
class IdempotencyMismatch extends AppError {
  readonly status = 422;
  readonly type = 'idempotency-key-reused';
}

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** JSON with sorted object keys, so a retried body hashes the same whatever its key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Parses the header value into a claim; an absent header is no claim, a malformed one a 400. */
export function claimOf(
  header: string | undefined,
  scope: string,
  request: { method: string; path: string; body: unknown },
  now: Date,
  ttlHours: number,
): IdempotencyClaim | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new InputError('Ogiltig Idempotency-Key', [{ field: 'Idempotency-Key', message: '8–128 tecken: bokstäver a–z, siffror och . _ : -' }]);
  }
  const hash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonical(request.body)}`)
    .digest('hex');
  return { scope, key: header, hash, expiresAt: new Date(now.getTime() + ttlHours * 3_600_000) };
}

/** The command a key was accepted as (unexpired), or undefined; another request under the key is refused. */
export async function findKey(db: Db, claim: IdempotencyClaim, now: Date): Promise<{ commandId: string } | undefined> {
  const row = await db('idempotency_key').where({ scope: claim.scope, key: claim.key }).where('expires_at', '>', now).first('request_hash', 'command_id');
  if (!row) return undefined;
  if (row.request_hash !== claim.hash) {
    throw new IdempotencyMismatch('Idempotency-Key har redan använts för en annan begäran. Skapa en ny nyckel för en ny begäran.');
  }
  return { commandId: row.command_id };
}

/**
 * Records the key in the accepting transaction. A concurrent request with the same key makes
 * this insert fail (unique key) and its transaction roll back; it is then answered as a repeat.
 */
export async function recordKey(tx: Knex.Transaction, claim: IdempotencyClaim | undefined, commandId: string, now: Date): Promise<void> {
  if (!claim) return;
  await tx('idempotency_key').where({ scope: claim.scope, key: claim.key }).where('expires_at', '<=', now).delete();
  await tx('idempotency_key').insert({
    scope: claim.scope,
    key: claim.key,
    request_hash: claim.hash,
    command_id: commandId,
    created_at: now,
    expires_at: claim.expiresAt,
  });
}

/** Removes expired keys; returns how many. */
export async function purgeKeys(db: Db, now: Date): Promise<number> {
  return db('idempotency_key').where('expires_at', '<=', now).delete();
}
