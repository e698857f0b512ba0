// Operator commands: `node packages/server/src/cli.ts <command>`. Uses the same configuration as
// the server (DATABASE_URL, or the embedded PGlite database in DATA_DIR; KEYS_DIR for signing keys).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditVerifyReport } from '@tongban/domain';
import { CliError, describeDb, err, open, out, requireMigrated, withDb, withSigner } from './cli-common.ts';
import { licencesImport, licencesRotateKey } from './cli-licences.ts';
import { type Config, loadConfig } from './config.ts';
import { sealNow } from './platform/audit/sealer.ts';
import { type VerifyOptions, verifyAuditChain } from './platform/audit/verify.ts';
import type { Db } from './platform/db/db.ts';
import { adoptDatabase, grantAppPrivileges } from './platform/db/roles.ts';
import { prepareDatabase } from './platform/runtime.ts';
import type { Signer } from './platform/signing/signing.ts';
import { systemClock } from './platform/system-clock.ts';

const USAGE = `通办 Tongban command line

  node packages/server/src/cli.ts <command>

Commands:
  migrate                         apply pending database migrations (as the schema owner:
                                  MIGRATION_DATABASE_URL, else DATABASE_URL), pg-boss's schema and
                                  the grants of the server's role tongban_app
  db create-roles                 PostgreSQL, once, as an administrator (a superuser in
                                  MIGRATION_DATABASE_URL or DATABASE_URL): create the roles
                                  tongban_owner (migrations) and tongban_app (the server), hand the
                                  database and everything in it to tongban_owner, grant tongban_app
  audit verify [options]          recompute the audit hash chain and check its signed checkpoints
      --stream <name>             stream to check (default: audit; "all" for every stream)
      --json                      print the report as JSON
      --all-signatures            verify every checkpoint's signature, not only the newest valid one
      --max-unsealed-age <s>      report entries unsealed for longer than this (default: 60)
      --expect <position>:<hash>  a checkpoint kept outside the database that the chain must contain
  audit seal                      chain unsealed audit entries now and sign checkpoints
  backup <file>                   write a backup of the database (PostgreSQL: pg_dump custom format;
                                  embedded PGlite: a gzipped tarball of the data folder)
  restore <file>                  restore a backup into an EMPTY database / data folder, then verify
                                  the audit chains
  licences import <file.csv|json> --type <LICENCE-TYPE> --department <id> [--item <code>] [--json]
                                  bulk-issue licences a department already holds into their holders'
                                  wallets (signed credentials); rows are validated and rejected rows
                                  reported; rows imported before are skipped (safe to run again).
                                  Columns: holderId, holderName, licenceNumber, validFrom, validUntil
                                  (YYYY-MM-DD) and the type's field keys. --item names the catalogue
                                  item that defines the type when no case has issued it yet.
  licences rotate-key --department <id>
                                  new signing key for a department's licences (older licences keep
                                  verifying); restart running servers to sign with it

Exit codes: 0 success (chain sound; every row imported), 1 audit findings or rejected import rows, 2 error.
The database comes from DATABASE_URL, or else the embedded database in DATA_DIR (default ./data);
migrate, db create-roles, backup and restore use MIGRATION_DATABASE_URL when it is set.
Signing keys come from KEYS_DIR (default DATA_DIR/keys), or a PKCS#11 token with SIGNER=pkcs11
(PKCS11_MODULE, PKCS11_TOKEN_LABEL or PKCS11_SLOT, PKCS11_PIN); they are not part of a backup: keep
them safe separately.`;

async function streamsOf(db: Db): Promise<string[]> {
  // Distinct streams by skipping through the (stream, id) index, not by scanning the log.
  const rows = await db.query<{ stream: string }>(
    `with recursive s as (
       (select stream from audit_log order by stream limit 1)
       union all
       select (select l.stream from audit_log l where l.stream > s.stream order by l.stream limit 1) from s where s.stream is not null
     )
     select stream from s where stream is not null order by stream`,
  );
  const streams = rows.map((r) => r.stream);
  return streams.includes('audit') ? streams : ['audit', ...streams];
}

