import { randomUUID } from 'node:crypto';
import {
  AppError,
  findUnstorableText,
  type ServiceItemContent,
  type ServiceItemInput,
  serviceItemInputSchema,
  unstorableTextMessage,
} from '@tongban/domain';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { loadDepartmentNames } from '../catalogue.departments.ts';
import { insertPublishedItems } from '../catalogue.store.ts';
import { validateContent } from './shared.ts';

/** An item to import: the create-draft body (defaults may be left out) plus how much it is used. */
export type ImportItem = z.input<typeof serviceItemInputSchema> & {
  /** Seeded usage count for "most used" lists until cases exist to count it. */
  popularity?: number;
};

function stripCode(input: ServiceItemInput): ServiceItemContent {
  const { code: _code, ...content } = input;
  return content;
}

export type ImportOptions = {
  /** Staff id (or a system name such as `seed`) recorded as author and publisher. */
  publishedBy: string;
  publishedAt: Date;
};

/**
 * Loads items straight into published state (the demo seed, a migration from another catalogue
 * system): each becomes version 1, published by `options.publishedBy`, after the same checks an
 * editor's draft gets (zod shape, process rules, departments, bundle members and field merge).
 * Bundles may come in any order relative to their members. Run it in a transaction (pass the
 * transaction's `Sql`): one failing item aborts the whole batch. One audit entry for the batch.
 * Callers invalidate nothing: it is meant for an empty catalogue at start-up.
 *
 * @throws VALIDATION_FAILED an item does not match the schema (field `items.<i>.<path>`)
 * @throws CONFLICT a code is repeated or already exists
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED (bundle member missing)
 */
export async function importCatalogue(sql: Sql, items: readonly ImportItem[], options: ImportOptions): Promise<{ imported: number }> {
  const parsed = items.map((item, i) => {
    const result = serviceItemInputSchema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = ['items', i, ...(issue?.path ?? [])].join('.');
      throw new AppError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    // Imports do not come through HTTP, so the input sanitiser's rule is applied here.
    const unstorable = findUnstorableText(result.data, `items.${i}`);
    if (unstorable) throw new AppError('VALIDATION_FAILED', unstorableTextMessage(unstorable), { field: unstorable });
    return { index: i, input: result.data, popularity: Math.max(0, Math.trunc(item.popularity ?? 0)) };
  });
  const seen = new Set<string>();
  for (const p of parsed) {
    if (seen.has(p.input.code))
      throw new AppError('CONFLICT', `事项编码 ${p.input.code} 重复。Duplicate code ${p.input.code}.`, { field: `items.${p.index}.code` });
    seen.add(p.input.code);
  }
  const names = await loadDepartmentNames(sql);
  const known = new Set(names.keys());
  const codes = parsed.map((p) => p.input.code);
  const taken = await sql.query<{ code: string }>('select code from catalogue_item where code = any($1::text[])', [codes]);
  if (taken.length > 0) {
    const index = codes.indexOf(taken[0]?.code as string);
    throw new AppError('CONFLICT', `事项编码 ${taken[0]?.code} 已存在。The item code ${taken[0]?.code} is taken.`, {
      field: `items.${index}.code`,
    });
  }
  const batch = new Map(parsed.map((p) => [p.input.code, stripCode(p.input)]));
  for (const { index, input } of parsed) {
    await validateContent(sql, input.code, stripCode(input), {
      fieldPrefix: `items.${index}.`,
      requirePublishedMembers: true,
      knownDepartments: known,
      batchMembers: batch,
    });
  }
  const at = options.publishedAt;
  await insertPublishedItems(
    sql,
    parsed.map(({ input, popularity }) => {
      const content = stripCode(input);
      const department = names.get(content.responsibleDepartment);
      return {
        code: input.code,
        versionId: randomUUID(),
        content,
        popularity,
        departmentNames: department ? [department.zh, department.en] : [],
      };
    }),
    options.publishedBy,
    at,
  );
  await recordAudit(sql, at, {
    actor: { type: 'system', id: options.publishedBy },
    action: 'catalogue.items.imported',
    detail: { count: parsed.length, codes: parsed.slice(0, 500).map((p) => p.input.code) },
  });
  return { imported: parsed.length };
}
