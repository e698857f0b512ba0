import { AppError } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { FileStore } from '../../../platform/storage/index.ts';

/**
 * Uploads (`case_upload`): files an account sent that a case or a draft may then use. Until a case
 * takes one, it counts against the account's quota (UPLOAD_QUOTA_FILES, UPLOAD_QUOTA_BYTES), so
 * one account cannot fill the store; those that neither a case nor a draft holds are deleted
 * UPLOAD_UNATTACHED_HOURS after they came in (`purgeUnattachedUploads`, a recurring job).
 */
export type UploadOwner = { type: 'user' | 'staff'; id: string };
export type NewUpload = {
  id: string;
  storageKey: string;
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
};
type QuotaConfig = Pick<Platform['config'], 'UPLOAD_QUOTA_FILES' | 'UPLOAD_QUOTA_BYTES'>;

async function pendingOf(sql: Sql, owner: UploadOwner): Promise<{ files: number; bytes: number }> {
  const [row] = await sql.query<{ files: number; bytes: string }>(
    `select count(*)::int as files, coalesce(sum(size_bytes), 0)::text as bytes
       from case_upload where owner_type = $1 and owner_id = $2 and case_id is null`,
    [owner.type, owner.id],
  );
  return { files: row?.files ?? 0, bytes: Number(row?.bytes ?? 0) };
}

/**
 * @throws CASES_UPLOAD_QUOTA_EXCEEDED when the account's unattached uploads plus `adding` pass the
 *   quota (with nothing to add: when the quota is already used up, so a refused file is not even read)
 */
export async function assertUploadQuota(
  sql: Sql,
  config: QuotaConfig,
  owner: UploadOwner,
  adding: { files: number; bytes: number },
): Promise<void> {
  const pending = await pendingOf(sql, owner);
  const files = pending.files + adding.files;
  const bytes = pending.bytes + adding.bytes;
  const over =
    adding.files === 0
      ? files >= config.UPLOAD_QUOTA_FILES || bytes >= config.UPLOAD_QUOTA_BYTES
      : files > config.UPLOAD_QUOTA_FILES || bytes > config.UPLOAD_QUOTA_BYTES;
  if (over) {
    throw new AppError(
      'CASES_UPLOAD_QUOTA_EXCEEDED',
      `未使用的上传文件已达上限（${config.UPLOAD_QUOTA_FILES} 个或 ${Math.floor(config.UPLOAD_QUOTA_BYTES / 1048576)} MB），请先提交申请或稍后再试。Too many files uploaded and not yet used in an application; submit one or wait for unused files to be removed.`,
      {
        field: 'body.file',
        details: { files: pending.files, bytes: pending.bytes, maxFiles: config.UPLOAD_QUOTA_FILES, maxBytes: config.UPLOAD_QUOTA_BYTES },
      },
    );
  }
}

/**
 * Records received files for their owner, within the quota: the owner's uploads are counted under
 * a transaction-scoped advisory lock, so two concurrent uploads cannot both slip under it.
 * @throws CASES_UPLOAD_QUOTA_EXCEEDED (the caller discards the stored files)
 */
export async function recordUploads(
  platform: Pick<Platform, 'db' | 'clock' | 'config'>,
  owner: UploadOwner,
  files: readonly NewUpload[],
): Promise<Date> {
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('case_upload:' || $1 || ':' || $2))`, [owner.type, owner.id]);
    await assertUploadQuota(tx, platform.config, owner, { files: files.length, bytes: files.reduce((n, f) => n + f.sizeBytes, 0) });
    for (const f of files) {
      await tx.query(
        `insert into case_upload (id, owner_type, owner_id, storage_key, sha256, media_type, size_bytes, file_name, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [f.id, owner.type, owner.id, f.storageKey, f.sha256, f.mediaType, f.sizeBytes, f.fileName, now],
      );
    }
  });
  return now;
}

/**
 * Deletes uploads older than UPLOAD_UNATTACHED_HOURS that no case took and no draft names (the
 * rows and one audit entry in one transaction, then the stored files: a file left behind by a
 * crash in between is an orphan, harmless). Returns how many.
 */
export async function purgeUnattachedUploads(platform: Pick<Platform, 'db' | 'clock' | 'config'>, store: FileStore): Promise<number> {
  const now = platform.clock.now();
  const cutoff = new Date(now.getTime() - platform.config.UPLOAD_UNATTACHED_HOURS * 3600_000);
  const deleted = await platform.db.transaction(async (tx) => {
    const rows = await tx.query<{ storage_key: string; size_bytes: string }>(
      `delete from case_upload u
        where u.case_id is null and u.created_at < $1
          and not exists (
            select 1 from case_draft d, jsonb_array_elements(coalesce(d.body -> 'materials', '[]'::jsonb)) m
             where m ->> 'uploadId' = u.id)
        returning u.storage_key, u.size_bytes::text`,
      [cutoff],
    );
    if (rows.length > 0) {
      await recordAudit(tx, now, {
        actor: { type: 'system', id: 'cases.uploads.purge' },
        action: 'cases.upload.purged',
        detail: { count: rows.length, bytes: rows.reduce((n, r) => n + Number(r.size_bytes), 0), before: cutoff.toISOString() },
      });
    }
    return rows;
  });
  await Promise.all(deleted.map((r) => store.delete(r.storage_key).catch(() => {})));
  return deleted.length;
}