function printReport(report: AuditVerifyReport) {
  const seconds = (report.durationMs / 1000).toFixed(2);
  if (report.ok) {
    out(
      `✓ 审计链校验通过 Audit chain "${report.stream}" is sound: ${report.checkedEntries.toLocaleString('en')} entries verified in ${seconds} s`,
    );
  } else {
    const total = report.findings.length + report.findingsOmitted;
    out(
      `✗ 审计链发现问题 Audit chain "${report.stream}": ${total} problem(s) found (${report.checkedEntries.toLocaleString('en')} entries checked in ${seconds} s)`,
    );
  }
  if (report.head) out(`  head:                    position ${report.head.position}, hash ${report.head.hash}`);
  const cp = report.latestValidCheckpoint;
  out(`  latest valid checkpoint: ${cp ? `position ${cp.position}, signed ${cp.signedAt} with key ${cp.keyId}` : 'none'}`);
  out(`  unsealed entries:        ${report.unsealedEntries}`);
  for (const finding of report.findings) out(`  ✗ ${finding.kind}: ${finding.message}`);
  if (report.findingsOmitted > 0) out(`  … and ${report.findingsOmitted} more finding(s)`);
  if (report.ok && report.head)
    out(`  keep this outside the database to detect a later truncation: --expect ${report.head.position}:${report.head.hash}`);
}

async function verifyStreams(db: Db, signer: Signer, streams: string[], options: VerifyOptions, json: boolean): Promise<number> {
  const reports: AuditVerifyReport[] = [];
  for (const stream of streams) reports.push(await verifyAuditChain(db, signer, systemClock, { ...options, stream }));
  if (json) out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else
    reports.forEach((r, i) => {
      if (i > 0) out();
      printReport(r);
    });
  return reports.every((r) => r.ok) ? 0 : 1;
}

async function auditVerify(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      stream: { type: 'string', default: 'audit' },
      json: { type: 'boolean', default: false },
      'all-signatures': { type: 'boolean', default: false },
      'max-unsealed-age': { type: 'string', default: '60' },
      expect: { type: 'string' },
    },
  });
  const maxAge = Number(values['max-unsealed-age']);
  if (!Number.isFinite(maxAge) || maxAge < 0) throw new CliError('--max-unsealed-age takes a number of seconds.');
  const options: VerifyOptions = { unsealedAfterSeconds: maxAge, allSignatures: values['all-signatures'] };
  if (values.expect) {
    const match = /^(\d+):([0-9a-f]{64})$/.exec(values.expect);
    if (!match) throw new CliError('--expect takes <position>:<64 hex digits>, as printed by a previous `audit verify`.');
    options.expectCheckpoint = { position: Number(match[1]), headHash: match[2] as string };
  }
  return withDb(config, async (db) => {
    await requireMigrated(db);
    const streams = values.stream === 'all' ? await streamsOf(db) : [values.stream];
    return withSigner(config, (signer) => verifyStreams(db, signer, streams, options, values.json));
  });
}

async function auditSeal(config: Config): Promise<number> {
  return withDb(config, async (db) => {
    await requireMigrated(db);
    const result = await withSigner(config, (signer) => sealNow(db, signer, systemClock));
    if (result.streams.length === 0) out('Nothing to seal: every finished entry is already chained.');
    for (const s of result.streams) out(`Sealed ${s.sealed} entries of "${s.stream}"; head now position ${s.position}, hash ${s.headHash}`);
    return 0;
  });
}

/** The schema owner's configuration: MIGRATION_DATABASE_URL when set (PostgreSQL). */
function asOwner(config: Config): Config {
  return config.MIGRATION_DATABASE_URL ? { ...config, DATABASE_URL: config.MIGRATION_DATABASE_URL } : config;
}

async function runMigrate(config: Config): Promise<number> {
  return withDb(asOwner(config), async (db) => {
    const { applied, appRole } = await prepareDatabase(db);
    out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    if (!appRole) out('The role tongban_app does not exist: least privilege is not in force (see `db create-roles`).');
    return 0;
  });
}

async function createDbRoles(config: Config): Promise<number> {
  const owner = asOwner(config);
  if (!owner.DATABASE_URL)
    throw new CliError('db create-roles is for PostgreSQL (set DATABASE_URL); the embedded database makes its roles itself.');
  return withDb(owner, async (db) => {
    await adoptDatabase(db);
    const [{ database } = { database: '' }] = await db.query<{ database: string }>('select current_database() as database');
    out(`Roles tongban_owner and tongban_app exist; ${database} and its objects belong to tongban_owner.`);
    out('Next: give both a password (psql: \\password tongban_owner, \\password tongban_app), then run the server with');
    out(`  MIGRATION_DATABASE_URL=postgres://tongban_owner:…@host/${database}  DATABASE_URL=postgres://tongban_app:…@host/${database}`);
    out('The first start (or `migrate`) as the owner grants tongban_app what it needs.');
    return 0;
  });
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(missing ? `${command} is not installed (Debian: apt-get install postgresql-client).` : result.error.message);
  }
  if (result.status !== 0) throw new CliError(`${command} failed with exit code ${result.status}.`);
}

