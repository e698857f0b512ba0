import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentAtWindow } from '../../../test/fixtures/presence.ts';
import { purgeExpiredDrafts } from './index.ts';
import { materialProviders } from './material-providers.ts';
import { act, applyOnline, type CasesWorld, createCasesWorld, detail, fakeUpload, formFor } from './testing/case-fixtures.ts';

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld();
});
afterAll(() => w?.close());

const count = async (sql: string, params: unknown[] = []) =>
  ((await w.app.platform.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0] as { n: number }).n;

describe('filing online', () => {
  it('creates the case, its first action, first task, audit entry and SLA timers in one go, with the form as submitted', async () => {
    const filed = await applyOnline(w);
    expect(filed.trackingNumber).toMatch(/^260302-[0-9A-Z]{4}-[0-9A-Z]{5}$/);
    expect(await count('case_action where case_id = $1', [filed.caseId])).toBe(1);
    expect(await count(`case_task where case_id = $1 and step_id = 'accept' and status = 'open'`, [filed.caseId])).toBe(1);
    expect(await count(`audit_log where action = 'cases.case.submitted' and target_id = $1`, [filed.caseId])).toBe(1);
    expect(await count(`case_timer where case_id = $1 and state = 'planned'`, [filed.caseId])).toBeGreaterThanOrEqual(2);
    const d = await detail(await w.user('alice'), filed.caseId);
    expect(d.form).toMatchObject({
      'applicant.name': w.people.alice.name,
      'applicant.id_number': w.people.alice.idNumber,
      'business.scope': '软件开发',
    });
    expect(d.applicant.idNumberMasked).not.toContain(w.people.alice.idNumber.slice(6, 14));
  });

  it('answers a retry with the same Idempotency-Key with the first answer, and refuses the key for another body', async () => {
    const alice = await w.user('alice');
    const uploadId = await fakeUpload(w.app, { type: 'user', id: 'u-alice' });
    const body = { itemCode: 'TEST-PERMIT', form: formFor(w.people.alice), materials: [{ materialId: 'application', uploadId }] };
    const key = randomUUID();
    const first = await alice.post('/api/v1/cases', body, { 'idempotency-key': key });
    const again = await alice.post('/api/v1/cases', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await alice.post('/api/v1/cases', { ...body, form: { 'business.scope': '餐饮' } }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('case_file where id = $1', [first.json().caseId])).toBe(1);
    expect(await count(`audit_log where action = 'cases.case.submitted' and target_id = $1`, [first.json().caseId])).toBe(1);

    // Concurrent retries of one submission: one case.
    const key2 = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => alice.post('/api/v1/cases', body, { 'idempotency-key': key2 })));
    expect(new Set(results.map((r) => `${r.statusCode}:${r.json().caseId}`)).size).toBe(1);
    expect(await count(`idempotency_key where key = $1`, [key2])).toBe(1);
    expect((await alice.post('/api/v1/cases', body, { 'idempotency-key': 'short' })).json().field).toBe('headers.idempotency-key');
  });

  it('refuses unpublished items, invalid forms, missing materials and other people’s uploads', async () => {
    const alice = await w.user('alice');
    const mine = await fakeUpload(w.app, { type: 'user', id: 'u-alice' });
    const theirs = await fakeUpload(w.app, { type: 'user', id: 'u-dave' });
    const post = (body: Record<string, unknown>) =>
      alice.post('/api/v1/cases', {
        itemCode: 'TEST-PERMIT',
        form: formFor(w.people.alice),
        materials: [{ materialId: 'application', uploadId: mine }],
        ...body,
      });
    let res = await post({ itemCode: 'TEST-NOPE' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CATALOGUE_ITEM_NOT_PUBLISHED');
    // Nothing is filled in behind the applicant's back: the form is what they confirmed.
    res = await post({ form: {} });
    expect(res.json()).toMatchObject({ code: 'CASES_FORM_INVALID', field: 'body.form.applicant.name' });
    res = await post({ form: { 'business.scope': '软件开发' } });
    expect(res.json()).toMatchObject({ code: 'CASES_FORM_INVALID', field: 'body.form.applicant.name' });
    res = await post({ form: { ...formFor(w.people.alice), 'applicant.id_number': '110101199001011234' } });
    expect(res.json()).toMatchObject({ code: 'CASES_FORM_INVALID', field: 'body.form.applicant.id_number' });
    res = await post({ form: { ...formFor(w.people.alice), 'unknown.field': 'x' } });
    expect(res.json().code).toBe('CASES_FORM_INVALID');
    res = await post({ materials: [] });
    expect(res.json()).toMatchObject({ code: 'CASES_MATERIAL_MISSING', details: { missing: ['application'] } });
    res = await post({ materials: [{ materialId: 'application', uploadId: theirs }] });
    expect(res.json()).toMatchObject({ code: 'CASES_UPLOAD_NOT_FOUND', field: 'body.materials.0.uploadId' });
    res = await post({ enterpriseCreditCode: w.enterprises.preRegistered.creditCode });
    expect(res.json().code).toBe('CASES_APPLICANT_NOT_ELIGIBLE');
  });

  it('accepts files through the upload route and attaches them', async () => {
    const alice = await w.user('alice');
    await alice.ensureCsrf();
    const boundary = '----tongban';
    const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
    const res = await alice.request('POST', '/api/v1/cases/uploads', payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [upload] = res.json().items;
    expect(upload).toMatchObject({ fileName: '申请书.pdf', mediaType: 'application/pdf' });
    const filed = await alice.post('/api/v1/cases', {
      itemCode: 'TEST-PERMIT',
      form: formFor(w.people.alice),
      materials: [{ materialId: 'application', uploadId: upload.id }],
    });
    expect(filed.statusCode).toBe(201);
    const d = await detail(alice, filed.json().caseId);
    const material = d.materials.find((m: { materialId: string }) => m.materialId === 'application');
    expect(material).toMatchObject({ sha256: upload.sha256, sizeBytes: upload.sizeBytes });
    const file = await alice.get(`/api/v1/cases/${d.id}/materials/${material.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('%PDF-1.4');
    expect((await (await w.user('dave')).get(`/api/v1/cases/${d.id}/materials/${material.id}/file`)).statusCode).toBe(404);
  });

  it('keeps a case on the catalogue version it was filed under after a new one is published', async () => {
    const before = await applyOnline(w);
    const admin = await w.staff('pdAdmin');
    const publisher = await w.staff('sysAdmin');
    const v1 = await admin.get('/api/v1/catalogue/items/TEST-PERMIT/versions/1');
    expect(v1.statusCode, v1.body).toBe(200);
    const content = { ...v1.json().content, promisedDays: 3, statutoryDays: 10 };
    content.process = content.process.map((s: { id: string; workingDays: number }) => ({
      ...s,
      workingDays: s.id === 'review' ? 1 : s.workingDays,
    }));
    expect((await admin.request('PUT', '/api/v1/catalogue/items/TEST-PERMIT/draft', content)).statusCode).toBe(200);
    expect((await admin.post('/api/v1/catalogue/items/TEST-PERMIT/actions/submit')).statusCode).toBe(200);
    const published = await publisher.post('/api/v1/catalogue/items/TEST-PERMIT/actions/publish');
    expect(published.statusCode, published.body).toBe(200);

    const after = await applyOnline(w);
    const alice = await w.user('alice');
    const old = await detail(alice, before.caseId);
    const fresh = await detail(alice, after.caseId);
    expect([old.itemVersion, old.promisedDays, old.expectedCompletionDate]).toEqual([1, 5, '2026-03-09']);
    expect([fresh.itemVersion, fresh.promisedDays, fresh.expectedCompletionDate]).toEqual([2, 3, '2026-03-05']);
    expect(old.catalogueVersionId).not.toBe(fresh.catalogueVersionId);
    // The old case runs on under v1's steps and limits.
    const clerk = await w.staff('st-samr-clerk');
    expect((await act(clerk, before.caseId, 'accept')).statusCode).toBe(200);
    expect((await detail(alice, before.caseId)).steps.find((s: { id: string }) => s.id === 'review').dueDate).toBe('2026-03-04');
  });

  it('files for an enterprise only through its representative or agent', async () => {
    const erin = await w.user('erin');
    const dave = await w.user('dave');
    const code = w.enterprises.preRegistered.creditCode;
    const upload = await fakeUpload(w.app, { type: 'user', id: 'u-erin' });
    const body = {
      itemCode: 'TEST-ENT',
      enterpriseCreditCode: code,
      form: formFor(w.people.erin),
      materials: [{ materialId: 'application', uploadId: upload }],
    };
    const res = await erin.post('/api/v1/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    const d = await detail(await w.user('alice'), res.json().caseId);
    expect(d.applicant).toMatchObject({ type: 'enterprise', enterpriseCreditCode: code, enterpriseName: w.enterprises.preRegistered.name });
    const refused = await dave.post('/api/v1/cases', { ...body, materials: [] });
    expect(refused.json().code).toBe('CASES_NOT_REPRESENTATIVE');
    expect((await erin.post('/api/v1/cases', { ...body, enterpriseCreditCode: undefined })).json().code).toBe(
      'CASES_APPLICANT_NOT_ELIGIBLE',
    );
  });

  it('shows what the platform already has and what to upload before submitting', async () => {
    const res = await (await w.user('alice')).post('/api/v1/cases/preview', { itemCode: 'TEST-PERMIT' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().materials.map((m: { materialId: string; supply: string }) => `${m.materialId}:${m.supply}`)).toEqual([
      'application:upload',
      'id_card:platform',
    ]);
    // The form's pre-fill is the data hub's (GET /datahub/prefill, logged); the preview reads no registry.
    expect(res.json()).not.toHaveProperty('prefill');
  });
});

describe('once-only materials', () => {
  it('attaches what a registered provider supplies, with provenance, and leaves a failing one pending', async () => {
    const unregister = materialProviders.register('datahub', async (request) => {
      await request.sql.query('select 1');
      return { state: 'attached', sourceRef: `exchange:${request.material.source.kind}:${request.caseId.slice(0, 8)}` };
    });
    try {
      const filed = await applyOnline(w);
      const d = await detail(await w.user('alice'), filed.caseId);
      expect(d.materials.find((m: { materialId: string }) => m.materialId === 'id_card')).toMatchObject({
        provenance: 'datahub',
        state: 'attached',
      });
      const [row] = await w.app.platform.db.query<{ materials_by_platform: number; materials_by_applicant: number }>(
        'select materials_by_platform, materials_by_applicant from case_file where id = $1',
        [filed.caseId],
      );
      expect(row).toEqual({ materials_by_platform: 1, materials_by_applicant: 1 });
      // A supplement adds to the applicant's count; the platform's stays.
      const clerk = await w.staff('st-samr-clerk');
      const missing = [{ materialId: 'application', description: '签名的申请书' }];
      expect((await act(clerk, filed.caseId, 'request-supplement', { reason: '缺少签名', missing })).statusCode).toBe(200);
      const upload = await fakeUpload(w.app, { type: 'user', id: 'u-alice' }, 'signed.pdf');
      const supplied = await act(await w.user('alice'), filed.caseId, 'supply-supplement', {
        materials: [{ materialId: 'application', uploadId: upload }],
      });
      expect(supplied.statusCode, supplied.body).toBe(200);
      const [after] = await w.app.platform.db.query('select materials_by_platform, materials_by_applicant from case_file where id = $1', [
        filed.caseId,
      ]);
      expect(after).toEqual({ materials_by_platform: 1, materials_by_applicant: 2 });
    } finally {
      unregister();
    }
    const unregister2 = materialProviders.register('datahub', async (request) => {
      await request.sql.query(`insert into audit_log (occurred_at, actor_type, action) values (now(), 'system', 'provider.half-written')`);
      throw new Error('provider down');
    });
    try {
      const filed = await applyOnline(w);
      const d = await detail(await w.user('alice'), filed.caseId);
      expect(d.materials.find((m: { materialId: string }) => m.materialId === 'id_card')).toMatchObject({ state: 'pending' });
      expect(await count(`audit_log where action = 'provider.half-written'`)).toBe(0);
    } finally {
      unregister2();
    }
  });
});

describe('filing at a window', () => {
  it('lets a clerk of any centre file for a walk-in person found in the registry, counting the visit', async () => {
    const hpClerk = await w.staff('hpClerk');
    const upload = await fakeUpload(w.app, { type: 'staff', id: 'st-hp-clerk' });
    const body = {
      itemCode: 'TEST-PERMIT',
      applicantIdNumber: w.people.bob.idNumber,
      form: formFor(w.people.bob),
      materials: [{ materialId: 'application', uploadId: upload }],
    };
    // Only with the person present: their ID card read at the clerk's centre.
    expect((await hpClerk.post('/api/v1/cases/window-intake', body)).json().code).toBe('DATAHUB_PRESENCE_REQUIRED');
    await presentAtWindow(w.app, hpClerk, 'SH-HP-WT', w.people.bob);
    const res = await hpClerk.post('/api/v1/cases/window-intake', body, { 'idempotency-key': randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    const d = await detail(hpClerk, res.json().caseId);
    expect(d).toMatchObject({ channel: 'window', serviceCentreId: 'SH-HP-WT', applicant: { name: w.people.bob.name } });
    expect(d.visits).toEqual([expect.objectContaining({ reason: 'filing', serviceCentreId: 'SH-HP-WT' })]);
    expect(d.materials.find((m: { materialId: string }) => m.materialId === 'application').provenance).toBe('window');
    expect((await detail(await w.staff('st-samr-clerk'), d.id)).status).toBe('submitted');
    await presentAtWindow(w.app, hpClerk, 'SH-HP-WT', {
      idNumber: w.strangerIdNumber,
      name: '路人甲',
      sex: 'male',
      birthDate: '1988-08-08',
    });
    const unknown = await hpClerk.post('/api/v1/cases/window-intake', { ...body, applicantIdNumber: w.strangerIdNumber });
    expect(unknown.json().code).toBe('IDENTITY_NOT_IN_REGISTRY');
    expect((await (await w.staff('reviewer')).post('/api/v1/cases/window-intake', body)).statusCode).toBe(403);
    expect((await (await w.user('alice')).post('/api/v1/cases/window-intake', body)).statusCode).toBe(403);
  });

  it('picks up a draft started online at a window, and a draft started at a window online', async () => {
    const alice = await w.user('alice');
    const clerk = await w.staff('clerk');
    const saved = await alice.post('/api/v1/cases/drafts', { itemCode: 'TEST-PERMIT', form: { 'business.scope': '咨询' } });
    expect(saved.statusCode, saved.body).toBe(201);
    expect((await clerk.get('/api/v1/cases/drafts')).json().field).toBe('body.applicantIdNumber');
    await presentAtWindow(w.app, clerk, 'SH-PD-LJZ-SC', w.people.alice);
    const listed = await clerk.get(`/api/v1/cases/drafts?applicantIdNumber=${w.people.alice.idNumber}`);
    expect(listed.json().items.map((d: { id: string }) => d.id)).toContain(saved.json().id);
    const upload = await fakeUpload(w.app, { type: 'staff', id: 'st-clerk' });
    const draft = saved.json();
    const filed = await clerk.post('/api/v1/cases/window-intake', {
      itemCode: draft.itemCode,
      // The intake screen completes the draft with the data hub's pre-fill for the person present.
      form: { ...formFor(w.people.alice), ...draft.form },
      applicantIdNumber: w.people.alice.idNumber,
      materials: [{ materialId: 'application', uploadId: upload }],
      draftId: draft.id,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await alice.get(`/api/v1/cases/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await detail(alice, filed.json().caseId)).visits).toHaveLength(1);

    const atWindow = await clerk.post('/api/v1/cases/drafts', {
      itemCode: 'TEST-PERMIT',
      applicantIdNumber: w.people.alice.idNumber,
      form: formFor(w.people.alice),
    });
    expect(atWindow.json().startedChannel).toBe('window');
    const mine = (await alice.get('/api/v1/cases/drafts')).json().items;
    expect(mine.map((d: { id: string }) => d.id)).toContain(atWindow.json().id);
    expect((await (await w.user('dave')).get(`/api/v1/cases/drafts/${atWindow.json().id}`)).statusCode).toBe(404);
    const uploadId = await fakeUpload(w.app, { type: 'user', id: 'u-alice' });
    const online = await alice.post('/api/v1/cases', {
      itemCode: 'TEST-PERMIT',
      form: formFor(w.people.alice),
      materials: [{ materialId: 'application', uploadId }],
      draftId: atWindow.json().id,
    });
    expect(online.statusCode, online.body).toBe(201);
    expect((await detail(alice, online.json().caseId)).visits).toEqual([]);
  });

  it('purges drafts untouched for longer than the retention period', async () => {
    const alice = await w.user('alice');
    const old = (await alice.post('/api/v1/cases/drafts', { itemCode: 'TEST-PERMIT' })).json();
    expect(Date.parse(old.purgeAfter) - Date.parse(old.updatedAt)).toBe(30 * 24 * 3600_000);
    w.clock.advance(20 * 24 * 3600_000);
    const recent = (await alice.post('/api/v1/cases/drafts', { itemCode: 'TEST-PERMIT' })).json();
    w.clock.advance(11 * 24 * 3600_000);
    expect(await purgeExpiredDrafts(w.app.platform)).toBeGreaterThanOrEqual(1);
    const ids = (await alice.get('/api/v1/cases/drafts')).json().items.map((d: { id: string }) => d.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(old.id);
  });
});
