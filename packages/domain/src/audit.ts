import { z } from 'zod';

/**
 * The audit log as the API shows it, and the verifier's report. The server's sealer links entries
 * into a hash chain per stream and signs checkpoints; the verifier recomputes the chain and lists
 * every problem it finds as a typed finding.
 */
export const auditStreams = ['audit', 'exchange'] as const;
export const auditStreamSchema = z.enum(auditStreams);
export type AuditStream = z.infer<typeof auditStreamSchema>;

export const auditActorTypes = ['staff', 'user', 'system', 'anonymous'] as const;

export const auditListQuerySchema = z.object({
  stream: auditStreamSchema.default('audit'),
  targetType: z.string().min(1).max(100).optional(),
  targetId: z.string().min(1).max(200).optional(),
  actorId: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
  /** Entries at or after this instant (ISO 8601 with an offset, e.g. `2026-03-02T00:00:00+08:00`). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Entries before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

/** The CSV export takes the list's filters, without paging (it streams up to `AUDIT_EXPORT_MAX_ROWS`). */
export const auditExportQuerySchema = auditListQuerySchema.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  stream: z.string(),
  occurredAt: z.string(),
  actorType: z.enum(auditActorTypes),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  /** Position in the stream's hash chain; null until the sealer has chained the entry. */
  chainPosition: z.number().int().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const auditVerifyQuerySchema = z.object({
  stream: auditStreamSchema.default('audit'),
});

/** What the verifier can find; each is evidence of tampering or of a stuck sealer. */
export const auditFindingSchema = z.discriminatedUnion('kind', [
  /** The entry no longer hashes to its chain row: its content was edited. */
  z.object({ kind: z.literal('entry_edited'), message: z.string(), position: z.number().int(), entryId: z.number().int() }),
  /** A chain row points to an entry that is gone. */
  z.object({ kind: z.literal('entry_deleted'), message: z.string(), position: z.number().int(), entryId: z.number().int() }),
  /** Positions missing from the chain: chain rows were deleted. */
  z.object({ kind: z.literal('chain_rows_deleted'), message: z.string(), fromPosition: z.number().int(), toPosition: z.number().int() }),
  /** A chain row's previous hash is not the hash of the row before it: the chain row was edited. */
  z.object({ kind: z.literal('chain_link_broken'), message: z.string(), position: z.number().int() }),
  /** Entries' contents moved between positions. */
  z.object({
    kind: z.literal('reordered'),
    message: z.string(),
    positions: z.array(z.number().int()),
    entryIds: z.array(z.number().int()),
  }),
  /** A validly signed checkpoint lies beyond the end of the chain: the tail was cut off. */
  z.object({ kind: z.literal('truncated'), message: z.string(), checkpointPosition: z.number().int(), chainHead: z.number().int() }),
  /** A checkpoint's head hash differs from the chain's hash at that position: the chain was rewritten. */
  z.object({
    kind: z.literal('checkpoint_mismatch'),
    message: z.string(),
    position: z.number().int(),
    checkpointHash: z.string(),
    chainHash: z.string(),
  }),
  /** A checkpoint whose signature does not verify (forged or altered, or its key is unknown). */
  z.object({ kind: z.literal('checkpoint_signature_invalid'), message: z.string(), position: z.number().int(), keyId: z.string() }),
  /** Chain rows after the latest validly signed checkpoint: appended without the key. */
  z.object({ kind: z.literal('unsigned_tail'), message: z.string(), fromPosition: z.number().int(), toPosition: z.number().int() }),
  /**
   * Entries registered as written (audit_unsealed, in their own transaction) that are gone before
   * the sealer chained them: deleted before sealing.
   */
  z.object({ kind: z.literal('entries_missing'), message: z.string(), count: z.number().int(), entryIds: z.array(z.number().int()) }),
  /** Entries older than the threshold that are still not chained: the sealer is stuck. */
  z.object({
    kind: z.literal('unsealed_backlog'),
    message: z.string(),
    count: z.number().int(),
    oldestEntryId: z.number().int(),
    oldestOccurredAt: z.string(),
  }),
]);
export type AuditFinding = z.infer<typeof auditFindingSchema>;
export type AuditFindingKind = AuditFinding['kind'];

export const auditVerifyReportSchema = z.object({
  stream: z.string(),
  ok: z.boolean(),
  /** Chain rows read and recomputed. */
  checkedEntries: z.number().int(),
  head: z.object({ position: z.number().int(), hash: z.string() }).nullable(),
  latestValidCheckpoint: z.object({ position: z.number().int(), signedAt: z.string(), keyId: z.string() }).nullable(),
  /** Entries not chained yet (any age); normally the last few seconds of writes. */
  unsealedEntries: z.number().int(),
  findings: z.array(auditFindingSchema),
  /** Findings beyond the reported list (the list is capped). */
  findingsOmitted: z.number().int(),
  durationMs: z.number(),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;
