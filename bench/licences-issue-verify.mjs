// E-licences on real PostgreSQL, in process (the use cases themselves, no HTTP):
//   licences-issue   issuance/s: one licence per transaction, as the outbox job does it (type and
//                    issuer lookup, random status-list index under the issuer's lock, credential
//                    built and signed with Ed25519, row + audit entry). Baseline: the same number
//                    of one-row insert transactions of the same credential text.
//   licences-verify  verifications/s over 10,000 distinct credentials through the public
//                    verification use case (issuer key lookup, signature, both status lists, dates).
//                    Baseline: the bare Ed25519/JWS signature check (jose compactVerify) of the same
//                    10,000 credentials.
// The database is created fresh and dropped at the end.
//
//   node bench/licences-issue-verify.mjs [--issue 2000] [--verify 10000]
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { compactVerify, importJWK } from 'jose';
import { loadConfig } from '../packages/server/src/config.ts';
import { importDepartments } from '../packages/server/src/modules/identity/index.ts';
import { buildCredential, signCredential } from '../packages/server/src/modules/licences/use-cases/credential.ts';
import { issueLicence } from '../packages/server/src/modules/licences/use-cases/issue.ts';
import { findIssuerBySlug, issuerKeys } from '../packages/server/src/modules/licences/use-cases/issuers.ts';
import { verifyPresented } from '../packages/server/src/modules/licences/use-cases/verify.ts';
import { migrate } from '../packages/server/src/platform/db/migrate.ts';
import { openPostgresDb } from '../packages/server/src/platform/db/postgres-db.ts';
import { createKeyStoreSigner } from '../packages/server/src/platform/signing/signing.ts';
import { systemClock } from '../packages/server/src/platform/system-clock.ts';
import { admin, adminUrl } from './lib/pg-admin.mjs';
import { writeResult } from './lib/results.mjs';

const { values } = parseArgs({ options: { issue: { type: 'string', default: '2000' }, verify: { type: 'string', default: '10000' } } });
const ISSUE = Number(values.issue);
const VERIFY = Number(values.verify);
const log = (line) => process.stdout.write(`  ${line}\n`);

const type = {
  code: 'FOOD-BUSINESS-LICENCE',
  name: { zh: '食品经营许可证', en: 'Food business licence' },
  issuingDepartmentId: 'SH-SAMR',
  holderKind: 'either',
  fields: [
    { key: 'enterprise.name', label: { zh: '企业名称', en: 'Enterprise name' } },
    { key: 'premises.address', label: { zh: '经营场所', en: 'Premises' } },
    { key: 'food.business_items', label: { zh: '经营项目', en: 'Business items' } },
  ],
  validityMonths: 60,
  sourceItems: ['SH-SAMR-XK-010'],
};
const fields = (i) => ({
  'enterprise.name': `上海示例餐饮有限公司第${i}分店`,
  'premises.address': `上海市黄浦区南京东路${i}号`,
  'food.business_items': '热食类食品制售；冷食类食品制售；自制饮品制售',
});

