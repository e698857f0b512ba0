import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, pdfBytes } from '../../platform/storage/test-fixtures.ts';
import { casesStorage, purgeUnattachedUploads } from './index.ts';
import { type CasesWorld, createCasesWorld, formFor } from './testing/case-fixtures.ts';

/**
 * Uploads never attached to a case, and not held by a draft, are deleted (row and stored file)
 * UPLOAD_UNATTACHED_HOURS after they came in, by a recurring job (cases.jobs.ts), and audited.
 */

let w: CasesWorld;
beforeAll(async () => {
  w = await createCasesWorld({ UPLOAD_UNATTACHED_HOURS: '24' });
});
afterAll(() => w.close());

async function upload(): Promise<string> {
  const alice = await w.user('alice');
  const { payload, headers } = multipartBody([{ name: 'file', filename: 'scan.pdf', contentType: 'application/pdf', data: pdfBytes() }]);
  const res = await alice.request('POST', '/api/v1/cases/uploads', payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0].id;
}

const rows = async () =>
  w.app.platform.db.query<{ id: string; storage_key: string }>(
    `select id, storage_key from case_upload where owner_id = 'u-alice' order by id`,
  );

describe('clean-up of never-attached uploads', () => {
  it('deletes old uploads that no case and no draft holds, with their files, and audits it', async () => {
    const alice = await w.user('alice');
    const [attached, inDraft, orphan] = [await upload(), await upload(), await upload()];
    const filed = await alice.post('/api/v1/cases', {
      itemCode: 'TEST-PERMIT',
      form: formFor(w.people.alice),
      materials: [{ materialId: 'application', uploadId: attached }],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const draft = await alice.post('/api/v1/cases/drafts', {
      itemCode: 'TEST-PERMIT',
      form: {},
      materials: [{ materialId: 'application', uploadId: inDraft }],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const keyOf = new Map((await rows()).map((r) => [r.id, r.storage_key]));
    const { store } = casesStorage(w.app.platform);
    expect(await store.exists(keyOf.get(orphan) as string)).toBe(true);

    w.clock.advance(23 * 3600_000);
    expect(await purgeUnattachedUploads(w.app.platform)).toBe(0);
    w.clock.advance(2 * 3600_000);
    const fresh = await upload();
    expect(await purgeUnattachedUploads(w.app.platform)).toBe(1);
    expect((await rows()).map((r) => r.id).sort()).toEqual([attached, inDraft, fresh].sort());
    expect(await store.exists(keyOf.get(orphan) as string)).toBe(false);
    expect(await store.exists(keyOf.get(inDraft) as string)).toBe(true);
    const audits = await w.app.platform.db.query<{ actor_type: string; detail: { count: number } }>(
      `select actor_type, detail from audit_log where action = 'cases.upload.purged'`,
    );
    expect(audits).toMatchObject([{ actor_type: 'system', detail: { count: 1 } }]);
    // Nothing left to do: no second entry.
    expect(await purgeUnattachedUploads(w.app.platform)).toBe(0);
    expect(await w.app.platform.db.query(`select 1 from audit_log where action = 'cases.upload.purged'`)).toHaveLength(1);
  });
});
