import { randomUUID } from 'node:crypto';
import type { LocalizedText } from '@tongban/domain';
import { type AuditActor, recordAudit } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';

/**
 * Uses of a person's data that are not grant-checked exchanges — an e-licence viewed through the
 * holder's share link or supplied as a material at filing (recorded by the licences module), a
 * clerk's identity check of the person at the window (`window-identity.ts`). The caller records
 * each in its own transaction into the hub's exchange log: the `exchange` audit stream
 * (tamper-evident) and its `datahub_exchange` projection. "Who used my data" (`listMyDataUsage`)
 * is then one list, and the person may object to such a use like to any other. The caller names
 * what was used (`resource`, `resourceName`): it need not be one of the hub's resources.
 */
export type DataUse = {
  channel: 'share' | 'filing' | 'window' | 'staff_read';
  /** The audit action, in the caller's module: `licences.share.viewed`. */
  action: string;
  actor: AuditActor;
  /** A member of staff's name, shown to the person. */
  actorName?: string | null | undefined;
  /** What was used, e.g. `licence:BUSINESS-LICENCE`. */
  resource: string;
  resourceName: LocalizedText;
  /** The department the data comes from (a licence's issuer). */
  providerDepartmentId: string | null;
  /** The department that used it; null for a third party outside government (a share link's audience). */
  consumerDepartmentId: string | null;
  /** Resident ID number or credit code of the person or enterprise the data is about. */
  subject: string;
  fields: readonly string[];
  purpose: string | null;
  itemCode?: string | null | undefined;
  caseId?: string | null | undefined;
  target: { type: string; id: string };
  /** More for the audit entry (never the data itself). */
  detail?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
};

/** Writes one use; returns its exchange id (what an objection refers to). */
export async function recordDataUse(tx: Sql, at: Date, use: DataUse): Promise<string> {
  const id = randomUUID();
  const logId = await recordAudit(tx, at, {
    stream: 'exchange',
    actor: use.actor,
    action: use.action,
    target: use.target,
    subject: use.subject,
    requestId: use.requestId,
    detail: {
      ...use.detail,
      exchangeId: id,
      channel: use.channel,
      resource: use.resource,
      consumer: use.consumerDepartmentId,
      provider: use.providerDepartmentId,
      fields: [...use.fields],
      purpose: use.purpose,
      item: use.itemCode ?? null,
      caseId: use.caseId ?? null,
      result: 'ok',
    },
  });
  await tx.query(
    `insert into datahub_exchange (id, log_entry_id, at, channel, consumer_department_id, actor_type, actor_id, resource_code,
       resource_name_zh, resource_name_en, provider_department_id, fields, subject, purpose, item_code, case_id, result, records, actor_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'ok', 1, $17)`,
    [
      id,
      logId,
      at,
      use.channel,
      use.consumerDepartmentId,
      use.actor.type,
      use.actor.id ?? null,
      use.resource.slice(0, 64),
      use.resourceName.zh,
      use.resourceName.en,
      use.providerDepartmentId,
      [...use.fields],
      use.subject,
      use.purpose,
      use.itemCode ?? null,
      use.caseId ?? null,
      use.actorName ?? null,
    ],
  );
  return id;
}
