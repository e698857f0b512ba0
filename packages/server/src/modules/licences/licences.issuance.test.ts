import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicencesWorld, decodePayload, type LicencesWorld } from './testing/world.ts';
import { createConclusionHook, issueForCase, issuePendingLicences } from './use-cases/issue.ts';

let w: LicencesWorld;
beforeAll(async () => {
  w = await createLicencesWorld();
});
afterAll(() => w?.close());

const count = async (sql: string, params: unknown[]) => ((await w.app.platform.db.query<{ n: number }>(sql, params))[0] as { n: number }).n;

describe('issuance on approval', () => {
  it('records the request in the approving transaction and issues a signed credential into the wallet', async () => {
    const { caseId, trackingNumber } = await w.approvedCase();
    // The outbox row and its job exist as soon as the approval committed; no licence yet.
    const [request] = await w.app.platform.db.query<{ state: string }>('select state from licence_issuance where case_id = $1', [caseId]);
    expect(request?.state).toBe('pending');
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'licences.issue' and data->>'caseId' = $1`, [caseId])).toBe(
      1,
    );
    expect(await count('select count(*)::int as n from licence where case_id = $1', [caseId])).toBe(0);

    const outcome = await issueForCase(w.app.platform, caseId);
    expect(outcome.state).toBe('issued');

    const alice = await w.user('alice');
    const mine = await alice.get('/api/v1/licences/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    const item = mine.json().items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(item).toMatchObject({
      type: 'FOOD-BUSINESS-LICENCE',
      name: { zh: '食品经营许可证' },
      licenceNumber: `ZS${trackingNumber}`,
      status: 'active',
      expired: false,
      holder: { kind: 'person', id: w.people.alice.idNumber, name: w.people.alice.name },
      issuer: { departmentId: 'SH-PD-SAMR', id: 'did:web:localhost%3A8080:api:v1:licences:issuers:sh-pd-samr' },
    });
    // Five years from the decision (2026-03-02, China time).
    expect(item.validUntil).toBe('2031-03-01T16:00:00.000Z');

    const detail = (await alice.get(`/api/v1/licences/${item.id}`)).json();
    expect(detail.fields).toEqual(
      expect.arrayContaining([{ key: 'business.scope', label: { zh: '经营范围', en: 'Business scope' }, value: '软件开发' }]),
    );
    const [header] = detail.credential.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const vc = decodePayload(detail.credential);
    expect(vc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'http://localhost:8080/api/v1/licences/contexts/v1'],
      id: `urn:uuid:${item.id}`,
      type: ['VerifiableCredential', 'ElectronicLicence'],
      issuer: { id: item.issuer.id },
      validUntil: '2031-03-01T16:00:00Z',
      credentialSubject: { licenceType: 'FOOD-BUSINESS-LICENCE', holderId: w.people.alice.idNumber, caseTrackingNumber: trackingNumber },
    });
    expect((vc.credentialStatus as { statusPurpose: string }[]).map((s) => s.statusPurpose)).toEqual(['revocation', 'suspension']);

    const file = await alice.get(`/api/v1/licences/${item.id}/credential`);
    expect(file.headers['content-type']).toContain('application/vc+jwt');
    expect(file.body).toBe(detail.credential);

    // The issuance is audited, and the applicant is told.
    expect(
      await count(`select count(*)::int as n from audit_log where action = 'licences.licence.issued' and target_id = $1`, [item.id]),
    ).toBe(1);
    expect(await count(`select count(*)::int as n from notification where kind = 'licences.issued' and case_id = $1`, [caseId])).toBe(1);
  });

  it('issues exactly once however often the job runs, also concurrently', async () => {
    const { caseId } = await w.approvedCase();
    const outcomes = await Promise.all([
      issueForCase(w.app.platform, caseId),
      issueForCase(w.app.platform, caseId),
      issueForCase(w.app.platform, caseId),
    ]);
    expect(outcomes.filter((o) => o.state === 'issued')).toHaveLength(1);
    expect(outcomes.filter((o) => o.state === 'already_issued')).toHaveLength(2);
    expect((await issueForCase(w.app.platform, caseId)).state).toBe('already_issued');
    await issuePendingLicences(w.app.platform);
    expect(await count('select count(*)::int as n from licence where case_id = $1', [caseId])).toBe(1);
  });

  it('leaves nothing behind when issuance crashes half-way, and issues once on the retry', async () => {
    const { caseId } = await w.approvedCase();
    const db = w.app.platform.db;
    // A failure after the licence row is written but before the outbox row is marked issued.
    // The server's role may not create functions or triggers: the schema owner does.
    await w.asOwner(async (sql) => {
      await sql.query(`create function licences_test_crash() returns trigger language plpgsql as $$
        begin raise exception 'simulated crash'; end $$`);
      await sql.query(`create trigger licences_test_crash before update on licence_issuance for each row
        when (new.state = 'issued') execute function licences_test_crash()`);
    });
    try {
      await expect(issueForCase(w.app.platform, caseId)).rejects.toThrow(/simulated crash/);
      expect(await count('select count(*)::int as n from licence where case_id = $1', [caseId])).toBe(0);
      const [row] = await db.query<{ state: string; attempts: number; last_error: string }>(
        'select state, attempts, last_error from licence_issuance where case_id = $1',
        [caseId],
      );
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row?.last_error).toContain('simulated crash');
    } finally {
      await w.asOwner(async (sql) => {
        await sql.query('drop trigger licences_test_crash on licence_issuance');
        await sql.query('drop function licences_test_crash()');
      });
    }
    const swept = await issuePendingLicences(w.app.platform);
    expect(swept.issued).toBeGreaterThanOrEqual(1);
    expect(await count('select count(*)::int as n from licence where case_id = $1', [caseId])).toBe(1);
  });

  it('asks once when the conclusion is retried', async () => {
    const { caseId } = await w.approvedCase();
    const approver = await w.staff('approver');
    const again = await w.act(approver, caseId, 'decide', {
      outcome: 'approved',
      reasons: '再次',
      legalBasis: [{ law: '《行政许可法》' }],
    });
    expect(again.statusCode).toBe(409);
    // The hook itself is idempotent too: a second call for the same case adds nothing.
    const [c] = await w.app.platform.db.query<{ catalogue_version_id: string }>(
      'select catalogue_version_id from case_file where id = $1',
      [caseId],
    );
    const hook = createConclusionHook(w.app.platform);
    await w.app.platform.db.transaction((sql) =>
      hook({
        sql,
        at: w.clock.now(),
        caseId,
        trackingNumber: 'X',
        itemCode: 'LIC-FOOD',
        catalogueVersionId: c?.catalogue_version_id as string,
        outcome: 'approved',
        applicant: {
          type: 'person',
          idNumber: w.people.alice.idNumber,
          name: '张丽',
          userId: 'u-alice',
          enterpriseCreditCode: null,
          enterpriseName: null,
        },
        responsibleDepartmentId: 'SH-PD-SAMR',
        form: {},
        certificateNumber: null,
        decidedBy: { type: 'staff', id: 'st-approver', name: null, departmentId: 'SH-PD-SAMR' },
      }),
    );
    expect(await count('select count(*)::int as n from licence_issuance where case_id = $1', [caseId])).toBe(1);
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'licences.issue' and data->>'caseId' = $1`, [caseId])).toBe(
      1,
    );
  });

  it('issues nothing for a refused case or an item without a licence result', async () => {
    const refused = await w.apply();
    await w.act(await w.staff('st-samr-clerk'), refused.caseId, 'accept', { opinion: 'ok' });
    const res = await w.act(await w.staff('approver'), refused.caseId, 'decide', {
      outcome: 'refused',
      reasons: '不符合条件',
      legalBasis: [{ law: '《行政许可法》' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { caseId } = await w.approvedCase({ item: 'LIC-NONE', enterprise: w.enterprises.preRegistered.creditCode });
    expect(await count('select count(*)::int as n from licence_issuance where case_id = any($1::text[])', [[refused.caseId, caseId]])).toBe(
      0,
    );
  });

  it('puts an enterprise case’s licence in the enterprise wallet, seen by its representative and agent only', async () => {
    const code = w.enterprises.preRegistered.creditCode;
    const id = await w.issuedLicence({ who: 'erin', enterprise: code });
    for (const who of ['alice', 'erin'] as const) {
      const mine = (await (await w.user(who)).get(`/api/v1/licences/mine?holder=${code}`)).json();
      expect(mine.items.map((i: { id: string }) => i.id)).toContain(id);
    }
    const detail = (await (await w.user('alice')).get(`/api/v1/licences/${id}`)).json();
    expect(detail.holder).toEqual({ kind: 'enterprise', id: code, name: w.enterprises.preRegistered.name });
    // Not dave's: the same 404 as a licence that does not exist.
    const dave = await w.user('dave');
    const denied = await dave.get(`/api/v1/licences/${id}`);
    const missing = await dave.get('/api/v1/licences/00000000-0000-4000-8000-000000000000');
    expect([denied.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(denied.json()).toEqual(missing.json());
    expect((await dave.get(`/api/v1/licences/${id}/credential`)).statusCode).toBe(404);
    expect((await dave.get('/api/v1/licences/mine')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    // Staff of the issuing department may read it; of another department not.
    expect((await (await w.staff('approver')).get(`/api/v1/licences/${id}`)).statusCode).toBe(200);
    expect((await (await w.staff('st-psb-approver')).get(`/api/v1/licences/${id}`)).statusCode).toBe(404);
    expect((await w.anonymous().get('/api/v1/licences/mine')).statusCode).toBe(401);
  });
});
