import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCatalogue } from '@tongban/seed';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, loginUser, makeIdNumber, people } from '../../../test/fixtures/identity-fixtures.ts';
import { testConfig } from '../../config.ts';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPgliteDb } from '../../platform/db/pglite-db.ts';
import { openPostgresDb } from '../../platform/db/postgres-db.ts';
import { importDepartments } from '../identity/index.ts';
import { createLicencesWorld, decodePayload, type LicencesWorld } from './testing/world.ts';
import { ImportFileError, importLicences } from './use-cases/import.ts';
import { registerLicenceTypes } from './use-cases/types.ts';

const demo = buildDemoCatalogue().map((item) => ({ code: item.code, content: item }));
const teacherType = 'TEACHER-QUALIFICATION-CERTIFICATE';
const header = 'holderId,holderName,licenceNumber,validFrom,validUntil,teacher.school_level,teacher.subject';

describe('import of existing licences', () => {
  let w: LicencesWorld;
  let registered: number;
  beforeAll(async () => {
    w = await createLicencesWorld();
    const { db, clock } = w.app.platform;
    registered = (await db.transaction((tx) => registerLicenceTypes(tx, clock.now(), demo))).types;
  });
  afterAll(() => w?.close());

  it('registers every licence type the demo catalogue defines', async () => {
    expect(registered).toBe(85);
    const list = (await w.anonymous().get('/api/v1/licences/types')).json().items as { code: string }[];
    expect(list.length).toBeGreaterThanOrEqual(85);
    const business = (await w.anonymous().get('/api/v1/licences/types/BUSINESS-LICENCE')).json();
    expect(business).toMatchObject({ name: { zh: '营业执照' }, issuingDepartmentId: 'SH-SAMR', holderKind: 'either', validityMonths: 0 });
    expect(business.sourceItems).toEqual(expect.arrayContaining(['SH-SAMR-XK-001', 'SH-SAMR-XK-002']));
    // Contact numbers and agents describe the application, not the licence.
    expect(business.fields.map((f: { key: string }) => f.key)).not.toEqual(expect.arrayContaining(['agent.name']));
    expect(business.fields.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['enterprise.name', 'enterprise.business_scope', 'enterprise.legal_representative']),
    );
    // A business licence is shown to anyone: it names the legal representative, never an ID number.
    expect(business.fields.filter((f: { key: string }) => /id_number$/.test(f.key))).toEqual([]);
  });

  it('issues valid rows into wallets, reports rejected ones, and skips what it imported before', async () => {
    const deps = w.app.platform;
    const csv = [
      header,
      `${people.alice.idNumber},${people.alice.name},T2020001,2020-09-01,,高级中学,"数学,物理"`,
      `${people.dave.idNumber},${people.dave.name},T2020002,2020-09-01,2030-08-31,初级中学,语文`,
      `${people.alice.idNumber.slice(0, 17)}${people.alice.idNumber.endsWith('1') ? '2' : '1'},王五,T2020003,2020-09-01,,小学,英语`,
      `${w.enterprises.tech.creditCode},某公司,T2020004,2020-09-01,,小学,英语`,
      `${people.erin.idNumber},${people.erin.name},T2020005,2020-13-01,,小学,英语`,
      `${people.erin.idNumber},${people.erin.name},T2020001,2020-09-01,,小学,英语`,
    ].join('\n');
    const input = { text: csv, format: 'csv' as const, typeCode: teacherType, departmentId: 'SH-PD-SAMR' };
    const report = await importLicences(deps, input);
    expect(report).toMatchObject({ total: 6, imported: 2, alreadyImported: 0 });
    expect(report.rejected.map((r) => r.row)).toEqual([4, 5, 6, 7]);
    expect(report.rejected[0]?.reasons.join()).toContain('holderId');
    expect(report.rejected[1]?.reasons.join()).toContain('个人');
    expect(report.rejected[2]?.reasons.join()).toContain('validFrom');
    expect(report.rejected[3]?.reasons.join()).toContain('row 2');

    const again = await importLicences(deps, input);
    expect(again).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect(again.rejected).toHaveLength(4);

    const mine = (await (await loginUser(w.app, 'alice')).get(`/api/v1/licences/mine?type=${teacherType}`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      licenceNumber: 'T2020001',
      source: 'import',
      validUntil: null,
      validFrom: '2020-08-31T16:00:00.000Z',
    });
    const detail = (await (await loginUser(w.app, 'alice')).get(`/api/v1/licences/${mine.items[0].id}`)).json();
    expect(detail.fields).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'teacher.subject', value: '数学,物理' })]));
    expect(decodePayload(detail.credential).validUntil).toBeUndefined();
    const verified = (await w.anonymous().post('/api/v1/licences/verify', { credential: detail.credential })).json();
    expect(verified).toMatchObject({ status: 'valid', licenceNumber: 'T2020001', issuer: { departmentId: 'SH-PD-SAMR' } });
  });

  it('refuses files it cannot read: unknown columns, unknown types, broken JSON', async () => {
    const deps = w.app.platform;
    const base = { format: 'csv' as const, typeCode: teacherType, departmentId: 'SH-PD-SAMR' };
    await expect(importLicences(deps, { ...base, text: `${header},shoeSize\n` })).rejects.toThrow(/shoeSize/);
    await expect(importLicences(deps, { ...base, text: header, typeCode: 'NO-SUCH-TYPE' })).rejects.toBeInstanceOf(ImportFileError);
    await expect(importLicences(deps, { ...base, text: '{', format: 'json' })).rejects.toBeInstanceOf(ImportFileError);
    await expect(importLicences(deps, { ...base, text: header, departmentId: 'SH-NOWHERE' })).rejects.toMatchObject({
      code: 'IDENTITY_DEPARTMENT_NOT_FOUND',
    });
  });
});

