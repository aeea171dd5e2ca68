/**
 * The crash suite's server under test: our real server (`src/main.ts`) as a child process on
 * one fixed port, SIGKILLed and started again on the same database. Its output goes to a log
 * file (printed in part when the suite fails); the child is killed when the suite exits, however
 * it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const HEALTH_DEADLINE_MS = 240_000; // a first start migrates a fresh database; a loaded 2-core machine needs minutes

/** The server process, restartable; `url` stays the same across restarts. */
export class ServerUnderTest {
  readonly url: string;
  readonly logFile: string;
  private child: ChildProcess | undefined;
  private log: WriteStream;
  private upSince = 0;
  /** Resolves when the server answers health checks; replaced at each kill. */
  private ready: Promise<void> = Promise.resolve();
  starts = 0;

  /** `restartEnv` is laid over `env` from the second start on. */
  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
    private readonly restartEnv: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'kvh-crash-'));
    this.logFile = path.join(dir, 'server.log');
    this.log = createWriteStream(this.logFile);
    const killChild = () => {
      this.child?.kill('SIGKILL');
    };
    process.once('exit', killChild);
  }

  /** Starts the server and waits until /api/v1/health answers (bounded). */
  async start(): Promise<void> {
    this.ready = this.spawnAndWait();
    await this.ready;
  }

  /** Resolves when the server is up (after a restart that is under way). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Milliseconds since the server last became healthy. */
  uptimeMs(): number {
    return this.upSince ? Date.now() - this.upSince : 0;
  }

  /** SIGKILL, no warning: the crash under test. Waits until the process is gone. */
  async kill(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    this.upSince = 0;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  }

  /** SIGKILL then start again on the same database; requests wait on `whenReady` meanwhile. */
  async restart(): Promise<void> {
    let release!: () => void;
    let fail!: (e: unknown) => void;
    this.ready = new Promise<void>((res, rej) => {
      release = res;
      fail = rej;
    });
    this.ready.catch(() => undefined);
    try {
      await this.kill();
      await this.spawnAndWait();
      release();
    } catch (e) {
      fail(e);
      throw e;
    }
  }

  /** Stops the server gracefully (SIGTERM, then SIGKILL after 10 s). */
  async stop(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    if (c && c.exitCode === null && c.signalCode === null) {
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(t);
    }
    await new Promise((r) => this.log.end(r));
  }

  private async spawnAndWait(): Promise<void> {
    this.starts++;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...this.env, ...(this.starts > 1 ? this.restartEnv : {}), PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.log.write(`\n----- start ${this.starts} (pid ${child.pid}) at ${new Date().toISOString()} -----\n`);
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.child = child;
    const deadline = Date.now() + HEALTH_DEADLINE_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} while starting (log: ${this.logFile})`);
      const ok = await fetch(`${this.url}/api/v1/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server did not become healthy within ${HEALTH_DEADLINE_MS / 1000} s (log: ${this.logFile})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.upSince = Date.now();
  }
}
