import type { AuditEntry, AuditExportQuery, AuditListQuery, AuditListResponse, AuditStream, AuditVerifyReport } from '@tongban/domain';
import { recordAudit } from '../../platform/audit/audit.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';

type EntryDbRow = {
  id: number;
  stream: string;
  occurred_at: Date;
  actor_type: AuditEntry['actorType'];
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  subject: string | null;
  detail: Record<string, unknown>;
  request_id: string | null;
  position: number | null;
};

const entrySelect = `select l.id, l.stream, l.occurred_at, l.actor_type, l.actor_id, l.action, l.target_type, l.target_id, l.subject,
            l.detail, l.request_id, c.position
     from audit_log l left join audit_chain c on c.entry_id = l.id`;

/** The filters shared by the list and the export, as a where clause and its parameters. */
function filtersOf(query: AuditExportQuery): { where: string[]; params: unknown[] } {
  const where = ['l.stream = $1'];
  const params: unknown[] = [query.stream];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (query.targetType) add('l.target_type = ?', query.targetType);
  if (query.targetId) add('l.target_id = ?', query.targetId);
  if (query.actorId) add('l.actor_id = ?', query.actorId);
  if (query.action) add('l.action = ?', query.action);
  if (query.from) add('l.occurred_at >= ?::timestamptz', query.from);
  if (query.to) add('l.occurred_at < ?::timestamptz', query.to);
  return { where, params };
}

function toEntry(r: EntryDbRow): AuditEntry {
  return {
    id: r.id,
    stream: r.stream,
    occurredAt: r.occurred_at.toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    subject: r.subject,
    detail: r.detail,
    requestId: r.request_id,
    chainPosition: r.position,
  };
}

/**
 * One page of a stream's audit entries, newest first, filtered by target, actor, action and a
 * date range (`from` inclusive, `to` exclusive). Throws nothing: an empty page when nothing matches.
 */
export async function listAuditEntries(ctx: Ctx, query: AuditListQuery): Promise<AuditListResponse> {
  const { where, params } = filtersOf(query);
  params.push(query.pageSize + 1, (query.page - 1) * query.pageSize);
  const rows = await ctx.db.query<EntryDbRow>(
    `${entrySelect}
     where ${where.join(' and ')}
     order by l.id desc
     limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return {
    items: rows.slice(0, query.pageSize).map(toEntry),
    page: query.page,
    pageSize: query.pageSize,
    hasMore: rows.length > query.pageSize,
  };
}

/**
 * Every entry of a search, newest first, a page of `pageSize` at a time (keyset on the id, so
 * each page is one short indexed read however deep the export goes), at most `maxRows`.
 */
export async function* streamAuditEntries(db: Db, query: AuditExportQuery, maxRows: number, pageSize = 1000): AsyncGenerator<AuditEntry> {
  let below: number | undefined;
  let sent = 0;
  while (sent < maxRows) {
    const limit = Math.min(pageSize, maxRows - sent);
    const { where, params } = filtersOf(query);
    if (below !== undefined) {
      params.push(below);
      where.push(`l.id < $${params.length}`);
    }
    params.push(limit);
    const rows = await db.query<EntryDbRow>(
      `${entrySelect} where ${where.join(' and ')} order by l.id desc limit $${params.length}`,
      params,
    );
    for (const row of rows) yield toEntry(row);
    sent += rows.length;
    if (rows.length < limit) return;
    below = rows[rows.length - 1]?.id;
  }
}

/**
 * An export hands many people's data to one file: it is itself audited, with its filters, before
 * the first row leaves (an export broken off midway is still on record).
 */
export async function recordAuditExport(ctx: Ctx, query: AuditExportQuery, maxRows: number): Promise<void> {
  const actor = ctx.actor.kind === 'staff' ? { type: 'staff' as const, id: ctx.actor.staffId } : { type: 'anonymous' as const };
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock.now(), {
      actor,
      action: 'audit.log.exported',
      target: { type: 'audit_stream', id: query.stream },
      detail: { filters: { ...query }, maxRows },
      requestId: ctx.requestId,
    }),
  );
}

/** Findings listed in an answer over HTTP; the rest are counted (`findingsOmitted`). */
export const VERIFY_MAX_FINDINGS = 100;

// One pass over the whole chain per stream and database at a time: callers that ask while a pass
// runs share its report, so a console's repeated clicks (or many auditors) never stack up passes.
const running = new WeakMap<Db, Map<AuditStream, Promise<AuditVerifyReport>>>();

/**
 * Recomputes the stream's hash chain and checks it against the signed checkpoints; problems come
 * back as findings in the report (`ok: false`), never as an error. At most `VERIFY_MAX_FINDINGS`
 * are listed. Throws nothing of its own.
 */
export async function verifyAuditLog(ctx: Ctx, input: { stream: AuditStream }): Promise<AuditVerifyReport> {
  let perDb = running.get(ctx.db);
  if (!perDb) {
    perDb = new Map();
    running.set(ctx.db, perDb);
  }
  const current = perDb.get(input.stream);
  if (current) return current;
  const pass = verifyAuditChain(ctx.db, ctx.signer, ctx.clock, { stream: input.stream, maxFindings: VERIFY_MAX_FINDINGS }).finally(() =>
    perDb.delete(input.stream),
  );
  perDb.set(input.stream, pass);
  return pass;
}
