import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/harness.ts';
import { multipartBody, pdfBytes } from '../../platform/storage/test-fixtures.ts';
import { type CasesWorld, createCasesWorld, formFor } from './testing/case-fixtures.ts';

/**
 * A per-account quota on uploads not (yet) attached to a case: at most UPLOAD_QUOTA_FILES files
 * and UPLOAD_QUOTA_BYTES bytes. Past it an upload is refused (409 CASES_UPLOAD_QUOTA_EXCEEDED,
 * field body.file) and nothing is stored; attaching an upload to a case frees its share.
 */

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld({ UPLOAD_QUOTA_FILES: '3', UPLOAD_QUOTA_BYTES: '1000' });
});
afterAll(() => w.close());

async function upload(client: TestClient, ...files: Buffer[]) {
  const { payload, headers } = multipartBody(
    files.map((data, i) => ({ name: 'file', filename: `scan-${i}.pdf`, contentType: 'application/pdf', data })),
  );
  return client.request('POST', '/api/v1/cases/uploads', payload, headers);
}

const pending = async (ownerId: string) =>
  (
    await w.app.platform.db.query<{ n: number }>(`select count(*)::int as n from case_upload where owner_id = $1 and case_id is null`, [
      ownerId,
    ])
  )[0]?.n;

describe('per-account upload quota', () => {
  it('refuses the upload past the file count, stores nothing, and frees a place once an upload is attached', async () => {
    const alice = await w.user('alice');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(alice, pdfBytes());
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().items[0].id);
    }
    const refused = await upload(alice, pdfBytes());
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CASES_UPLOAD_QUOTA_EXCEEDED', field: 'body.file' });
    expect(await pending('u-alice')).toBe(3);
    // Another account has its own quota.
    expect((await upload(await w.user('dave'), pdfBytes())).statusCode).toBe(201);

    const filed = await alice.post('/api/v1/cases', {
      itemCode: 'TEST-PERMIT',
      form: formFor(w.people.alice),
      materials: [{ materialId: 'application', uploadId: ids[0] }],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await upload(alice, pdfBytes())).statusCode).toBe(201);
  });

  it('counts every file of a request, and bytes as well as files', async () => {
    const erin = await w.user('erin');
    expect((await upload(erin, pdfBytes(), pdfBytes())).statusCode).toBe(201);
    const tooMany = await upload(erin, pdfBytes(), pdfBytes());
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('CASES_UPLOAD_QUOTA_EXCEEDED');
    expect(await pending('u-erin')).toBe(2);

    const clerk = await w.staff('clerk');
    const big = pdfBytes('x'.repeat(600));
    expect((await upload(clerk, big)).statusCode).toBe(201);
    const overBytes = await upload(clerk, big);
    expect(overBytes.statusCode).toBe(409);
    expect(overBytes.json()).toMatchObject({ code: 'CASES_UPLOAD_QUOTA_EXCEEDED', field: 'body.file' });
  });
});
