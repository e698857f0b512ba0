import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CasesWorld, createCasesWorld, detail, fakeUpload, formFor } from './testing/case-fixtures.ts';

/**
 * Answers carry what the request normalised (an enterprise's credit code, a postal address):
 * responses are serialised through their schemas, which must therefore hold plain values.
 */
let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld();
});
afterAll(() => w?.close());

const mail = { method: 'mail', recipient: '爱丽丝', mobile: '13800138000', address: '上海市浦东新区世纪大道100号' };

describe('answers with normalised values', () => {
  it('saves and reads back an enterprise draft to be posted', async () => {
    const erin = await w.user('erin');
    const body = {
      itemCode: 'TEST-ENT',
      enterpriseCreditCode: w.enterprises.preRegistered.creditCode,
      form: formFor(w.people.erin),
      delivery: mail,
    };
    const saved = await erin.post('/api/v1/cases/drafts', body);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ enterpriseCreditCode: body.enterpriseCreditCode, delivery: mail });
    const updated = await erin.request('PUT', `/api/v1/cases/drafts/${saved.json().id}`, { ...body, contact: { mobile: '13800138000' } });
    expect(updated.statusCode, updated.body).toBe(200);
    const read = await erin.get(`/api/v1/cases/drafts/${saved.json().id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().contact).toEqual({ mobile: '13800138000' });
    expect((await erin.get('/api/v1/cases/drafts')).statusCode).toBe(200);
  });

  it('shows a case whose result is to be posted', async () => {
    const alice = await w.user('alice');
    const uploadId = await fakeUpload(w.app, { type: 'user', id: 'u-alice' });
    const filed = await alice.post(
      '/api/v1/cases',
      { itemCode: 'TEST-PERMIT', form: formFor(w.people.alice), materials: [{ materialId: 'application', uploadId }], delivery: mail },
      { 'idempotency-key': randomUUID() },
    );
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await detail(alice, filed.json().caseId)).delivery).toEqual(mail);
  });
});
