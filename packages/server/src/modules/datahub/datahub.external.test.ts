import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_KEY_PURPOSE } from './adapters/http-provider.ts';
import { registerDatahubJobs } from './datahub.jobs.ts';
import { MATERIAL_SUPPLIED_QUEUE, MAX_SUPPLY_ATTEMPTS, retryDueSupplies, retrySupply, SUPPLY_RETRY_QUEUE } from './index.ts';
import { protocolHeaders as H, sha256Hex } from './protocol.ts';
import { type ProviderProcess, startProvider } from './testing/provider-process.ts';
import { createHubWorld, exchanges, family, fileOnline, type HubWorld } from './testing/world.ts';

/**
 * The hub and a department system in another process, over loopback: signed requests, signed
 * answers bound to the request, and failing closed — down, slow, unsigned, badly signed, replayed,
 * erroring — with the case kept, the material pending and retried by the job.
 */
let w: HubWorld;
let provider: ProviderProcess;
let vaccCase: { caseId: string };
const ginaRecords = [{ id_number: family.gina.idNumber, vaccine: '乙型肝炎疫苗', dose_date: '2024-05-10', batch: 'B2024-0510' }];

async function launch(): Promise<ProviderProcess> {
  const { signer } = w.app.platform;
  const keyId = await signer.currentKeyId(HUB_KEY_PURPOSE);
  const hubKey = signer.publicKeys(HUB_KEY_PURPOSE).find((k) => k.keyId === keyId);
  return startProvider({
    hubPublicKeyPem: hubKey?.publicKeyPem ?? '',
    hubKeyId: keyId,
    records: { [family.gina.idNumber]: ginaRecords },
    // The hub runs on the tests' manual clock; the provider checks timestamps against the same time.
    clockOffsetMs: w.clock.now().getTime() - Date.now(),
  });
}

