import type { Rule } from 'antd/es/form';

/** Anything with zod's `safeParse` (kept structural so `ui` does not depend on zod). */
export type ParsesValues = { safeParse: (value: unknown) => { success: boolean } };

/**
 * A form rule that accepts exactly what the shared domain schema accepts (the same schema the
 * server validates with), showing a translated message instead of zod's English one.
 */
export function schemaRule(schema: ParsesValues, message: string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
