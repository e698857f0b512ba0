import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicencesWorld, type LicencesWorld } from './testing/world.ts';

let w: LicencesWorld;
beforeAll(async () => {
  w = await createLicencesWorld();
});
afterAll(() => w?.close());

type UsageEntry = {
  id: string;
  channel: string;
  resource: string;
  resourceName: { zh: string; en: string } | null;
  providerDepartmentId: string | null;
  consumerDepartmentId: string | null;
  consumerDepartmentName: string | null;
  actorType: string;
  fields: string[];
  purpose: string | null;
  itemCode: string | null;
  caseId: string | null;
  result: string;
  subject: string;
};

describe('licence uses in "who used my data" (the data hub’s transparency view)', () => {
  it('lists every share-link view with the audience and the fields shown, and lets the holder object to one', async () => {
    const id = await w.issuedLicence();
    const alice = await w.user('alice');
    const share = (
      await alice.post(`/api/v1/licences/${id}/shares`, { fields: ['business.scope'], audience: '某银行对公开户', expiresInHours: 24 })
    ).json();
    expect((await w.anonymous().get(`/api/v1/licences/shared/${share.token}`)).statusCode).toBe(200);

    const usage = (await alice.get('/api/v1/datahub/my-data-usage')).json();
    const views = usage.items.filter((e: UsageEntry) => e.channel === 'share');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      resource: 'licence:FOOD-BUSINESS-LICENCE',
      resourceName: { zh: '食品经营许可证', en: 'Food business licence' },
      providerDepartmentId: 'SH-PD-SAMR',
      consumerDepartmentId: null,
      actorType: 'anonymous',
      fields: ['business.scope'],
      purpose: '某银行对公开户',
      result: 'ok',
      subject: w.people.alice.idNumber,
    });
    // One tamper-evident entry per view, in the exchange stream, pointing at the hub's row.
    const logged = await w.app.platform.db.query<{ detail: { exchangeId: string; channel: string } }>(
      `select detail from audit_log where stream = 'exchange' and action = 'licences.share.viewed' and target_id = $1`,
      [id],
    );
    expect(logged.map((l) => l.detail)).toEqual([expect.objectContaining({ exchangeId: views[0].id, channel: 'share' })]);

    const objection = await alice.post(`/api/v1/datahub/my-data-usage/${views[0].id}/objection`, { reason: '我没有把链接给过这家银行' });
    expect(objection.statusCode, objection.body).toBe(201);
    // Someone else sees none of it.
    const dave = (await (await w.user('dave')).get('/api/v1/datahub/my-data-usage')).json();
    expect(dave.items.filter((e: UsageEntry) => e.resource.startsWith('licence:'))).toEqual([]);
  });

  it('lists a licence supplied as a material with the department, the item and the case', async () => {
    await w.issuedLicence();
    const filed = await w.apply({ item: 'LIC-USE' });
    const alice = await w.user('alice');
    const usage = (await alice.get('/api/v1/datahub/my-data-usage')).json();
    const used = usage.items.find((e: UsageEntry) => e.caseId === filed.caseId && e.resource.startsWith('licence:'));
    expect(used).toMatchObject({
      channel: 'filing',
      resource: 'licence:FOOD-BUSINESS-LICENCE',
      resourceName: { zh: '食品经营许可证' },
      providerDepartmentId: 'SH-PD-SAMR',
      consumerDepartmentId: 'SH-PD-SAMR',
      consumerDepartmentName: '浦东新区市场监督管理局',
      actorType: 'system',
      itemCode: 'LIC-USE',
      result: 'ok',
    });
    expect(used.fields).toEqual(expect.arrayContaining(['applicant.name', 'business.scope']));
    expect(used.purpose).toContain(filed.trackingNumber);
    // The licence module's own list still has it too.
    const mine = (await alice.get('/api/v1/licences/usage')).json();
    expect(mine.items.some((u: { kind: string; caseId: string }) => u.kind === 'material' && u.caseId === filed.caseId)).toBe(true);
  });
});