async function backup(config: Config, file: string | undefined): Promise<number> {
  if (!file) throw new CliError('Usage: backup <file>');
  const target = resolve(file);
  if (existsSync(target)) throw new CliError(`${target} exists already; choose a new file name.`);
  const ownerUrl = asOwner(config).DATABASE_URL;
  if (ownerUrl) {
    run('pg_dump', ['--format=custom', '--no-owner', '--file', target, '--dbname', ownerUrl]);
  } else {
    await withDb(config, async (db) => {
      if (!('pglite' in db.driver)) throw new CliError('unexpected database driver');
      const tarball = await db.driver.pglite.dumpDataDir('gzip');
      writeFileSync(target, Buffer.from(await tarball.arrayBuffer()));
    });
  }
  out(`Backup of ${describeDb(config)} written to ${target}`);
  out(`The signing keys in ${resolve(config.keysDir)} are not in it: back them up separately and keep them secret;`);
  out('without them the audit checkpoints of a restored database cannot be verified.');
  return 0;
}

async function restore(config: Config, file: string | undefined): Promise<number> {
  if (!file) throw new CliError('Usage: restore <file>');
  const source = resolve(file);
  if (!existsSync(source)) throw new CliError(`${source} does not exist.`);
  const owner = asOwner(config);
  if (owner.DATABASE_URL) {
    const ownerUrl = owner.DATABASE_URL;
    await withDb(owner, async (db) => {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
      );
      if ((row?.n ?? 0) > 0) {
        throw new CliError(
          'The target database is not empty. Restore into a new, empty database (createdb …) and point DATABASE_URL at it.',
        );
      }
    });
    run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', ownerUrl, source]);
    // The restored objects belong to the restoring role, without the dump's grants (the target cluster
    // may not have the roles they name); the server's role gets its grants again.
    await withDb(owner, async (db) => void (await grantAppPrivileges(db)));
  } else {
    if (config.DATA_DIR.startsWith('memory://')) throw new CliError('DATA_DIR is memory://: nothing to restore into.');
    const pgDir = join(config.DATA_DIR, 'pg');
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      throw new CliError(`${resolve(pgDir)} is not empty. Restore into a new DATA_DIR (or move the old one away first).`);
    }
    if (existsSync(join(config.DATA_DIR, 'tongban.lock'))) {
      // A live holder is refused by `open` below with a clear message; a stale file is taken over there.
      await (await open(config)).close();
    }
    mkdirSync(pgDir, { recursive: true });
    const tarball = new Blob([readFileSync(source)]);
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = await PGlite.create({ dataDir: pgDir, loadDataDir: tarball, extensions: { pg_trgm } });
    await pglite.close();
  }
  out(`Restored ${source} into ${describeDb(config)}.`);
  const keys = resolve(config.keysDir);
  if (config.SIGNER === 'file' && (!existsSync(keys) || !readdirSync(keys).some((f) => f.endsWith('.key.pem')))) {
    out(`No signing keys in ${keys}: copy the key folder of the backed-up installation there (or set KEYS_DIR),`);
    out('otherwise the checkpoints cannot be verified.');
  }
  out('Verifying the audit chains…');
  return withDb(config, async (db) => withSigner(config, async (signer) => verifyStreams(db, signer, await streamsOf(db), {}, false)));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      return runMigrate(config);
    case 'db': {
      const [sub] = rest;
      if (sub === 'create-roles') return createDbRoles(config);
      throw new CliError(`Unknown db command "${sub ?? ''}". Try: db create-roles.`);
    }
    case 'audit': {
      const [sub, ...args] = rest;
      if (sub === 'verify') return auditVerify(config, args);
      if (sub === 'seal') return auditSeal(config);
      throw new CliError(`Unknown audit command "${sub ?? ''}". Try: audit verify, audit seal.`);
    }
    case 'licences': {
      const [sub, ...args] = rest;
      if (sub === 'import') return licencesImport(config, args);
      if (sub === 'rotate-key') return licencesRotateKey(config, args);
      throw new CliError(`Unknown licences command "${sub ?? ''}". Try: licences import, licences rotate-key.`);
    }
    case 'backup':
      return backup(config, rest[0]);
    case 'restore':
      return restore(config, rest[0]);
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) err(error.message);
  else err(`Error: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 2;
}
