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
  /**
   * PostgreSQL: the schema owner's URL (role `tongban_owner`), used for migrations and pg-boss's
   * schema at start-up; the server itself then works over DATABASE_URL as `tongban_app`, which
   * cannot alter tables or switch triggers off. Unset: the same as DATABASE_URL, and the start
   * warns that least privilege is not in force when that role is a superuser or owns the tables.
   */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
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
  /** Failed logins of one account (within the window) before each further one makes it wait (back-off). */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** The longest back-off wait, in minutes (it doubles from LOGIN_BACKOFF_BASE_SECONDS up to this). */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Failed logins from one client address, over all accounts, before that address waits. */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(30),
  /**
   * Comma-separated CIDRs (or addresses) of networks many people log in from, such as a service
   * hall's public address: they get LOGIN_TRUSTED_NETWORK_MAX_FAILURES and RATE_LIMIT_AUTH_TRUSTED_PER_MINUTE.
   */
  LOGIN_TRUSTED_NETWORKS: z.string().default(''),
  LOGIN_TRUSTED_NETWORK_MAX_FAILURES: z.coerce.number().int().min(1).default(300),
  /** Failures older than this are forgotten. */
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  /** How long a device stays known after a successful login from it (the device cookie). */
  LOGIN_DEVICE_DAYS: z.coerce.number().int().min(1).default(180),
  /** Requests per minute per client address on login, registration and lookups. */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** The same from LOGIN_TRUSTED_NETWORKS (a hall's clerks and visitors share one address). */
  RATE_LIMIT_AUTH_TRUSTED_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /**
   * Registration through a city's real-name identity provider (see identity's real-name-provider.ts).
   * `none`: by SMS code to the population registry's mobile, or at a service window.
   */
  REAL_NAME_PROVIDER: z.enum(['none', 'oidc']).default('none'),
  REAL_NAME_OIDC_ISSUER: z.string().url().optional(),
  REAL_NAME_OIDC_CLIENT_ID: z.string().default(''),
  /** Run the background job worker in this process. */
  JOBS_ENABLED: booleanFromEnv.default(true),
  /** Seconds between audit sealing runs (chaining + signed checkpoints). */
  AUDIT_SEAL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(2),
  /** Folder holding Ed25519 signing keys (never stored in the database). */
  KEYS_DIR: z.string().default(''),
  /**
   * Where the Ed25519 signing keys live: `file` (PEM files in KEYS_DIR) or `pkcs11` (a hardware
   * security module or SoftHSM token, through the PKCS11_* settings; keys never leave it).
   */
  SIGNER: z.enum(['file', 'pkcs11']).default('file'),
  /** SIGNER=pkcs11: path of the token's PKCS#11 library, e.g. `/usr/lib/softhsm/libsofthsm2.so`. */
  PKCS11_MODULE: z.string().default(''),
  /** SIGNER=pkcs11: the token's label (preferred: slot ids may change), or else its slot id. */
  PKCS11_TOKEN_LABEL: z.string().default(''),
  PKCS11_SLOT: z.coerce.number().int().min(0).optional(),
  /** SIGNER=pkcs11: the token's user PIN. Put it in the environment from the city's secret store; never in a file in the repo. */
  PKCS11_PIN: z.string().default(''),
  /**
   * The address people and verifiers reach the platform at (scheme, host, port; no path). E-licence
   * issuers are `did:web` identifiers under it, and QR codes and share links point to it (a QR
   * code opens `<PUBLIC_ORIGIN>/licences/verify`). Unset: `http://localhost:<PORT>`, this server.
   */
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /** Largest accepted upload, in bytes (default 20 MiB); enforced while the file streams in. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(20_971_520),
  /** Per account: most files uploaded but not yet attached to a case (drafts' files count). */
  UPLOAD_QUOTA_FILES: z.coerce.number().int().min(1).default(100),
  /** Per account: most bytes uploaded but not yet attached to a case (default 200 MiB). */
  UPLOAD_QUOTA_BYTES: z.coerce.number().int().min(1).default(209_715_200),
  /** Uploads that no case and no draft holds are deleted this many hours after they came in. */
  UPLOAD_UNATTACHED_HOURS: z.coerce.number().int().min(1).max(8760).default(48),
  /** Folder of uploaded files (outside any web root). Default: `<DATA_DIR>/uploads`. */
  UPLOAD_DIR: z.string().default(''),
  /** Where uploads are stored: the filesystem (UPLOAD_DIR) or an S3-compatible object store. */
  STORAGE_KIND: z.enum(['fs', 's3']).default('fs'),
  /** S3-compatible store (STORAGE_KIND=s3), e.g. `https://s3.cn-north-1.amazonaws.com.cn` or a MinIO URL. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().default(''),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().default(''),
  S3_SECRET_ACCESS_KEY: z.string().default(''),
  /** Address objects as `<endpoint>/<bucket>/<key>` (MinIO and most others) rather than `<bucket>.<host>`. */
  S3_PATH_STYLE: booleanFromEnv.default(true),
  /** Upload scanner: the built-in one (EICAR test signature only) or ClamAV's clamd over TCP. */
  SCANNER_KIND: z.enum(['builtin', 'clamav']).default('builtin'),
  CLAMAV_HOST: z.string().min(1).default('127.0.0.1'),
  CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Application drafts (which hold pre-filled personal data) never submitted are deleted after this many days. */
  CASE_DRAFT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Share of a working-day limit after which the SLA warning fires (0.8: when 80% of the days are used). */
  CASE_SLA_WARNING_SHARE: z.coerce.number().gt(0).lt(1).default(0.8),
  /** How often the SLA sweep fires due warnings and overdue escalations, in seconds (the most a timer fires late). */
  CASE_SLA_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Outgoing mail server, `smtp://user:pass@host:587` or `smtps://…:465`. Unset: mails go to the dev mailbox. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default('通办 Tongban <noreply@tongban.invalid>'),
  /**
   * Serve `GET /api/v1/dev/mailbox` (captured e-mails of everyone, when no SMTP server is set) to
   * system administrators. Off unless set; refused in production. `npm start` sets it for the demo.
   */
  DEV_MAILBOX: booleanFromEnv.default(false),
  /**
   * Serve the simulated ID-card reader (`POST /api/v1/dev/card-reader/read`) that "reads" any demo
   * resident's card for a window clerk. It makes presence at the window a claim again, so it is off
   * unless set, and refused in production; `npm start` and the browser tests set it for the demo city.
   */
  DEMO_CARD_READER: booleanFromEnv.default(false),
  /**
   * Text messages: `log` writes them to the log (no gateway is bundled); `file` (development and
   * browser tests only, refused in production) appends them to `<SMS_FILE_DIR>/<number>.jsonl`.
   */
  SMS_PROVIDER: z.enum(['log', 'file']).default('log'),
  SMS_FILE_DIR: z.string().default(''),
  /**
   * Tests only: an administrative PostgreSQL URL. When set, each test file gets a fresh database
   * created through it (and dropped afterwards) instead of an in-memory PGlite.
   */
  TEST_PG_ADMIN_URL: z.string().url().optional(),
});

