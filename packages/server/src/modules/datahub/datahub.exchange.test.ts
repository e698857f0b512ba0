import { createHash, randomUUID } from 'node:crypto';
import { isUnstorableText } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakCheckChar, loginStaff, staff, strangerIdNumber } from '../../../test/fixtures/identity-fixtures.ts';
import { presentAtWindow } from '../../../test/fixtures/presence.ts';
import { asAttacker, sealAll } from '../../platform/audit/test-support.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { listOpenObjections, markObjectionForwarded } from './index.ts';
import { createHubWorld, enterprises, exchanges, family, fileOnline, type HubWorld, people } from './testing/world.ts';

let w: HubWorld;
let permitCase: { caseId: string; trackingNumber: string };
beforeAll(async () => {
  w = await createHubWorld();
  permitCase = await fileOnline(w, 'gina', 'DH-PERMIT', {
    form: { 'applicant.name': family.gina.name, 'applicant.id_number': family.gina.idNumber },
  });
}, 240_000);
afterAll(() => w.close());

const query = async (body: Record<string, unknown>) => (await w.staff('pdReviewer')).post('/api/v1/datahub/query', body);

describe('once-only at filing', () => {
  it('fetches every hub material under the seeded grants and attaches it with its provenance', async () => {
    const gina = await w.user('gina');
    const detail = (await gina.get(`/api/v1/cases/${permitCase.caseId}`)).json();
    const materials = detail.materials.map(
      (m: { materialId: string; provenance: string; state: string }) => `${m.materialId}:${m.provenance}:${m.state}`,
    );
    expect(materials.sort()).toEqual(['id_card:datahub:attached', 'marriage_certificate:datahub:attached']);
    const sourceRefs = detail.materials.map((m: { sourceRef: string }) => m.sourceRef);

    const res = await gina.get(`/api/v1/datahub/cases/${permitCase.caseId}/supplies`);
    expect(res.statusCode, res.body).toBe(200);
    const supplies = res.json().items as {
      id: string;
      materialId: string;
      providerDepartmentName: string;
      records: Record<string, unknown>[];
      sha256: string;
      state: string;
    }[];
    expect(supplies.map((s) => `datahub:${s.id}`).sort()).toEqual(sourceRefs.sort());
    const marriage = supplies.find((s) => s.materialId === 'marriage_certificate');
    expect(marriage).toMatchObject({ state: 'attached', providerDepartmentName: '上海市民政局' });
    // Only the fields the material names, consistent with the population registry's spouse.
    expect(marriage?.records).toEqual([
      { id_number: family.gina.idNumber, spouse_name: family.hank.name, spouse_id_number: family.hank.idNumber, marital_status: 'married' },
    ]);
    const sorted = marriage?.records.map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))));
    expect(marriage?.sha256).toBe(createHash('sha256').update(JSON.stringify(sorted)).digest('hex'));
    expect(supplies.find((s) => s.materialId === 'id_card')?.providerDepartmentName).toBe('上海市公安局');

    const logged = await exchanges(w.app, 'case_id = $1', [permitCase.caseId]);
    expect(logged.map((e) => `${e.channel}:${e.resource_code}:${e.result}:${e.consumer_department_id}`).sort()).toEqual([
      'filing:MARRIAGE:ok:SH-PD-SAMR',
      'filing:POPULATION:ok:SH-PD-SAMR',
    ]);
  });

  it('keeps values out of the exchange log: fields are named, never their contents', async () => {
    const [entry] = await w.app.platform.db.query<{ detail: Record<string, unknown>; subject: string; action: string }>(
      `select detail, subject, action from audit_log where stream = 'exchange' and detail->>'caseId' = $1 and target_id = 'MARRIAGE'`,
      [permitCase.caseId],
    );
    expect(entry?.action).toBe('datahub.exchange.succeeded');
    expect(entry?.subject).toBe(family.gina.idNumber);
    expect(entry?.detail).toMatchObject({
      consumer: 'SH-PD-SAMR',
      provider: 'SH-CA',
      fields: ['id_number', 'spouse_name', 'spouse_id_number', 'marital_status'],
      result: 'ok',
    });
    expect(JSON.stringify(entry?.detail)).not.toContain(family.hank.name);
  });
});