async function register(p: ProviderProcess, timeoutMs = 1500) {
  const res = await (await w.staff('hc')).post('/api/v1/datahub/providers', {
    id: 'vaccination_system',
    name: { zh: '免疫规划信息系统', en: 'Immunisation system' },
    baseUrl: p.url,
    keyId: p.keyId,
    publicKeyPem: p.publicKeyPem,
    timeoutMs,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  w = await createHubWorld();
  provider = await launch();
  await register(provider);
  // The big-data centre defines the element; the health commission registers the resource; Pudong SAMR gets a grant.
  const bdc = await w.staff('bdc');
  const element = await bdc.request('PUT', '/api/v1/datahub/fields/vaccine_name', {
    key: 'vaccine_name',
    name: { zh: '疫苗名称', en: 'Vaccine' },
    type: 'text',
    maxLength: 100,
  });
  expect(element.statusCode, element.body).toBe(200);
  const hc = await w.staff('hc');
  const resource = await hc.post('/api/v1/datahub/resources', {
    code: 'VACCINATION',
    name: { zh: '预防接种信息', en: 'Vaccinations' },
    subjectKind: 'person',
    subjectField: 'id_number',
    updateFrequency: 'daily',
    sharingClass: 'conditional',
    provider: { kind: 'http', providerId: 'vaccination_system' },
    fields: [
      { name: 'id_number', element: 'resident_id_number', personal: true },
      { name: 'vaccine', element: 'vaccine_name', personal: true, sensitive: true },
      { name: 'dose_date', element: 'date', label: { zh: '接种日期', en: 'Date of the dose' }, personal: true, sensitive: true },
    ],
  });
  expect(resource.statusCode, resource.body).toBe(201);
  const grant = (
    await (
      await w.staff('pdSamr')
    ).post('/api/v1/datahub/grants', {
      resource: 'VACCINATION',
      fields: ['id_number', 'vaccine', 'dose_date'],
      purpose: '出具预防接种证明',
      items: ['DH-VACC'],
    })
  ).json();
  expect((await hc.post(`/api/v1/datahub/grants/${grant.id}/actions/approve`, {})).statusCode).toBe(200);
  vaccCase = await fileOnline(w, 'gina', 'DH-VACC');
}, 240_000);

afterAll(async () => {
  await provider?.stop();
  await w?.close();
});

async function retryJobs(supplyId: string): Promise<number> {
  const [row] = await w.app.platform.db.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = $1 and data->>'supplyId' = $2`,
    [SUPPLY_RETRY_QUEUE, supplyId],
  );
  return row?.n ?? 0;
}

const query = async () =>
  (await w.staff('pdReviewer')).post('/api/v1/datahub/query', {
    resource: 'VACCINATION',
    fields: ['vaccine', 'dose_date'],
    purpose: '核验接种记录',
    caseId: vaccCase.caseId,
    subject: family.gina.idNumber,
  });

describe('a department system over HTTP', () => {
  it('attaches its data at filing: a signed request, a signed answer, only the fields asked for', async () => {
    const supplies = (await (await w.user('gina')).get(`/api/v1/datahub/cases/${vaccCase.caseId}/supplies`)).json().items;
    expect(supplies).toEqual([
      expect.objectContaining({
        materialId: 'vaccination_record',
        state: 'attached',
        providerDepartmentName: '上海市卫生健康委员会',
        records: [{ id_number: family.gina.idNumber, vaccine: '乙型肝炎疫苗', dose_date: '2024-05-10' }],
      }),
    ]);
    expect((await provider.stats()).verified).toBeGreaterThanOrEqual(1);
  });

  it('answers a staff query through the same signed path', async () => {
    const res = await query();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().records).toEqual([{ vaccine: '乙型肝炎疫苗', dose_date: '2024-05-10' }]);
  });

  it('is refused by the provider when the request is unsigned or signed by someone else', async () => {
    const body = JSON.stringify({ exchangeId: 'x', resource: 'VACCINATION', subject: family.gina.idNumber, fields: ['vaccine'] });
    const unsigned = await fetch(`${provider.url}/query`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(`${provider.url}/query`, {
      method: 'POST',
      body,
      headers: {
        [H.keyId]: await w.app.platform.signer.currentKeyId(HUB_KEY_PURPOSE),
        [H.timestamp]: w.clock.now().toISOString(),
        [H.nonce]: randomBytes(16).toString('hex'),
        [H.digest]: sha256Hex(body),
        [H.signature]: randomBytes(64).toString('base64'),
      },
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toContain('乙型肝炎疫苗');
  });

  it.each([
    ['slow', 503, 'DATAHUB_PROVIDER_UNAVAILABLE'],
    ['unsigned', 502, 'DATAHUB_PROVIDER_SIGNATURE_INVALID'],
    ['bad-signature', 502, 'DATAHUB_PROVIDER_SIGNATURE_INVALID'],
    ['replay', 502, 'DATAHUB_PROVIDER_SIGNATURE_INVALID'],
    ['error', 503, 'DATAHUB_PROVIDER_UNAVAILABLE'],
  ] as const)('fails closed when the provider is %s, and logs it', async (mode, status, code) => {
    await provider.control(mode, 5000);
    try {
      const before = (await exchanges(w.app, 'result = $1', [code])).length;
      const res = await query();
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.body).not.toContain('乙型肝炎疫苗');
      expect((await exchanges(w.app, 'result = $1', [code])).length).toBe(before + 1);
    } finally {
      await provider.control('normal');
    }
  });
});

describe('a provider that is down does not lose the case', () => {
  it('keeps the case with the material pending, and the retry job attaches it once the provider is back', async () => {
    await provider.stop();
    const filed = await fileOnline(w, 'gina', 'DH-VACC');
    expect(filed.platformMaterials).toEqual([{ materialId: 'vaccination_record', state: 'pending' }]);
    const gina = await w.user('gina');
    const reviewerView = await (await w.staff('pdReviewer')).get(`/api/v1/datahub/cases/${filed.caseId}/supplies`);
    expect(reviewerView.json().items).toEqual([
      expect.objectContaining({ state: 'pending', reason: 'DATAHUB_PROVIDER_UNAVAILABLE', attempts: 1, records: null, sha256: null }),
    ]);
    const [supply] = (await gina.get(`/api/v1/datahub/cases/${filed.caseId}/supplies`)).json().items;
    expect(await retryJobs(supply.id)).toBe(1);
    expect(
      (await exchanges(w.app, `case_id = $1 and channel <> 'staff_read'`, [filed.caseId])).map((e) => `${e.channel}:${e.result}`),
    ).toEqual(['filing:DATAHUB_PROVIDER_UNAVAILABLE']);

    // Not due yet: the sweep leaves it alone.
    expect(await retryDueSupplies(w.app.platform)).toEqual({ retried: 0, attached: 0 });
    // Still down when due: the job's handler makes one more attempt and reschedules.
    const handlers = new Map<string, (data: { supplyId: string }) => Promise<void>>();
    const platform = w.app.platform;
    await registerDatahubJobs({
      ...platform,
      jobs: {
        ...platform.jobs,
        work: async (queue, handler) => void handlers.set(queue, handler as (data: { supplyId: string }) => Promise<void>),
      },
    });
    w.clock.advance(61_000);
    await handlers.get(SUPPLY_RETRY_QUEUE)?.({ supplyId: supply.id });
    expect((await gina.get(`/api/v1/datahub/cases/${filed.caseId}/supplies`)).json().items[0]).toMatchObject({
      state: 'pending',
      attempts: 2,
    });
    expect(await retryJobs(supply.id)).toBe(2);

    provider = await launch();
    await register(provider);
    w.clock.advance(2 * 61_000);
    expect(await retryDueSupplies(w.app.platform)).toEqual({ retried: 1, attached: 1 });
    const after = (await gina.get(`/api/v1/datahub/cases/${filed.caseId}/supplies`)).json().items[0];
    expect(after).toMatchObject({
      state: 'attached',
      attempts: 3,
      records: [{ id_number: family.gina.idNumber, vaccine: '乙型肝炎疫苗', dose_date: '2024-05-10' }],
    });
    expect(after.sha256).toMatch(/^[0-9a-f]{64}$/);
    const announced = await w.app.platform.db.query<{ data: Record<string, unknown> }>(
      `select data from pgboss.job where name = $1 and data->>'caseId' = $2`,
      [MATERIAL_SUPPLIED_QUEUE, filed.caseId],
    );
    expect(announced.map((j) => j.data)).toEqual([
      expect.objectContaining({
        materialId: 'vaccination_record',
        sourceRef: `datahub:${supply.id}`,
        sha256: after.sha256,
        providerDepartmentId: 'SH-HC',
      }),
    ]);
    expect(
      (await exchanges(w.app, `case_id = $1 and channel <> 'staff_read'`, [filed.caseId])).map((e) => `${e.channel}:${e.result}`),
    ).toEqual(['filing:DATAHUB_PROVIDER_UNAVAILABLE', 'retry:DATAHUB_PROVIDER_UNAVAILABLE', 'retry:ok']);
    // A second run changes nothing.
    expect(await retrySupply(w.app.platform, supply.id)).toBe('attached');
  });

  it('gives up after the last attempt when the provider keeps answering badly', async () => {
    await provider.control('bad-signature');
    try {
      const filed = await fileOnline(w, 'gina', 'DH-VACC');
      const [supply] = (await (await w.user('gina')).get(`/api/v1/datahub/cases/${filed.caseId}/supplies`)).json().items;
      expect(supply).toMatchObject({ state: 'pending', reason: 'DATAHUB_PROVIDER_SIGNATURE_INVALID' });
      const states: (string | undefined)[] = [];
      for (let i = 1; i < MAX_SUPPLY_ATTEMPTS; i++) states.push(await retrySupply(w.app.platform, supply.id));
      expect(states.at(-1), JSON.stringify(states)).toBe('failed');
      expect(states.slice(0, -1).every((s) => s === 'pending')).toBe(true);
      const final = (await (await w.user('gina')).get(`/api/v1/datahub/cases/${filed.caseId}/supplies`)).json().items[0];
      expect(final).toMatchObject({ state: 'failed', attempts: MAX_SUPPLY_ATTEMPTS, records: null });
    } finally {
      await provider.control('normal');
    }
  });
});