// The CLI as an operator runs it: a separate process on the same configuration.
const cliPath = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const adminUrl = testConfig().TEST_PG_ADMIN_URL;

describe(`licences import on the command line (${adminUrl ? 'postgres' : 'pglite'})`, { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'tongban-licences-'));
  const env: Record<string, string> = { DATA_DIR: join(work, 'data'), KEYS_DIR: join(work, 'keys') };
  let database: string | undefined;
  let open: () => Promise<Db>;

  beforeAll(async () => {
    if (adminUrl) {
      database = `tongban_lic_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      env.DATABASE_URL = url.toString();
      open = () => openPostgresDb(url.toString(), 2);
    } else open = () => openPgliteDb(env.DATA_DIR as string);
    const db = await open();
    try {
      await migrate(db);
      await db.transaction(async (tx) => {
        await importDepartments(tx, departments, { at: new Date() });
        await registerLicenceTypes(tx, new Date(), demo);
      });
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    if (database && adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });

  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], {
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  it('exits 1 and lists rejected rows, 0 when every row is in, 2 on a bad file', async () => {
    const someone = makeIdNumber('310115', '19700101', 35);
    const csvFile = join(work, 'licences.csv');
    writeFileSync(
      csvFile,
      `${header}\n${someone},赵六,SH2019001,2019-07-01,,高级中学,化学\nnot-an-id,钱七,SH2019002,2019-07-01,,小学,音乐\n`,
    );
    const partly = await cli('licences', 'import', csvFile, '--type', teacherType, '--department', 'SH-SAMR');
    expect(partly.code, partly.stderr).toBe(1);
    expect(partly.stdout).toContain('imported: 1');
    expect(partly.stdout).toMatch(/row 3 \(SH2019002\): holderId/);

    const jsonFile = join(work, 'licences.json');
    writeFileSync(
      jsonFile,
      JSON.stringify([
        {
          holderId: someone,
          holderName: '赵六',
          licenceNumber: 'SH2019001',
          validFrom: '2019-07-01',
          fields: { 'teacher.subject': '化学' },
        },
        { holderId: people.bob.idNumber, holderName: people.bob.name, licenceNumber: 'SH2019003', fields: { 'teacher.subject': '体育' } },
      ]),
    );
    const all = await cli('licences', 'import', jsonFile, '--type', teacherType, '--department', 'SH-SAMR', '--json');
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ total: 2, imported: 1, alreadyImported: 1, rejected: [] });

    const bad = await cli('licences', 'import', csvFile, '--type', 'NO-SUCH-TYPE', '--department', 'SH-SAMR');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--item');

    const db = await open();
    try {
      const rows = await db.query<{ holder_id: string; credential: string }>(
        `select holder_id, credential from licence where type_code = $1 order by licence_no`,
        [teacherType],
      );
      expect(rows.map((r) => r.holder_id)).toEqual([someone, people.bob.idNumber]);
      expect(decodePayload(rows[0]?.credential as string)).toMatchObject({ issuer: { id: expect.stringContaining(':issuers:sh-samr') } });
    } finally {
      await db.close();
    }
  });
});
