import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff, seedIdentityFixtures } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { asAttacker, sealAll } from '../../platform/audit/test-support.ts';

/**
 * What the audit console needs beyond the plain list: a date range, the CSV export of a search
 * (Excel-ready: UTF-8 with BOM, times in Asia/Shanghai, no formula injection) and a verifier
 * answer of bounded size.
 */
let t: TestApp;
let auditor: TestClient;

const at = (iso: string) => new Date(iso);
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  await seedIdentityFixtures(t.app);
  auditor = await loginStaff(t.app, 'auditor');
  const { db } = t.app.platform;
  const entries = [
    { when: '2026-03-01T10:00:00+08:00', id: 'L-1', detail: { note: '第一天' } },
    { when: '2026-03-02T10:00:00+08:00', id: 'L-2', detail: { note: '第二天, "引号"' } },
    { when: '2026-03-03T23:30:00+08:00', id: '=HYPERLINK("http://evil")', detail: { note: 'third' } },
  ];
  for (const e of entries) {
    await db.transaction((tx) =>
      recordAudit(tx, at(e.when), {
        actor: { type: 'staff', id: 'st-approver' },
        action: 'licences.licence.revoked',
        target: { type: 'console_licence', id: e.id },
        subject: '310115199001011220',
        detail: e.detail,
      }),
    );
  }
});
afterAll(() => t.close());

type ListBody = { items: { targetId: string; occurredAt: string }[] };

describe('GET /api/v1/audit with a date range', () => {
  it('keeps entries at or after `from` and before `to`', async () => {
    const res = await auditor.get(
      `/api/v1/audit?targetType=console_licence&from=${encodeURIComponent('2026-03-02T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-03T00:00:00+08:00')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ListBody).items.map((e) => e.targetId)).toEqual(['L-2']);
    const open = (
      await auditor.get(`/api/v1/audit?targetType=console_licence&from=${encodeURIComponent('2026-03-02T10:00:00+08:00')}`)
    ).json();
    expect((open as ListBody).items.map((e) => e.targetId)).toEqual(['=HYPERLINK("http://evil")', 'L-2']);
  });

  it('refuses a date that is not an ISO date-time, naming the field', async () => {
    const res = await auditor.get('/api/v1/audit?from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.from' });
  });
});

describe('GET /api/v1/audit/export.csv', () => {
  it('needs the audit.read permission', async () => {
    const clerk = await loginStaff(t.app, 'clerk');
    expect((await clerk.get('/api/v1/audit/export.csv')).statusCode).toBe(403);
  });

  it('answers the search as CSV: BOM, Shanghai time, quoted cells, formulas defused, newest first', async () => {
    const res = await auditor.get('/api/v1/audit/export.csv?targetType=console_licence');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-audit-\d{8}-\d{6}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.rawPayload.toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const lines = body.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('时间');
    expect(lines[0]).toContain('Asia/Shanghai');
    // Newest first; 23:30 in Shanghai is 15:30 UTC of the same day.
    expect(lines[1]).toContain('2026-03-03 23:30:00');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain('2026-03-02 10:00:00');
    expect(lines[2]).toContain('第二天, \\""引号\\""');
    expect(lines[3]).toContain('L-1');
    expect(lines[3]).toContain('licences.licence.revoked');
    expect(lines[3]).toContain('310115199001011220');
  });

  it('applies the same filters as the list, the date range included', async () => {
    const res = await auditor.get(
      `/api/v1/audit/export.csv?targetType=console_licence&to=${encodeURIComponent('2026-03-02T00:00:00+08:00')}`,
    );
    const lines = res.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('L-1');
  });

  it('records who exported what', async () => {
    await auditor.get('/api/v1/audit/export.csv?targetType=console_licence&actorId=st-approver');
    const rows = await t.app.platform.db.query<{ actor_id: string; detail: { filters: Record<string, unknown>; rows: number } }>(
      `select actor_id, detail from audit_log where action = 'audit.log.exported' order by id desc limit 1`,
    );
    expect(rows[0]).toMatchObject({
      actor_id: 'st-auditor',
      detail: { filters: { stream: 'audit', targetType: 'console_licence', actorId: 'st-approver' } },
    });
  });
});

describe('GET /api/v1/audit/verify for the console', () => {
  it('lists at most 100 findings and counts the rest', async () => {
    const { db, signer } = t.app.platform;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) {
        await recordAudit(tx, t.clock.now(), {
          actor: { type: 'system', id: 'bulk' },
          action: 'test.bulk.written',
          target: { type: 'bulk', id: String(i) },
          detail: { i },
        });
      }
    });
    await sealAll(db, signer, t.clock, 'audit');
    expect((await auditor.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    await asAttacker(db, (tx) => tx.query(`update audit_log set detail = '{"i": -1}' where target_type = 'bulk'`));
    const report = (await auditor.get('/api/v1/audit/verify')).json() as { ok: boolean; findings: unknown[]; findingsOmitted: number };
    expect(report.ok).toBe(false);
    expect(report.findings).toHaveLength(100);
    expect(report.findingsOmitted).toBeGreaterThan(0);
  });
});
