import { AppError, type ErrorCode, type ServiceItemContent, serviceItemInputSchema } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  compareVersions,
  createDraft,
  editDraft,
  editVersion,
  listDrafts,
  listVersions,
  publishVersion,
  rejectVersion,
  submitVersion,
  withdrawItem,
} from './catalogue.service.ts';
import { assertPublished, getItemVersion, getPublishedItem, importCatalogue } from './index.ts';
import { catalogueFixtures } from './testing/catalogue-fixtures.ts';
import { ctxFor, seedCatalogueFixtures, fixtureStaff as staff } from './testing/fixture-setup.ts';
import { buildItem } from './testing/item-builder.ts';
import { getGuide } from './use-cases/guide.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Members of the two fixture bundles are published; everything else is made by the tests.
  await seedCatalogueFixtures(t.app, { items: catalogueFixtures });
});
afterAll(() => t.close());

const as = (member: (typeof staff)[keyof typeof staff]) => ctxFor(t.app, member);

async function expectCode(promise: Promise<unknown>, code: ErrorCode, field?: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (field !== undefined) expect((error as AppError).field).toBe(field);
    return error as AppError;
  }
  throw new Error(`expected ${code}`);
}

function input(code: string, overrides: Partial<ServiceItemContent> = {}) {
  const { popularity: _p, ...item } = buildItem({
    code,
    zh: '道路挖掘许可',
    en: 'Road excavation permit',
    department: 'SH-PD-SAMR',
    promisedDays: 5,
  });
  return serviceItemInputSchema.parse({ ...item, ...overrides });
}

function contentOf(code: string, overrides: Partial<ServiceItemContent> = {}): ServiceItemContent {
  const { code: _c, ...content } = input(code, overrides);
  return content;
}

