import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicencesWorld, type LicencesWorld } from './testing/world.ts';

let w: LicencesWorld;
beforeAll(async () => {
  w = await createLicencesWorld();
});
afterAll(() => w?.close());

describe('selective sharing (用证)', () => {
  it('shows only the chosen fields while the link is valid, logs every view, and refuses it once expired', async () => {
    const id = await w.issuedLicence();
    const alice = await w.user('alice');
    const res = await alice.post(`/api/v1/licences/${id}/shares`, {
      fields: ['business.scope'],
      audience: '某银行对公开户',
      expiresInHours: 24,
    });
    expect(res.statusCode, res.body).toBe(201);
    const share = res.json();
    expect(share.url).toBe(`http://localhost:8080/licences/shared/${share.token}`);
    expect(share).toMatchObject({ audience: '某银行对公开户', fields: ['business.scope'], active: true, views: 0 });

    const bank = w.anonymous();
    const view = await bank.get(`/api/v1/licences/shared/${share.token}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      licenceName: { zh: '食品经营许可证' },
      status: 'valid',
      holderName: w.people.alice.name,
      audience: '某银行对公开户',
      fields: [{ key: 'business.scope', value: '软件开发' }],
    });
    expect(view.json().fields).toHaveLength(1);
    expect(view.body).not.toContain(w.people.alice.idNumber);
    await bank.get(`/api/v1/licences/shared/${share.token}`);

    // Both views are in the holder's "who used my licences" list and in the exchange audit stream.
    const usage = (await alice.get('/api/v1/licences/usage')).json();
    const views = usage.items.filter((u: { kind: string; licenceId: string }) => u.kind === 'share_view' && u.licenceId === id);
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ by: '某银行对公开户', fields: ['business.scope'] });
    const logged = await w.app.platform.db.query<{ subject: string }>(
      `select subject from audit_log where stream = 'exchange' and action = 'licences.share.viewed' and target_id = $1`,
      [id],
    );
    expect(logged.map((l) => l.subject)).toEqual([w.people.alice.idNumber, w.people.alice.idNumber]);
    expect((await alice.get(`/api/v1/licences/${id}/shares`)).json().items[0]).toMatchObject({ views: 2, active: true });
    // Dave does not see Alice's usage.
    expect((await (await w.user('dave')).get('/api/v1/licences/usage')).json().items).toEqual([]);

    const saved = w.clock.now();
    try {
      w.clock.set(new Date(saved.getTime() + 24 * 3600_000 + 1000));
      const expired = await bank.get(`/api/v1/licences/shared/${share.token}`);
      expect(expired.statusCode).toBe(410);
      expect(expired.json().code).toBe('LICENCES_SHARE_EXPIRED');
    } finally {
      w.clock.set(saved);
    }
    // An expired view is not a use.
    expect((await alice.get('/api/v1/licences/usage')).json().items.filter((u: { licenceId: string }) => u.licenceId === id)).toHaveLength(
      2,
    );
  });

  it("refuses every name of Object.prototype as a field to share (only the licence's own field names are allowed)", async () => {
    const id = await w.issuedLicence();
    const alice = await w.user('alice');
    const names = Object.getOwnPropertyNames(Object.prototype);
    expect(names).toEqual(expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty']));
    const wrong: string[] = [];
    for (const name of names) {
      const res = await alice.post(`/api/v1/licences/${id}/shares`, { fields: ['business.scope', name], audience: 'x', expiresInHours: 1 });
      const body = res.json();
      if (res.statusCode !== 400 || body.code !== 'LICENCES_FIELD_UNKNOWN' || body.field !== 'body.fields.1')
        wrong.push(`${name} → ${res.statusCode} ${body.code} ${body.field}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the holder withdraw a link at once; only the holder can share; unknown fields and tokens are refused', async () => {
    const id = await w.issuedLicence();
    const alice = await w.user('alice');
    const share = (await alice.post(`/api/v1/licences/${id}/shares`, { audience: '房东', expiresInHours: 720 })).json();
    const all = await w.anonymous().get(`/api/v1/licences/shared/${share.token}`);
    expect(all.json().fields.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['applicant.name', 'business.scope']));

    const withdrawn = await alice.request('DELETE', `/api/v1/licences/${id}/shares/${share.id}`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ active: false });
    expect((await w.anonymous().get(`/api/v1/licences/shared/${share.token}`)).statusCode).toBe(410);

    expect(
      (await alice.post(`/api/v1/licences/${id}/shares`, { fields: ['nope'], audience: 'x', expiresInHours: 1 })).json(),
    ).toMatchObject({
      code: 'LICENCES_FIELD_UNKNOWN',
      field: 'body.fields.0',
    });
    expect((await (await w.user('dave')).post(`/api/v1/licences/${id}/shares`, { audience: 'x', expiresInHours: 1 })).statusCode).toBe(404);
    expect((await (await w.staff('approver')).post(`/api/v1/licences/${id}/shares`, { audience: 'x', expiresInHours: 1 })).statusCode).toBe(
      403,
    );
    expect((await w.anonymous().get(`/api/v1/licences/shared/${'x'.repeat(43)}`)).statusCode).toBe(404);
    // Sharing needs a CSRF token like any state change.
    const noCsrf = await w.app.inject({
      method: 'POST',
      url: `/api/v1/licences/${id}/shares`,
      payload: { audience: 'x', expiresInHours: 1 },
      headers: {
        cookie: Object.entries(alice.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('reuse as material (once-only)', () => {
  it('attaches the holder’s valid licence at filing with provenance, and not a suspended one', async () => {
    const id = await w.issuedLicence();
    const filed = await w.apply({ item: 'LIC-USE' });
    const alice = await w.user('alice');
    const d = await w.caseDetail(alice, filed.caseId);
    const material = d.materials.find((m: { materialId: string }) => m.materialId === 'food_licence');
    expect(material).toMatchObject({ provenance: 'licence', state: 'attached' });
    const [row] = await w.app.platform.db.query<{ source_ref: string }>(
      `select source_ref from case_material where case_id = $1 and material_id = 'food_licence'`,
      [filed.caseId],
    );
    expect(row?.source_ref).toMatch(/^licence:[0-9a-f-]{36}$/);
    const usedId = row?.source_ref.slice('licence:'.length) as string;

    const usage = (await alice.get('/api/v1/licences/usage')).json();
    expect(usage.items.find((u: { kind: string; caseId: string }) => u.kind === 'material' && u.caseId === filed.caseId)).toMatchObject({
      licenceId: usedId,
      by: '浦东新区市场监督管理局',
    });
    // The department handling the case may read the licence it was given; another may not.
    expect((await (await w.staff('st-samr-clerk')).get(`/api/v1/licences/${usedId}`)).statusCode).toBe(200);
    expect((await (await w.staff('st-psb-reviewer')).get(`/api/v1/licences/${usedId}`)).statusCode).toBe(404);

    // With every FOOD licence of alice suspended, the next filing asks her for it.
    const approver = await w.staff('approver');
    const mine = (await alice.get('/api/v1/licences/mine?type=FOOD-BUSINESS-LICENCE&status=active')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(id);
    for (const item of mine.items) {
      const res = await approver.post(`/api/v1/licences/${item.id}/actions/suspend`, { reason: '停业整顿' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const later = await w.apply({ item: 'LIC-USE' });
    const d2 = await w.caseDetail(alice, later.caseId);
    expect(d2.materials.find((m: { materialId: string }) => m.materialId === 'food_licence')).toMatchObject({
      provenance: 'licence',
      state: 'pending',
    });
  });
});
