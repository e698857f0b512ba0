import type { Sql } from '../../../platform/db/db.ts';
import type { StaffRead } from '../../cases/index.ts';
import { recordDataUse } from './other-uses.ts';

/**
 * The cases module's staff reads (a case, its result, a material file, a window lookup, drafts)
 * as uses of the person's data: one exchange-log entry per subject (channel `staff_read`), naming
 * the reader's own department or centre as consumer and the staff member, so each appears in
 * "who used my data" and may be objected to. Registered into cases' `staffReads` at start-up.
 */
export async function recordCaseStaffRead(tx: Sql, at: Date, read: StaffRead): Promise<void> {
  for (const subject of read.subjects) {
    await recordDataUse(tx, at, {
      channel: 'staff_read',
      action: `cases.${read.kind}.read_by_staff`,
      actor: { type: 'staff', id: read.reader.staffId },
      actorName: read.reader.name,
      resource: read.resource,
      resourceName: read.resourceName,
      providerDepartmentId: read.holderDepartmentId,
      consumerDepartmentId: read.reader.departmentId,
      subject,
      fields: read.fields,
      purpose: read.purpose,
      itemCode: read.itemCode,
      caseId: read.caseId,
      target: read.target,
      requestId: read.requestId,
    });
  }
}