describe('publication workflow', () => {
  it('takes a draft through review to publication by a different staff member', async () => {
    const draft = await createDraft(as(staff.pdAdmin), input('PD-WF-001'));
    expect(draft).toMatchObject({ code: 'PD-WF-001', version: 1, status: 'draft', authorId: staff.pdAdmin.id });
    await expectCode(getPublishedItem(t.app.platform.db, 'PD-WF-001'), 'CATALOGUE_ITEM_NOT_PUBLISHED');

    // Publishing needs a submitted version.
    await expectCode(publishVersion(as(staff.pdAdmin2), 'PD-WF-001'), 'CATALOGUE_INVALID_TRANSITION');
    const submitted = await submitVersion(as(staff.pdAdmin), 'PD-WF-001');
    expect(submitted).toMatchObject({ status: 'submitted', submittedBy: staff.pdAdmin.id });

    await expectCode(publishVersion(as(staff.pdAdmin), 'PD-WF-001'), 'CATALOGUE_SELF_PUBLISH_FORBIDDEN');
    const published = await publishVersion(as(staff.pdAdmin2), 'PD-WF-001');
    expect(published).toMatchObject({ status: 'published', publishedBy: staff.pdAdmin2.id, publishedAt: t.clock.now().toISOString() });

    const pinned = await assertPublished(t.app.platform.db, 'PD-WF-001');
    expect(pinned).toMatchObject({ code: 'PD-WF-001', version: 1, versionId: draft.id });
    expect(pinned.content.name.zh).toBe('道路挖掘许可');

    const actions = (await auditActions(t.app, 'catalogue.'))
      .filter((a) => a.detail.versionId === draft.id)
      .map((a) => [a.action, a.actor_id]);
    expect(actions).toEqual([
      ['catalogue.item.created', staff.pdAdmin.id],
      ['catalogue.version.submitted', staff.pdAdmin.id],
      ['catalogue.version.published', staff.pdAdmin2.id],
    ]);
  });

  it('forbids anyone who edited the version from publishing it', async () => {
    await createDraft(as(staff.pdAdmin), input('PD-WF-002'));
    await editDraft(as(staff.pdAdmin2), 'PD-WF-002', contentOf('PD-WF-002', { visits: 1 }));
    await submitVersion(as(staff.pdAdmin), 'PD-WF-002');
    await expectCode(publishVersion(as(staff.pdAdmin2), 'PD-WF-002'), 'CATALOGUE_SELF_PUBLISH_FORBIDDEN');
    await expectCode(publishVersion(as(staff.pdAdmin), 'PD-WF-002'), 'CATALOGUE_SELF_PUBLISH_FORBIDDEN');
    await expect(publishVersion(as(staff.sysAdmin), 'PD-WF-002')).resolves.toMatchObject({
      status: 'published',
      publishedBy: staff.sysAdmin.id,
    });
  });

  it('keeps published versions immutable: editing makes a new draft, publishing it supersedes the old', async () => {
    const v1 = await createDraft(as(staff.pdAdmin), input('PD-WF-003'));
    await submitVersion(as(staff.pdAdmin), 'PD-WF-003');
    await publishVersion(as(staff.sysAdmin), 'PD-WF-003');

    await expectCode(editVersion(as(staff.pdAdmin), 'PD-WF-003', 1, contentOf('PD-WF-003', { visits: 1 })), 'CATALOGUE_VERSION_IMMUTABLE');
    // Even a direct UPDATE is refused by the table's trigger.
    await expect(
      t.app.platform.db.query(`update catalogue_version set content = jsonb_set(content, '{visits}', '3') where id = $1`, [v1.id]),
    ).rejects.toThrow(/CATALOGUE_VERSION_IMMUTABLE/);

    const v2 = await editDraft(as(staff.pdAdmin), 'PD-WF-003', contentOf('PD-WF-003', { visits: 1 }));
    expect(v2).toMatchObject({ version: 2, status: 'draft', created: true });
    // A second edit changes the same draft.
    const again = await editDraft(as(staff.pdAdmin), 'PD-WF-003', contentOf('PD-WF-003', { visits: 2 }));
    expect(again).toMatchObject({ id: v2.id, version: 2, created: false });
    expect((await getPublishedItem(t.app.platform.db, 'PD-WF-003')).content.visits).toBe(0);

    // The guide is cached; publishing the new version must show at once.
    expect((await getGuide(t.app.platform, 'PD-WF-003')).value.version).toBe(1);
    await submitVersion(as(staff.pdAdmin), 'PD-WF-003');
    await expectCode(editDraft(as(staff.pdAdmin), 'PD-WF-003', contentOf('PD-WF-003')), 'CATALOGUE_INVALID_TRANSITION');
    await expectCode(editVersion(as(staff.pdAdmin), 'PD-WF-003', 2, contentOf('PD-WF-003')), 'CATALOGUE_INVALID_TRANSITION');
    await publishVersion(as(staff.pdAdmin2), 'PD-WF-003');
    expect((await getGuide(t.app.platform, 'PD-WF-003')).value).toMatchObject({ version: 2, content: { visits: 2 } });

    const pinned = await getPublishedItem(t.app.platform.db, 'PD-WF-003');
    expect(pinned).toMatchObject({ version: 2, versionId: v2.id });
    // A case filed under version 1 still reads what it was filed under.
    expect(await getItemVersion(t.app.platform.db, v1.id)).toMatchObject({ version: 1, status: 'superseded', content: { visits: 0 } });

    const versions = await listVersions(as(staff.pdAdmin), 'PD-WF-003');
    expect(versions.publishedVersion).toBe(2);
    expect(versions.items.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const diff = await compareVersions(as(staff.pdAdmin), 'PD-WF-003', 1, 2);
    expect(diff.changes).toEqual([{ path: 'visits', kind: 'changed', before: 0, after: 2 }]);
  });

  it('sends a submitted version back with a reason', async () => {
    await createDraft(as(staff.pdAdmin), input('PD-WF-004'));
    await submitVersion(as(staff.pdAdmin), 'PD-WF-004');
    const back = await rejectVersion(as(staff.pdAdmin2), 'PD-WF-004', '法律依据条款有误');
    expect(back).toMatchObject({ status: 'draft', rejectedReason: '法律依据条款有误', submittedBy: null });
    await expectCode(rejectVersion(as(staff.pdAdmin2), 'PD-WF-004', '再次退回'), 'CATALOGUE_INVALID_TRANSITION');
    const drafts = await listDrafts(as(staff.pdAdmin), { page: 1, pageSize: 50 });
    expect(drafts.items.map((d) => d.code)).toContain('PD-WF-004');
  });

  it('refuses withdrawn, draft-only and unknown items at the guard', async () => {
    await createDraft(as(staff.pdAdmin), input('PD-WF-005'));
    await submitVersion(as(staff.pdAdmin), 'PD-WF-005');
    const published = await publishVersion(as(staff.sysAdmin), 'PD-WF-005');
    await getGuide(t.app.platform, 'PD-WF-005');

    const withdrawn = await withdrawItem(as(staff.pdAdmin2), 'PD-WF-005', '该事项已取消');
    expect(withdrawn).toMatchObject({
      id: published.id,
      status: 'withdrawn',
      withdrawnBy: staff.pdAdmin2.id,
      withdrawnReason: '该事项已取消',
    });
    await expectCode(assertPublished(t.app.platform.db, 'PD-WF-005'), 'CATALOGUE_ITEM_NOT_PUBLISHED');
    await expectCode(getGuide(t.app.platform, 'PD-WF-005'), 'CATALOGUE_ITEM_NOT_FOUND');
    await expectCode(withdrawItem(as(staff.pdAdmin2), 'PD-WF-005', '再次停用'), 'CATALOGUE_INVALID_TRANSITION');
    await expectCode(assertPublished(t.app.platform.db, 'NO-SUCH-ITEM'), 'CATALOGUE_ITEM_NOT_PUBLISHED');
    await expectCode(assertPublished(t.app.platform.db, 'PD-WF-004'), 'CATALOGUE_ITEM_NOT_PUBLISHED');
    // Still readable by id (pinned cases).
    expect(await getItemVersion(t.app.platform.db, published.id)).toMatchObject({ status: 'withdrawn' });
    await expectCode(getItemVersion(t.app.platform.db, 'not-a-version'), 'CATALOGUE_ITEM_NOT_FOUND');

    // It can come back: a new version, reviewed and published again.
    const v2 = await editDraft(as(staff.pdAdmin), 'PD-WF-005', contentOf('PD-WF-005'));
    expect(v2.version).toBe(2);
    await submitVersion(as(staff.pdAdmin), 'PD-WF-005');
    await publishVersion(as(staff.pdAdmin2), 'PD-WF-005');
    expect((await assertPublished(t.app.platform.db, 'PD-WF-005')).version).toBe(2);
  });

  it('does not withdraw an item a published bundle relies on', async () => {
    const error = await expectCode(withdrawItem(as(staff.sysAdmin), 'PSB-GZBA', '测试'), 'CATALOGUE_INVALID_TRANSITION');
    expect(error.details).toEqual({ bundles: ['BDL-QYKB'] });
  });

  it('scopes editors to their department subtree', async () => {
    // Huangpu's administrator cannot create or touch an item of a Pudong bureau.
    await expectCode(createDraft(as(staff.hpAdmin), input('PD-WF-006')), 'AUTH_FORBIDDEN', 'body.responsibleDepartment');
    await expectCode(editDraft(as(staff.hpAdmin), 'PD-WF-001', contentOf('PD-WF-001')), 'AUTH_FORBIDDEN');
    await expectCode(publishVersion(as(staff.hpAdmin), 'PD-WF-004'), 'AUTH_FORBIDDEN');
    // Nor move one of its own into Pudong.
    await createDraft(as(staff.hpAdmin), input('HP-WF-001', { responsibleDepartment: 'SH-HP-WT' }));
    await expectCode(
      editDraft(as(staff.hpAdmin), 'HP-WF-001', contentOf('HP-WF-001', { responsibleDepartment: 'SH-PD-SAMR' })),
      'AUTH_FORBIDDEN',
      'body.responsibleDepartment',
    );
    const hpDrafts = await listDrafts(as(staff.hpAdmin), { page: 1, pageSize: 50 });
    expect(hpDrafts.items.map((d) => d.code)).toEqual(['HP-WF-001']);
    // The system administrator manages everything.
    const all = await listDrafts(as(staff.sysAdmin), { page: 1, pageSize: 50 });
    expect(all.items.map((d) => d.code)).toEqual(expect.arrayContaining(['HP-WF-001', 'PD-WF-004']));
    // Citizens are not staff.
    await expectCode(createDraft({ ...as(staff.pdAdmin), actor: { kind: 'anonymous' } }, input('PD-WF-007')), 'AUTH_FORBIDDEN');
  });

  it('checks content on save: unknown departments, process rules, taken codes', async () => {
    await expectCode(createDraft(as(staff.sysAdmin), input('PD-WF-001')), 'CONFLICT', 'body.code');
    const base = contentOf('PD-WF-008');
    const process = base.process.map((s) => (s.id === 'review' ? { ...s, department: 'SH-NOWHERE' } : s));
    await expectCode(
      createDraft(as(staff.sysAdmin), input('PD-WF-008', { process })),
      'CATALOGUE_PROCESS_INVALID',
      'body.process.1.department',
    );
    const late = [base.process[1], base.process[0], base.process[2]] as ServiceItemContent['process'];
    await expectCode(
      createDraft(as(staff.sysAdmin), input('PD-WF-008', { process: late })),
      'CATALOGUE_PROCESS_INVALID',
      'body.process.1.kind',
    );
    await expectCode(
      createDraft(as(staff.sysAdmin), input('PD-WF-008', { implementingDepartments: ['SH-GHOST'] })),
      'CATALOGUE_PROCESS_INVALID',
      'body.implementingDepartments.0',
    );
    await expectCode(
      createDraft(as(staff.sysAdmin), input('PD-WF-008', { bundleMembers: ['SAMR-QYSL', 'NO-SUCH-ITEM'] })),
      'CATALOGUE_ITEM_NOT_PUBLISHED',
      'body.bundleMembers.1',
    );
    await expectCode(
      createDraft(as(staff.sysAdmin), input('PD-WF-008', { bundleMembers: ['SAMR-QYSL', 'BDL-QYKB'] })),
      'CATALOGUE_PROCESS_INVALID',
      'body.bundleMembers.1',
    );
  });
});

describe('bundles', () => {
  it('refuses members whose form fields clash, naming the field and the items', async () => {
    const capital = (type: 'money' | 'number') => [
      { key: 'enterprise.registered_capital', label: { zh: '注册资本', en: 'Registered capital' }, type, required: true },
    ];
    for (const [code, type] of [
      ['PD-BF-001', 'money'],
      ['PD-BF-002', 'number'],
    ] as const) {
      await createDraft(as(staff.pdAdmin), input(code, { form: capital(type) }));
      await submitVersion(as(staff.pdAdmin), code);
      await publishVersion(as(staff.pdAdmin2), code);
    }
    const error = await expectCode(
      createDraft(as(staff.pdAdmin), input('PD-BF-010', { bundleMembers: ['PD-BF-001', 'PD-BF-002'] })),
      'CATALOGUE_BUNDLE_FIELD_CONFLICT',
      'body.bundleMembers',
    );
    expect(error.message).toContain('enterprise.registered_capital');
    expect(error.details).toEqual({
      key: 'enterprise.registered_capital',
      items: [
        { code: 'PD-BF-001', type: 'money' },
        { code: 'PD-BF-002', type: 'number' },
      ],
    });
  });

  it('merges the start-a-business bundle into one form and one material list', async () => {
    const guide = (await getGuide(t.app.platform, 'BDL-QYKB')).value;
    const bundle = guide.bundle;
    expect(bundle?.members.map((m) => m.code)).toEqual(['SAMR-QYSL', 'PSB-GZBA', 'TAX-SCLP', 'HRSS-DWCB', 'HPF-DWJC']);
    // Five members share four form fields: asked once.
    expect(bundle?.form.map((f) => f.key)).toEqual(['enterprise.name', 'enterprise.address', 'applicant.name', 'applicant.id_number']);
    // The business licence four members need comes from the e-licence library, once.
    const licences = bundle?.materials.platform.filter((m) => m.source.kind === 'licence');
    expect(licences).toHaveLength(1);
    expect(licences?.[0]?.items).toEqual(['PSB-GZBA', 'TAX-SCLP', 'HRSS-DWCB', 'HPF-DWJC']);
    expect(bundle?.process.branches.map((b) => b.department.id)).toEqual(['SH-SAMR', 'SH-PSB', 'SH-TAX', 'SH-HRSS', 'SH-HPF']);
    expect(bundle?.results.map((r) => r.result.name.zh)).toEqual(['营业执照']);
    expect(bundle?.promisedDays).toBe(2);
    expect((await getGuide(t.app.platform, 'SAMR-QYSL')).value.partOf).toEqual([
      { code: 'BDL-QYKB', name: { zh: '“企业开办”一件事', en: 'Starting a business (one-stop bundle)' } },
    ]);
  });
});

describe('importCatalogue', () => {
  it('validates every item and names the failing one', async () => {
    const at = t.clock.now();
    const run = (items: unknown[]) =>
      t.app.platform.db.transaction((tx) => importCatalogue(tx, items as never, { publishedBy: 'seed', publishedAt: at }));
    await expectCode(
      run([{ ...buildItem({ code: 'IMP-001', zh: '甲', en: 'A', department: 'SH-SAMR' }), name: { zh: '', en: 'A' } }]),
      'VALIDATION_FAILED',
      'items.0.name.zh',
    );
    await expectCode(
      run([buildItem({ code: 'IMP-001', zh: '甲', en: 'A', department: 'SH-NOPE' })]),
      'CATALOGUE_PROCESS_INVALID',
      'items.0.responsibleDepartment',
    );
    await expectCode(
      run([
        buildItem({ code: 'IMP-001', zh: '甲', en: 'A', department: 'SH-SAMR' }),
        buildItem({ code: 'IMP-001', zh: '乙', en: 'B', department: 'SH-SAMR' }),
      ]),
      'CONFLICT',
      'items.1.code',
    );
    await expectCode(run([buildItem({ code: 'SAMR-QYSL', zh: '甲', en: 'A', department: 'SH-SAMR' })]), 'CONFLICT', 'items.0.code');
    // Nothing of a failed batch stays.
    await expectCode(getPublishedItem(t.app.platform.db, 'IMP-001'), 'CATALOGUE_ITEM_NOT_PUBLISHED');
  });
});