const name = `tongban_bench_${randomBytes(5).toString('hex')}`;
process.stdout.write(
  `licences: issue ${ISSUE.toLocaleString('en-US')}, verify ${VERIFY.toLocaleString('en-US')} on PostgreSQL (database ${name})\n`,
);
await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const db = await openPostgresDb(url.toString(), 4);
try {
  await migrate(db);
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
  const deps = { db, signer: createKeyStoreSigner(undefined), clock: systemClock, config };
  await db.transaction((tx) =>
    importDepartments(
      tx,
      [
        { id: 'SH', parentId: null, kind: 'city', nameZh: '上海市', nameEn: 'Shanghai' },
        { id: 'SH-SAMR', parentId: 'SH', kind: 'bureau', nameZh: '上海市市场监督管理局', nameEn: 'Shanghai Market Regulation Bureau' },
      ],
      { at: new Date() },
    ),
  );
  const issueOne = (i) =>
    db.transaction((tx) =>
      issueLicence(
        deps,
        tx,
        {
          type,
          issuerDepartmentId: 'SH-SAMR',
          holder: { kind: 'enterprise', id: `91310101MA1${String(i).padStart(6, '0')}X`, name: `上海示例餐饮有限公司第${i}分店` },
          fields: fields(i),
          validFrom: new Date(),
          source: 'import',
          importKey: `bench/${i}`,
        },
        { type: 'system', id: 'bench' },
      ),
    );
  for (let i = 0; i < 50; i++) await issueOne(-1 - i); // warm-up (and registers the type and issuer)

  // Baseline: one-row insert transactions of the same credential text.
  const [{ credential: sample }] = await db.query('select credential from licence limit 1');
  await db.query('create table bench_insert (id text primary key, credential text not null)');
  let t0 = performance.now();
  for (let i = 0; i < ISSUE; i++)
    await db.transaction((tx) => tx.query('insert into bench_insert values ($1, $2)', [randomUUID(), sample]));
  const baselineIssue = ISSUE / ((performance.now() - t0) / 1000);
  log(`baseline inserts: ${baselineIssue.toFixed(0)}/s`);

  t0 = performance.now();
  for (let i = 0; i < ISSUE; i++) await issueOne(i);
  const issueSeconds = (performance.now() - t0) / 1000;
  log(`issued ${ISSUE} in ${issueSeconds.toFixed(1)} s`);
  writeResult({
    name: 'licences-issue',
    unit: 'licences/s',
    value: ISSUE / issueSeconds,
    baseline_name: 'one-row insert transactions of the same credential',
    baseline_value: baselineIssue,
    details: { licences: ISSUE, seconds: issueSeconds },
  });

  // 10,000 distinct credentials, exactly as issuance builds and signs them (status indexes spread
  // over the issuer's first list), without 10,000 more rows.
  const issuer = await findIssuerBySlug(db, 'sh-samr');
  const credentials = [];
  for (let i = 0; i < VERIFY; i++) {
    const credential = buildCredential(config.PUBLIC_ORIGIN, {
      id: randomUUID(),
      licenceNumber: `JY${String(i).padStart(10, '0')}`,
      typeCode: type.code,
      typeName: type.name,
      issuer,
      holder: { kind: 'enterprise', id: `91310101MA1${String(i).padStart(6, '0')}X`, name: `上海示例餐饮有限公司第${i}分店` },
      fields: fields(i),
      validFrom: new Date(),
      validUntil: new Date(Date.now() + 365 * 86400_000),
      listSeq: 1,
      statusIndex: (i * 13) % 131_072,
    });
    credentials.push((await signCredential(deps.signer, issuer, credential, new Date())).jwt);
  }
  const key = await importJWK((await issuerKeys(deps.signer, issuer))[0].jwk, 'EdDSA');
  t0 = performance.now();
  for (const jwt of credentials) await compactVerify(jwt, key);
  const baselineVerify = VERIFY / ((performance.now() - t0) / 1000);
  log(`baseline signature checks: ${baselineVerify.toFixed(0)}/s`);

  t0 = performance.now();
  const statuses = {};
  for (const jwt of credentials) {
    const r = await verifyPresented(deps, { credential: jwt });
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  const verifySeconds = (performance.now() - t0) / 1000;
  if (statuses.valid !== VERIFY) throw new Error(`expected every credential valid, got ${JSON.stringify(statuses)}`);
  log(`verified ${VERIFY} in ${verifySeconds.toFixed(1)} s`);
  writeResult({
    name: 'licences-verify',
    unit: 'verifications/s',
    value: VERIFY / verifySeconds,
    baseline_name: 'bare JWS signature checks (jose) of the same credentials',
    baseline_value: baselineVerify,
    details: { credentials: VERIFY, seconds: verifySeconds, statuses, database: (await db.query('select version()'))[0].version },
  });
} finally {
  await db.close();
  await admin(`drop database if exists ${name} with (force)`);
}
