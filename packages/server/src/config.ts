import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Every setting has a default that makes `npm start` and
 * `npm test` work on a fresh machine; production overrides them through the environment.
 */
const booleanFromEnv = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Real PostgreSQL (`postgres://…`). Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Folder of the embedded database, uploads and signing keys. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Seed the demo city into an empty database on start. */
  SEED_DEMO: booleanFromEnv.default(true),
  /** Serve the built web app from this folder (empty: do not serve it). Default: the repo's build. */
  WEB_DIST_DIR: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed. Empty: none is,
   * so a client cannot dodge rate limits by sending its own X-Forwarded-For.
   */
  TRUSTED_PROXIES: z.string().default(''),
  /** Mark cookies `Secure` (set when served over HTTPS). */
  COOKIE_SECURE: booleanFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Requests per minute per client address on login, registration and lookups. */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Run the background job worker in this process. */
  JOBS_ENABLED: booleanFromEnv.default(true),
  /** Seconds between audit sealing runs (chaining + signed checkpoints). */
  AUDIT_SEAL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(2),
  /** Folder holding Ed25519 signing keys (never stored in the database). */
  KEYS_DIR: z.string().default(''),
  /**
   * Tests only: an administrative PostgreSQL URL. When set, each test file gets a fresh database
   * created through it (and dropped afterwards) instead of an in-memory PGlite.
   */
  TEST_PG_ADMIN_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof configSchema> & { keysDir: string; isProduction: boolean };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, keysDir: c.KEYS_DIR || `${c.DATA_DIR}/keys`, isProduction: c.NODE_ENV === 'production' };
}

/** Configuration for tests: in-memory everything, quiet logs, no demo seed. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
    DATA_DIR: 'memory://',
    WEB_DIST_DIR: '',
    TEST_PG_ADMIN_URL: process.env.TEST_PG_ADMIN_URL,
    ...overrides,
  });
}
