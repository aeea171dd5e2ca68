/**
 * Command routes over the outbox (DESIGN.md §3): the route's service accepts the command
 * (domain data, audit row, outbox row and idempotency key in one transaction); the request
 * then applies its own row at once and answers with the result, or 202 with where to look
 * (`/api/v1/commands/{id}`) when the engine did not finish in time — the dispatcher does.
 * A request with an `Idempotency-Key` already accepted is answered from its command, and does
 * nothing again; the same key with another request is 422.
 */
import type { Request } from 'express';
import { AppError, ConflictError, InputError, NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import type { User } from '../domain/org/index.js';
import { may } from '../domain/policy.js';
import { claimOf, findKey, type IdempotencyClaim } from '../domain/outbox/idempotency.js';
import type { OutboxCommand } from '../domain/outbox/index.js';

/** How a command route answers once its command is applied (and, optionally, when refused). */
export interface CommandAnswer {
  /** The answer when the engine has applied it. */
  done(row: OutboxCommand): Promise<{ status: number; body?: unknown }> | { status: number; body?: unknown };
  /** The error when the engine refused it (default: by the engine's reason). */
  refused?(row: OutboxCommand): AppError;
  /** Answer `done` even while the command is pending (the public e-service's receipt). */
  always?: boolean;
}

/** The route's own error for an engine refusal recorded on the row. */
function refusal(row: OutboxCommand): AppError {
  const reason = row.error?.split(':')[0];
  if (reason === 'EngineNotFound') return new NotFoundError('Finns inte');
  if (reason === 'EngineInvalid') return new InputError('Processmotorn godtog inte kommandot');
  return new ConflictError('Det går inte i nuvarande läge');
}

/** Where a pending command can be followed. */
const commandLocation = (id: string) => `/api/v1/commands/${id}`;

/** A command route's reply (the route presents it with the schema of its status). */
export interface CommandReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The answer for a command: its result, its refusal, or 202 while it is on its way. */
async function answer(sv: Services, id: string, a: CommandAnswer): Promise<CommandReply> {
  const row = await sv.outbox.dispatch(id, sv.config.outbox.dispatchWaitMs);
  if (row.state === 'failed' && !a.always) throw a.refused?.(row) ?? refusal(row);
  if (row.state === 'pending' && !a.always) {
    return { status: 202, headers: { Location: commandLocation(id) }, body: { commandId: id, state: 'pending', location: commandLocation(id) } };
  }
  return a.done(row);
}

/**
 * Runs a command route: a known key is answered from its command; otherwise `accept` records the
 * command (with the claim) and returns its id. A concurrent duplicate that loses the race on the
 * key (or on the domain row) is answered as the repeat it is.
 */
export async function runCommand(
  sv: Services,
  req: Request,
  scope: string,
  a: CommandAnswer,
  accept: (claim: IdempotencyClaim | undefined) => Promise<string>,
): Promise<CommandReply> {
  const claim = claimOf(
    req.get('Idempotency-Key'),
    scope,
    { method: req.method, path: req.originalUrl.split('?')[0] ?? '', body: req.body },
    sv.clock.now(),
    sv.config.idempotencyKeyTtlHours,
  );
  const prior = claim && (await findKey(sv.outbox.db, claim, sv.clock.now()));
  if (prior) return answer(sv, prior.commandId, a);
  let id: string;
  try {
    id = await accept(claim);
  } catch (e) {
    const raced = claim && (await findKey(sv.outbox.db, claim, sv.clock.now()).catch(() => undefined));
    if (raced) return answer(sv, raced.commandId, a);
    throw e;
  }
  return answer(sv, id, a);
}

/** The state of a command the user sent (404 for anyone else's). */
export async function commandState(sv: Services, id: string, user: User) {
  const row = /^[0-9a-f-]{36}$/.test(id) ? await sv.outbox.get(id) : undefined;
  if (!row || !may(user, 'command.read', { actor: row.actor })) throw new NotFoundError('Kommandot finns inte');
  return { id: row.id, kind: row.kind, state: row.state, attempts: row.attempts, result: row.result, createdAt: row.createdAt, finishedAt: row.finishedAt };
}
