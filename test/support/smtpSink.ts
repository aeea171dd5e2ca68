/**
 * The notification tests' SMTP server as its own process (scripts/smtp-sink.ts): started per
 * suite on a free port, read through the messages it wrote (mailparser), stopped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** A delivered message as the tests read it. */
export interface Delivered {
  to: string;
  subject: string;
  text: string;
  raw: string;
}

/** A running sink: its URL for SMTP_URL, the messages delivered so far, and stop(). */
export interface SmtpSink {
  url: string;
  messages(): Promise<Delivered[]>;
  stop(): Promise<void>;
}

/** Starts scripts/smtp-sink.ts and waits until it listens. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvh-smtp-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/smtp-sink.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the SMTP sink did not start within 20 s')), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /smtp-sink listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    async messages() {
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(
        files.map(async (f) => {
          const raw = readFileSync(path.join(dir, f), 'utf8');
          const m = await simpleParser(raw);
          const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
          return { to, subject: m.subject ?? '', text: m.text ?? '', raw };
        }),
      );
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
