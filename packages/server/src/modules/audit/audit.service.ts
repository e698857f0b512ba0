import type { AuditEntry, AuditListQuery, AuditListResponse, AuditStream, AuditVerifyReport } from '@tongban/domain';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import type { Ctx } from '../../platform/context.ts';

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

/**
 * One page of a stream's audit entries, newest first, filtered by target, actor and action.
 * Throws nothing: an empty page when nothing matches.
 */
export async function listAuditEntries(ctx: Ctx, query: AuditListQuery): Promise<AuditListResponse> {
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
  params.push(query.pageSize + 1, (query.page - 1) * query.pageSize);
  const rows = await ctx.db.query<EntryDbRow>(
    `select l.id, l.stream, l.occurred_at, l.actor_type, l.actor_id, l.action, l.target_type, l.target_id, l.subject,
            l.detail, l.request_id, c.position
     from audit_log l left join audit_chain c on c.entry_id = l.id
     where ${where.join(' and ')}
     order by l.id desc
     limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return {
    items: rows.slice(0, query.pageSize).map((r) => ({
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
    })),
    page: query.page,
    pageSize: query.pageSize,
    hasMore: rows.length > query.pageSize,
  };
}

/**
 * Recomputes the stream's hash chain and checks it against the signed checkpoints; problems come
 * back as findings in the report (`ok: false`), never as an error. Throws nothing of its own.
 */
export async function verifyAuditLog(ctx: Ctx, input: { stream: AuditStream }): Promise<AuditVerifyReport> {
  return verifyAuditChain(ctx.db, ctx.signer, ctx.clock, { stream: input.stream });
}