describe('a staff query states consumer, purpose, case and subject, or is refused', () => {
  const base = () => ({
    resource: 'POPULATION',
    fields: ['name', 'id_number'],
    purpose: '核验申请人身份',
    caseId: permitCase.caseId,
    subject: family.gina.idNumber,
  });

  it('answers a query that is inside the grant, for a party to the case', async () => {
    const res = await query(base());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      resource: 'POPULATION',
      providerDepartmentId: 'SH-PSB',
      records: [{ name: family.gina.name, id_number: family.gina.idNumber }],
    });
  });

  it('logs each of several concurrent queries once, each projection row naming its own log entry', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => query(base())));
    const ids = answers.map((res) => {
      expect(res.statusCode, res.body).toBe(200);
      return res.json().exchangeId as string;
    });
    const rows = await w.app.platform.db.query<{
      id: string;
      result: string;
      entry_exchange: string;
      entry_stream: string;
      action: string;
    }>(
      `select x.id, x.result, l.detail->>'exchangeId' as entry_exchange, l.stream as entry_stream, l.action
       from datahub_exchange x join audit_log l on l.id = x.log_entry_id where x.id = any($1)`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect(row).toMatchObject({ result: 'ok', entry_exchange: row.id, entry_stream: 'exchange', action: 'datahub.exchange.succeeded' });
    }
  });

  it.each([
    ['no purpose', { purpose: undefined }, 400, 'DATAHUB_PURPOSE_REQUIRED'],
    ['a blank purpose', { purpose: '  ' }, 400, 'DATAHUB_PURPOSE_REQUIRED'],
    ['no case', { caseId: undefined }, 400, 'DATAHUB_PURPOSE_REQUIRED'],
    ['a subject not party to the case', { subject: people.alice.idNumber }, 403, 'DATAHUB_SUBJECT_NOT_IN_CASE'],
    ['a field outside the grant', { fields: ['name', 'residence_address'] }, 403, 'DATAHUB_FIELD_NOT_GRANTED'],
    ['a resource without a grant', { resource: 'DRIVING-LICENCE', fields: ['licence_number'] }, 403, 'DATAHUB_NO_GRANT'],
    ['a field the resource lacks', { fields: ['shoe_size'] }, 400, 'VALIDATION_FAILED'],
    ['an unknown resource', { resource: 'NO-SUCH-THING' }, 404, 'DATAHUB_RESOURCE_NOT_FOUND'],
  ])('refuses %s (and logs the refusal)', async (_label, change, status, code) => {
    const before = (await exchanges(w.app, 'result = $1', [code])).length;
    const res = await query({ ...base(), ...change });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.body).not.toContain(family.gina.name);
    expect((await exchanges(w.app, 'result = $1', [code])).length).toBe(before + 1);
  });

  it.each([
    ['a NUL in the purpose', { purpose: '核验\u0000身份' }, 'body.purpose'],
    ['a lone surrogate in the purpose', { purpose: '核验\ud800身份' }, 'body.purpose'],
    ['a noncharacter in a field name', { fields: ['name', 'id\uffff'] }, 'body.fields.1'],
    ['a purpose over 500 characters', { purpose: '长'.repeat(501) }, 'body.purpose'],
    ['a case id that is not one', { caseId: 'not-a-uuid' }, 'body.caseId'],
    ['a field name that is not one', { fields: ['Name!'] }, 'body.fields.0'],
  ])("refuses input with %s before the query runs, and still writes the refusal to the subject's log", async (_label, change, field) => {
    const before = await exchanges(w.app, 'subject = $1 and result = $2', [family.gina.idNumber, 'VALIDATION_FAILED']);
    const res = await query({ ...base(), ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    const after = await exchanges(w.app, 'subject = $1 and result = $2', [family.gina.idNumber, 'VALIDATION_FAILED']);
    expect(after.length).toBe(before.length + 1);
    const [entry] = await w.app.platform.db.query<{
      consumer_department_id: string;
      actor_id: string;
      purpose: string | null;
      channel: string;
    }>(
      `select consumer_department_id, actor_id, purpose, channel from datahub_exchange
        where subject = $1 and result = 'VALIDATION_FAILED' order by at desc, id limit 1`,
      [family.gina.idNumber],
    );
    expect(entry).toMatchObject({ consumer_department_id: 'SH-PD-SAMR', channel: 'query' });
    // What was stored is storable: the refused characters are replaced, the length bounded.
    expect(isUnstorableText(entry?.purpose ?? '')).toBe(false);
    // The person sees it among the uses of their data.
    const gina = await w.user('gina');
    const uses = (await gina.get('/api/v1/datahub/my-data-usage')).json();
    expect(JSON.stringify(uses)).toContain('VALIDATION_FAILED');
  });

  it('logs nothing for a refused query whose subject cannot be told (there is no one to show it to)', async () => {
    const count = async () => (await w.app.platform.db.query<{ n: number }>('select count(*)::int as n from datahub_exchange'))[0]?.n;
    const before = await count();
    const res = await query({ ...base(), subject: '3101\u0000' });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.subject' });
    expect(await count()).toBe(before);
  });

  it('refuses a resource that is not shared', async () => {
    const psb = await w.staff('psb');
    const created = await psb.post('/api/v1/datahub/resources', {
      code: 'CRIMINAL-RECORD',
      name: { zh: '违法犯罪记录', en: 'Criminal records' },
      subjectKind: 'person',
      subjectField: 'id_number',
      updateFrequency: 'daily',
      sharingClass: 'not_shared',
      provider: { kind: 'registry', adapter: 'population' },
      fields: [{ name: 'id_number', element: 'resident_id_number', personal: true }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ownerDepartmentId: 'SH-PSB', sharingClass: 'not_shared' });
    const res = await query({ ...base(), resource: 'CRIMINAL-RECORD', fields: ['id_number'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('DATAHUB_NOT_SHARED');
    const grant = await (await w.staff('pdSamr')).post('/api/v1/datahub/grants', {
      resource: 'CRIMINAL-RECORD',
      fields: ['id_number'],
      purpose: '核查违法犯罪记录',
      items: ['DH-PERMIT'],
    });
    expect(grant.json().code).toBe('DATAHUB_NOT_SHARED');
  });

  it('lets nobody without a session or staff role query', async () => {
    expect((await w.app.inject({ method: 'POST', url: '/api/v1/datahub/query', payload: base() })).statusCode).toBe(401);
    const gina = await w.user('gina');
    expect((await gina.post('/api/v1/datahub/query', base())).statusCode).toBe(403);
  });
});

describe('grants: request, approve, expire, revoke, refuse', () => {
  let certCase: { caseId: string; platformMaterials: { materialId: string; state: string }[] };

  it('leaves a material pending when no grant covers the item, and keeps the case', async () => {
    certCase = await fileOnline(w, 'gina', 'DH-CERT');
    expect(certCase.platformMaterials).toEqual([{ materialId: 'id_card', state: 'pending' }]);
    const supplies = (await (await w.user('gina')).get(`/api/v1/datahub/cases/${certCase.caseId}/supplies`)).json().items;
    expect(supplies).toMatchObject([{ materialId: 'id_card', state: 'refused', reason: 'DATAHUB_NO_GRANT', records: null }]);
  });

  it('runs the whole lifecycle under a manual clock', async () => {
    const pdSamr = await w.staff('pdSamr');
    const psb = await w.staff('psb');
    const certQuery = () =>
      query({
        resource: 'POPULATION',
        fields: ['name', 'id_number'],
        purpose: '出具证明',
        caseId: certCase.caseId,
        subject: family.gina.idNumber,
      });

    const requested = await pdSamr.post('/api/v1/datahub/grants', {
      resource: 'POPULATION',
      fields: ['name', 'id_number'],
      purpose: '出具证明须核验身份',
      items: ['DH-CERT'],
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const grant = requested.json();
    expect(grant).toMatchObject({ status: 'requested', consumerDepartmentId: 'SH-PD-SAMR', ownerDepartmentId: 'SH-PSB' });
    expect((await certQuery()).json().code).toBe('DATAHUB_NO_GRANT');

    // Only the owning department decides, and only once.
    const other = await (await w.staff('samr')).post(`/api/v1/datahub/grants/${grant.id}/actions/approve`, {});
    expect(other.json().code).toBe('DATAHUB_NOT_OWNER');
    expect((await pdSamr.post(`/api/v1/datahub/grants/${grant.id}/actions/approve`, {})).statusCode).toBe(403);
    const expiresAt = new Date(w.clock.now().getTime() + 86_400_000).toISOString();
    const approved = await psb.post(`/api/v1/datahub/grants/${grant.id}/actions/approve`, { expiresAt, note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', expiresAt });
    expect((await psb.post(`/api/v1/datahub/grants/${grant.id}/actions/approve`, {})).json().code).toBe('DATAHUB_GRANT_INVALID_TRANSITION');

    expect((await certQuery()).statusCode).toBe(200);
    // Fields beyond the grant stay refused even now.
    const wider = await query({
      resource: 'POPULATION',
      fields: ['name', 'sex'],
      purpose: '出具证明',
      caseId: certCase.caseId,
      subject: family.gina.idNumber,
    });
    expect(wider.json()).toMatchObject({ code: 'DATAHUB_FIELD_NOT_GRANTED', details: { notGranted: ['sex'] } });

    w.clock.advance(2 * 86_400_000);
    const expired = await certQuery();
    expect(expired.json(), expired.body).toMatchObject({ code: 'DATAHUB_NO_GRANT', details: { reason: 'expired' } });
    expect((await psb.get(`/api/v1/datahub/grants/${grant.id}`)).json().status).toBe('expired');

    const again = (
      await pdSamr.post('/api/v1/datahub/grants', {
        resource: 'POPULATION',
        fields: ['name', 'id_number'],
        purpose: '出具证明须核验身份',
        items: ['DH-CERT'],
      })
    ).json();
    await psb.post(`/api/v1/datahub/grants/${again.id}/actions/approve`, {});
    expect((await certQuery()).statusCode).toBe(200);
    const revoked = await psb.post(`/api/v1/datahub/grants/${again.id}/actions/revoke`, { reason: '用途已结束' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: '用途已结束' });
    const afterRevoke = await certQuery();
    expect(afterRevoke.json(), afterRevoke.body).toMatchObject({ code: 'DATAHUB_NO_GRANT', details: { reason: 'revoked' } });

    const third = (
      await pdSamr.post('/api/v1/datahub/grants', { resource: 'POPULATION', fields: ['name'], purpose: '再次申请', items: ['DH-CERT'] })
    ).json();
    const refused = await psb.post(`/api/v1/datahub/grants/${third.id}/actions/refuse`, { reason: '理由不充分' });
    expect(refused.json()).toMatchObject({ status: 'refused', decisionNote: '理由不充分' });
    expect((await psb.post(`/api/v1/datahub/grants/${third.id}/actions/revoke`, { reason: '误操作撤销' })).json().code).toBe(
      'DATAHUB_GRANT_INVALID_TRANSITION',
    );

    const mine = (await pdSamr.get('/api/v1/datahub/grants?role=consumer&resource=POPULATION'))
      .json()
      .items.map((g: { status: string }) => g.status);
    expect(mine).toEqual(expect.arrayContaining(['expired', 'revoked', 'refused', 'approved']));
    const audit = await w.app.platform.db.query<{ action: string }>(
      `select action from audit_log where stream = 'audit' and action like 'datahub.grant.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['datahub.grant.requested', 'datahub.grant.approved', 'datahub.grant.revoked', 'datahub.grant.refused']),
    );
  });

  it('needs no grant for a resource shared unconditionally, but still a purpose', async () => {
    const alice = await w.user('alice');
    const filed = await alice.post(
      '/api/v1/cases',
      { itemCode: 'DH-ENT', enterpriseCreditCode: enterprises.preRegistered.creditCode, form: {}, materials: [] },
      { 'idempotency-key': randomUUID() },
    );
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().platformMaterials).toEqual([
      { materialId: 'enterprise_record', state: 'attached' },
      { materialId: 'tax_record', state: 'attached' },
    ]);
    expect(
      await w.app.platform.db.query(`select 1 from datahub_grant where resource_code in ('ENTERPRISE-REGISTRATION', 'TAX-REGISTRATION')`),
    ).toEqual([]);
    const enterpriseQuery = (purpose: string | undefined) =>
      query({
        resource: 'ENTERPRISE-REGISTRATION',
        fields: ['name', 'status'],
        purpose,
        caseId: filed.json().caseId,
        subject: enterprises.preRegistered.creditCode,
      });
    expect((await enterpriseQuery(undefined)).json().code).toBe('DATAHUB_PURPOSE_REQUIRED');
    const ok = await enterpriseQuery('核验企业登记状态');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().records).toEqual([{ name: enterprises.preRegistered.name, status: 'active' }]);
  });
});

describe('consent where the law requires it', () => {
  it('refuses a consent-bound field until the applicant consents, shows it beforehand, and respects withdrawal', async () => {
    const pdSamr = await w.staff('pdSamr');
    const hpf = await w.staff('hpf');
    const g = (
      await pdSamr.post('/api/v1/datahub/grants', {
        resource: 'HOUSING-FUND',
        fields: ['id_number', 'account_number', 'balance'],
        purpose: '提取公积金核验余额',
        items: ['DH-FUND'],
      })
    ).json();
    expect((await hpf.post(`/api/v1/datahub/grants/${g.id}/actions/approve`, {})).statusCode).toBe(200);

    const gina = await w.user('gina');
    const preview = (await gina.get('/api/v1/datahub/preview?item=DH-FUND')).json();
    expect(preview.materials).toEqual([
      expect.objectContaining({
        materialId: 'fund_record',
        resource: 'HOUSING-FUND',
        providerDepartmentName: '上海市住房公积金管理中心',
        available: true,
        consentRequired: true,
        consentGiven: false,
      }),
    ]);
    expect(preview.materials[0].fields.map((f: { label: { zh: string } }) => f.label.zh)).toEqual([
      '公民身份号码',
      '个人公积金账号',
      '账户余额（元）',
    ]);

    const without = await fileOnline(w, 'gina', 'DH-FUND');
    expect(without.platformMaterials).toEqual([{ materialId: 'fund_record', state: 'pending' }]);
    expect((await exchanges(w.app, 'case_id = $1', [without.caseId]))[0]?.result).toBe('DATAHUB_CONSENT_REQUIRED');

    const consent = await gina.post('/api/v1/datahub/consents', { item: 'DH-FUND' });
    expect(consent.statusCode, consent.body).toBe(201);
    expect(consent.json().items).toEqual([
      expect.objectContaining({ item: 'DH-FUND', resources: ['HOUSING-FUND'], subject: family.gina.idNumber }),
    ]);
    expect((await gina.get('/api/v1/datahub/preview?item=DH-FUND')).json().materials[0].consentGiven).toBe(true);

    const withConsent = await fileOnline(w, 'gina', 'DH-FUND');
    expect(withConsent.platformMaterials).toEqual([{ materialId: 'fund_record', state: 'attached' }]);
    const supply = (await gina.get(`/api/v1/datahub/cases/${withConsent.caseId}/supplies`)).json().items[0];
    expect(supply.records).toEqual([{ id_number: family.gina.idNumber, account_number: '310199990001', balance: 86543.21 }]);

    const withdrawn = await gina.request('DELETE', `/api/v1/datahub/consents/${consent.json().items[0].id}`);
    expect(withdrawn.json().items[0].withdrawnAt).not.toBeNull();
    expect((await fileOnline(w, 'gina', 'DH-FUND')).platformMaterials[0]?.state).toBe('pending');
  });

  it('asks no consent for resources that do not need it', async () => {
    const preview = (await (await w.user('gina')).get('/api/v1/datahub/preview?item=DH-PERMIT')).json();
    expect(preview.materials.map((m: { consentRequired: boolean; available: boolean }) => [m.consentRequired, m.available])).toEqual([
      [false, true],
      [false, true],
    ]);
    const res = await (await w.user('gina')).post('/api/v1/datahub/consents', { item: 'DH-PERMIT' });
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('pre-fill through the same path', () => {
  it('fills form fields from the registries under the grant and logs each resource fetched', async () => {
    const res = await (await w.user('gina')).get('/api/v1/datahub/prefill?item=DH-PERMIT');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      values: { 'applicant.name': family.gina.name, 'applicant.id_number': family.gina.idNumber, 'spouse.name': family.hank.name },
      refused: [],
    });
    expect(
      res
        .json()
        .sources.map((s: { departmentName: string }) => s.departmentName)
        .sort(),
    ).toEqual(['上海市公安局', '上海市民政局']);
    const logged = await exchanges(w.app, `channel = 'prefill' and subject = $1`, [family.gina.idNumber]);
    expect(logged.map((e) => `${e.resource_code}:${e.result}`).sort()).toEqual(['MARRIAGE:ok', 'POPULATION:ok']);
  });

  it('pre-fills at a service window for the person present, logged as the clerk’s access', async () => {
    const clerk = await loginStaff(w.app, 'hpClerk');
    await presentAtWindow(w.app, clerk, 'SH-HP-WT', family.gina);
    const res = await clerk.get(`/api/v1/datahub/prefill?item=DH-PERMIT&applicant=${family.gina.idNumber}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().values).toMatchObject({ 'applicant.name': family.gina.name, 'spouse.name': family.hank.name });
    const [entry] = await w.app.platform.db.query<{ actor_type: string; actor_id: string; purpose: string }>(
      `select actor_type, actor_id, purpose from datahub_exchange where channel = 'prefill' and subject = $1 and actor_type = 'staff'`,
      [family.gina.idNumber],
    );
    expect(entry).toMatchObject({ actor_type: 'staff', actor_id: staff.hpClerk.id });
    expect(entry?.purpose).toContain('窗口');

    // The clerk names the person; a valid ID number; an enterprise only that person represents.
    const missing = (await clerk.get('/api/v1/datahub/prefill?item=DH-PERMIT')).json();
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.applicant' });
    expect((await clerk.get('/api/v1/datahub/prefill?item=DH-PERMIT&applicant=110101199001011234')).json().code).toBe(
      'IDENTITY_ID_NUMBER_INVALID',
    );
    const notTheirs = await clerk.get(
      `/api/v1/datahub/prefill?item=DH-PERMIT&applicant=${family.gina.idNumber}&enterprise=${enterprises.preRegistered.creditCode}`,
    );
    expect(notTheirs.json().code).toBe('IDENTITY_NOT_REPRESENTATIVE');
    // Staff who take no applications in read nobody's data this way.
    const reviewer = await w.staff('pdReviewer');
    expect((await reviewer.get(`/api/v1/datahub/prefill?item=DH-PERMIT&applicant=${family.gina.idNumber}`)).statusCode).toBe(403);
  });

  it('reports what it could not fill: alice has no marriage registration', async () => {
    const res = (await (await w.user('alice')).get('/api/v1/datahub/prefill?item=DH-PERMIT')).json();
    expect(res.values).toEqual({ 'applicant.name': people.alice.name, 'applicant.id_number': people.alice.idNumber });
    expect(res.refused).toEqual([{ resource: 'MARRIAGE', code: 'no_record', formFields: ['spouse.name'] }]);
  });
});

describe('a clerk confirms who is at the window', () => {
  it('shows the registry entry masked, and the person sees the check under who used my data', async () => {
    const clerk = await loginStaff(w.app, 'hpClerk');
    await presentAtWindow(w.app, clerk, 'SH-HP-WT', people.alice);
    await presentAtWindow(w.app, clerk, 'SH-HP-WT', people.bob);
    const res = await clerk.get(`/api/v1/people/${people.alice.idNumber}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: people.alice.name, sex: 'female', birthDate: '1990-01-01', alive: true, hasAccount: true });
    expect(body.mobileMasked).toBe('138****0001');
    expect(body.householdAddressMasked).toBe('上海市浦东新****');
    expect(JSON.stringify(body)).not.toContain(people.alice.idNumber);
    expect(JSON.stringify(body)).not.toContain(people.alice.householdAddress);
    expect((await clerk.get(`/api/v1/people/${people.bob.idNumber}`)).json().hasAccount).toBe(false);

    const usage = (await (await w.user('alice')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json().items;
    const check = usage.find((e: { channel: string; resource: string }) => e.channel === 'window' && e.resource === 'POPULATION');
    expect(check).toMatchObject({
      resource: 'POPULATION',
      consumerDepartmentId: staff.hpClerk.departmentId,
      providerDepartmentId: 'SH-PSB',
      result: 'ok',
    });
    expect(check.purpose).toContain('窗口');
    expect(check.fields).toContain('household_address');
    // Nobody else sees it; the entry is in the tamper-evident exchange stream.
    const gina = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json().items;
    expect(gina.some((e: { id: string }) => e.id === check.id)).toBe(false);
    const [logged] = await w.app.platform.db.query<{ stream: string; actor_id: string }>(
      `select l.stream, l.actor_id from datahub_exchange e join audit_log l on l.id = e.log_entry_id where e.id = $1`,
      [check.id],
    );
    expect(logged).toEqual({ stream: 'exchange', actor_id: staff.hpClerk.id });
  });

  it('validates the ID number, tells when the person is not in the registry, and is for window staff only', async () => {
    const clerk = await loginStaff(w.app, 'hpClerk');
    const bad = await clerk.get(`/api/v1/people/${breakCheckChar(people.alice.idNumber)}`);
    expect(bad.json()).toMatchObject({ code: 'IDENTITY_ID_NUMBER_INVALID', field: 'params.idNumber' });
    await presentAtWindow(w.app, clerk, 'SH-HP-WT', { idNumber: strangerIdNumber, name: '路人甲', sex: 'male', birthDate: '1988-08-08' });
    expect((await clerk.get(`/api/v1/people/${strangerIdNumber}`)).json()).toMatchObject({
      code: 'IDENTITY_NOT_IN_REGISTRY',
      field: 'params.idNumber',
    });
    expect((await (await w.user('gina')).get(`/api/v1/people/${people.alice.idNumber}`)).statusCode).toBe(403);
    expect((await (await w.staff('ca')).get(`/api/v1/people/${people.alice.idNumber}`)).statusCode).toBe(403);
  });
});

describe('who used my data', () => {
  it('lists every access to the person’s data and nobody else’s', async () => {
    const gina = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json();
    expect(
      gina.items.length,
      JSON.stringify(gina.items.map((e: { resource: string; result: string }) => `${e.resource}:${e.result}`)),
    ).toBeGreaterThan(5);
    expect(new Set(gina.items.map((e: { subject: string }) => e.subject))).toEqual(new Set([family.gina.idNumber]));
    const filing = gina.items.find(
      (e: { caseId: string; resource: string }) => e.caseId === permitCase.caseId && e.resource === 'MARRIAGE',
    );
    expect(filing).toMatchObject({
      consumerDepartmentName: '浦东新区市场监督管理局',
      channel: 'filing',
      result: 'ok',
      itemCode: 'DH-PERMIT',
    });
    expect(filing.purpose).toContain('DH-PERMIT');
    // Refused attempts are accesses too.
    expect(gina.items.some((e: { result: string }) => e.result === 'DATAHUB_FIELD_NOT_GRANTED')).toBe(true);

    const alice = (await (await w.user('alice')).get('/api/v1/datahub/my-data-usage?pageSize=200')).json();
    // Alice's own data and her enterprise's (she is its legal representative).
    expect(new Set(alice.items.map((e: { subject: string }) => e.subject))).toEqual(
      new Set([people.alice.idNumber, enterprises.preRegistered.creditCode]),
    );
    expect(alice.items.some((e: { id: string }) => gina.items.some((g: { id: string }) => g.id === e.id))).toBe(false);
  });

  it('takes an objection from the subject only, and hands it to the hotline hook', async () => {
    const entry = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage')).json().items[0];
    const bystander = await (await w.user('alice')).post(`/api/v1/datahub/my-data-usage/${entry.id}/objection`, { reason: '不是我的记录' });
    expect(bystander.statusCode).toBe(404);
    const objection = await (await w.user('gina')).post(`/api/v1/datahub/my-data-usage/${entry.id}/objection`, {
      reason: '我没有办理过这个事项',
    });
    expect(objection.statusCode, objection.body).toBe(201);
    const listed = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage')).json().items[0];
    expect(listed.objection).toMatchObject({ status: 'open' });

    const open = await listOpenObjections(w.app.platform.db);
    expect(open).toEqual([
      expect.objectContaining({
        id: objection.json().id,
        exchangeId: entry.id,
        subject: family.gina.idNumber,
        reason: '我没有办理过这个事项',
      }),
    ]);
    expect(await markObjectionForwarded(w.app.platform.db, w.clock.now(), objection.json().id, 'WO-2026-0001')).toBe(true);
    expect(await markObjectionForwarded(w.app.platform.db, w.clock.now(), objection.json().id, 'WO-2026-0002')).toBe(false);
    expect(await listOpenObjections(w.app.platform.db)).toEqual([]);
  });

  it('shows data officers the use of their own resources, subjects masked', async () => {
    const psb = (await (await w.staff('psb')).get('/api/v1/datahub/usage?pageSize=200')).json().items;
    expect(psb.length).toBeGreaterThan(0);
    expect(psb.every((e: { providerDepartmentId: string }) => e.providerDepartmentId === 'SH-PSB')).toBe(true);
    expect(psb.every((e: { subject: string }) => e.subject.includes('*'))).toBe(true);
    const ca = (await (await w.staff('ca')).get('/api/v1/datahub/usage?pageSize=200')).json().items;
    expect(new Set(ca.map((e: { resource: string }) => e.resource))).toEqual(new Set(['MARRIAGE']));
    expect((await (await w.user('gina')).get('/api/v1/datahub/usage')).statusCode).toBe(403);
  });

  it('shows the big-data centre, and only it, the whole graph of grants', async () => {
    const graph = await (await w.staff('bdc')).get('/api/v1/datahub/grants/graph');
    expect(graph.statusCode, graph.body).toBe(200);
    const { nodes, edges } = graph.json();
    expect(
      edges.some(
        (e: { from: string; to: string; resource: string; status: string; exchanges: number }) =>
          e.from === 'SH-CA' && e.to === 'SH-PD-SAMR' && e.resource === 'MARRIAGE' && e.status === 'approved' && e.exchanges > 0,
      ),
    ).toBe(true);
    expect(nodes.find((n: { departmentId: string }) => n.departmentId === 'SH-PSB')).toMatchObject({
      name: '上海市公安局',
      resourcesOwned: 4,
    });
    expect((await (await w.staff('psb')).get('/api/v1/datahub/grants/graph')).json().code).toBe('AUTH_FORBIDDEN');
  });
});

describe('the exchange log is tamper-evident', () => {
  it('verifies as the exchange stream of the audit chain and reports an edited entry', async () => {
    const { db, signer } = w.app.platform;
    await sealAll(db, signer, w.clock, 'exchange');
    const clean = await verifyAuditChain(db, signer, w.clock, { stream: 'exchange' });
    expect(clean.findings).toEqual([]);
    expect(clean.ok).toBe(true);
    expect(clean.checkedEntries).toBe((await exchanges(w.app)).length);

    const [target] = await db.query<{ id: number }>(
      `select id from audit_log where stream = 'exchange' and target_id = 'MARRIAGE' order by id limit 1`,
    );
    await asAttacker(db, (tx) =>
      tx.query(`update audit_log set detail = jsonb_set(detail, '{consumer}', '"SH-HPF"') where id = $1`, [target?.id]),
    );
    const tampered = await verifyAuditChain(db, signer, w.clock, { stream: 'exchange' });
    expect(tampered.ok).toBe(false);
    expect(tampered.findings).toEqual([expect.objectContaining({ kind: 'entry_edited', entryId: target?.id })]);
  });

  it('refuses ordinary updates of the exchange projection', async () => {
    await expect(w.app.platform.db.query(`update datahub_exchange set result = 'ok'`)).rejects.toThrow();
  });
});
