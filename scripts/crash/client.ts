/**
 * The crash suite's HTTP client and its ledger of commands. Every command carries an
 * `Idempotency-Key`; a request that got no answer (the server died under it, or it timed out)
 * or a 5xx is sent again with the same key once the server is back. A command that got a 2xx
 * is *acknowledged*; a completion that got 409 on a retry is counted as acknowledged too (the
 * server says the task is already completed, so the client stops trying), and checked like one.
 */
import { randomUUID } from 'node:crypto';
import type { ServerUnderTest } from './server.js';

export type CommandKind = 'start' | 'e-service' | 'complete';

/** One command the suite sent, and what came of it. */
export interface Command {
  id: number;
  kind: CommandKind;
  processId: string;
  /** The element of the task completed (completions). */
  elementId?: string;
  taskKey?: string;
  /** The instance the task belongs to (completions). */
  instanceKey?: string;
  /** A unique text in the started instance's variables (`markerField`), to count its instances. */
  marker?: string;
  markerField?: string;
  idempotencyKey: string;
  attempts: number;
  /** Requests of this command that died with the server (no answer). */
  unanswered: number;
  outcome: 'ack' | 'ack-409' | 'refused' | 'gave-up';
  status?: number;
  /** The started instance's key (starts) or the receipt (e-service). */
  resultKey?: string;
  receipt?: string;
  problem?: string;
}

const MAX_ATTEMPTS = 12;
const REQUEST_TIMEOUT_MS = 30_000;

/** Sends commands with retries, keeps the ledger, counts requests in flight by kind. */
export class CrashClient {
  readonly ledger: Command[] = [];
  readonly inflight: Record<CommandKind, number> = { start: 0, 'e-service': 0, complete: 0 };
  /** What the commands in flight are (process/element), for the kill snapshot. */
  readonly inflightWhat = new Map<number, string>();
  /** Each user's session: its cookie and its CSRF token (sent with every command). */
  private cookies = new Map<string, { cookie: string; csrf: string }>();
  /** No new attempt after this instant (epoch ms): the walking phase's cap also bounds retries. */
  deadline = Infinity;

  constructor(private readonly server: ServerUnderTest) {}

  /** Logs a demo user in (once; sessions live in the database, so they survive restarts). */
  async login(username: string): Promise<{ cookie: string; csrf: string }> {
    const known = this.cookies.get(username);
    if (known) return known;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await this.server.whenReady();
      try {
        const r = await fetch(`${this.server.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'demo' }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (r.ok) {
          const session = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
          this.cookies.set(username, session);
          return session;
        }
      } catch {
        /* the server died: try again when it is back */
      }
      await pause(200);
    }
    throw new Error(`crash-suite: could not log in as ${username}`);
  }

  /** Sends one command until it is answered (bounded); returns it with its outcome and body. */
  async send(
    c: Omit<Command, 'id' | 'idempotencyKey' | 'attempts' | 'unanswered' | 'outcome'>,
    path: string,
    body: unknown,
    user?: string,
  ): Promise<{ command: Command; json: unknown }> {
    const command: Command = { ...c, id: this.ledger.length, idempotencyKey: randomUUID(), attempts: 0, unanswered: 0, outcome: 'gave-up' };
    this.ledger.push(command);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': command.idempotencyKey };
    if (user) {
      const session = await this.login(user);
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    let json: unknown;
    this.inflight[command.kind]++;
    this.inflightWhat.set(command.id, `${command.kind} ${command.processId}${command.elementId ? `/${command.elementId}` : ''}`);
    try {
      while (command.attempts < MAX_ATTEMPTS && (command.attempts === 0 || Date.now() < this.deadline)) {
        await this.server.whenReady().catch(() => undefined);
        command.attempts++;
        const r = await fetch(`${this.server.url}${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }).catch(() => undefined);
        if (!r) {
          command.unanswered++;
          await pause(100);
          continue;
        }
        command.status = r.status;
        const text = await r.text().catch(() => undefined);
        if (text === undefined) {
          command.unanswered++;
          continue;
        } // died while the body was on its way
        json = text ? safeJson(text) : undefined;
        if (r.status >= 500) {
          command.problem = problemText(json);
          await pause(200);
          continue;
        }
        if (r.status < 300) command.outcome = 'ack';
        else if (r.status === 409 && command.kind === 'complete' && command.attempts > 1) command.outcome = 'ack-409';
        else {
          command.outcome = 'refused';
          command.problem = problemText(json);
        }
        break;
      }
    } finally {
      this.inflight[command.kind]--;
      this.inflightWhat.delete(command.id);
    }
    return { command, json };
  }

  /** Resolves when the server is up (at once unless a restart is under way). */
  async serverUp(): Promise<void> {
    await this.server.whenReady().catch(() => undefined);
  }

  /** Commands in flight, by what they are. */
  inflightSummary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const w of this.inflightWhat.values()) out[w] = (out[w] ?? 0) + 1;
    return out;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}

function problemText(json: unknown): string {
  if (json && typeof json === 'object') {
    const p = json as { title?: string; errors?: { field: string; message: string }[] };
    return [p.title, ...(p.errors ?? []).map((e) => `${e.field}: ${e.message}`)].filter(Boolean).join('; ');
  }
  return String(json ?? '');
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