export type Config = Omit<z.infer<typeof configSchema>, 'PUBLIC_ORIGIN'> & {
  PUBLIC_ORIGIN: string;
  keysDir: string;
  uploadDir: string;
  isProduction: boolean;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && c.DEV_MAILBOX) {
    throw new Error('Invalid configuration in the environment:\n  DEV_MAILBOX: the development mailbox cannot be enabled in production');
  }
  if (c.NODE_ENV === 'production' && c.DEMO_CARD_READER) {
    throw new Error(
      'Invalid configuration in the environment:\n  DEMO_CARD_READER: the simulated card reader cannot be enabled in production',
    );
  }
  return {
    ...c,
    // Unset: this very server, so a QR code or share link made in development opens its own pages.
    PUBLIC_ORIGIN: c.PUBLIC_ORIGIN ?? `http://localhost:${c.PORT}`,
    keysDir: c.KEYS_DIR || `${c.DATA_DIR}/keys`,
    uploadDir: c.UPLOAD_DIR || `${c.DATA_DIR}/uploads`,
    isProduction: c.NODE_ENV === 'production',
  };
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
    // The window's presence checks are tested with the demo city's simulated reader.
    DEMO_CARD_READER: 'true',
    // Empty means unset: the test command clears it for the embedded-database run.
    TEST_PG_ADMIN_URL: process.env.TEST_PG_ADMIN_URL || undefined,
    ...overrides,
  });
}
