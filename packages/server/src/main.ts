// The server process: the only file with process side effects (listening, signals, exit).
import { loadConfig } from './config.ts';
import { startRuntime } from './platform/runtime.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

const config = loadConfig();
const runtime = await startRuntime(config);
const { app } = runtime;

const seeded = config.SEED_DEMO ? await seedDemoIfEmpty(app.platform) : undefined;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: draining HTTP and jobs');
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  try {
    await runtime.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.PORT, host: config.HOST });
const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
const url = `http://${shownHost}:${(app.server.address() as { port: number }).port}`;
const lines = [
  '',
  `通办 Tongban is running at ${url}`,
  `  database: ${runtime.db.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
  `  API docs: ${url}/api/docs`,
];
if (seeded) {
  lines.push('  demo logins (password for all: see below):');
  for (const login of seeded.logins)
    lines.push(`    ${login.role.padEnd(26)} ${login.username.padEnd(22)} ${login.password}  ${login.note}`);
}
if (config.DEV_MAILBOX && !config.SMTP_URL) {
  // The demo's e-mails are captured, not sent; only a system administrator may read them.
  const admin = seeded?.logins.find((l) => l.role === 'system_admin');
  lines.push(
    '  demo mail (no SMTP server; DEV_MAILBOX=true):',
    `    sign in as ${admin ? `${admin.username} (system_admin, password ${admin.password})` : 'a system administrator'} at ${url}/login (staff),`,
    `    then open ${url}/api/v1/dev/mailbox (add ?to=<address> for one recipient)`,
  );
}
lines.push('');
process.stdout.write(`${lines.join('\n')}\n`);
