/**
 * A real SMTP server for the notification tests, run as its own process (`tsx
 * scripts/smtp-sink.ts <folder> [port]`): smtp-server on 127.0.0.1 accepts every message
 * (no TLS, no authentication) and writes each as `<n>.eml` into the folder, whole, as it
 * arrived; it prints `smtp-sink listening <port>` when ready and stops on SIGTERM. The tests
 * read the delivered messages from the folder (mailparser). Not for production: it relays nothing.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const [dir, portArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: tsx scripts/smtp-sink.ts <folder> [port]');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 1_000_000,
  onData(stream, _session, done) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      n++;
      // written whole under another name, then renamed: a reader never sees half a message
      const file = path.join(dir, `${String(n).padStart(5, '0')}.eml`);
      writeFileSync(`${file}.part`, Buffer.concat(chunks));
      renameSync(`${file}.part`, file);
      done();
    });
  },
});
server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  const address = server.server.address();
  console.log(`smtp-sink listening ${typeof address === 'object' && address ? address.port : portArg}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
