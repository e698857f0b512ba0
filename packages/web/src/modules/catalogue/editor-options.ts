import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../identity/index.ts';
import { useEvents, useThemes } from './catalogue.api.ts';
import { useDataResources, useLicenceTypes } from './catalogue-editor.api.ts';
import { itemTypeLabels, loc } from './labels.ts';

/**
 * Select options of the editor, translated. The enumerations are spelled out here (not read from
 * the domain's zod schemas) like `labels.ts` does; the server validates against the schemas.
 */

export const applicantTypeValues = ['person', 'enterprise', 'both'] as const;
export const channelValues = ['online', 'window', 'mail_result'] as const;
export const onlineDepthValues = ['info', 'download_forms', 'online_preliminary', 'fully_online'] as const;
export const stepKindValues = ['accept', 'review', 'inspect', 'approve', 'issue'] as const;
export const stepRoleValues = ['window_clerk', 'reviewer', 'approver'] as const;
export const fieldTypeValues = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'id_number',
  'credit_code',
  'mobile',
  'address',
  'money',
] as const;
export const sourceKindValues = ['applicant', 'datahub', 'licence', 'earlier_step'] as const;

export type StepKind = (typeof stepKindValues)[number];

/** The usual actor of each kind of step (as in the seeded catalogue): a new step starts with it. */
export const defaultRoleOfKind: Record<StepKind, (typeof stepRoleValues)[number]> = {
  accept: 'window_clerk',
  review: 'reviewer',
  inspect: 'reviewer',
  approve: 'approver',
  issue: 'window_clerk',
};

/** Memoized per language: a select whose options keep their identity does not rebuild its list on every render. */
export function useItemOptions() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => buildItemOptions(t, lang), [t, lang]);
}

function buildItemOptions(t: TFunction, lang: string) {
  return {
    types: Object.entries(itemTypeLabels).map(([value, label]) => ({ value, label: loc(label, lang) })),
    applicantTypes: applicantTypeValues.map((value) => ({ value, label: t(`catalogue.editor.applicantType.${value}`) })),
    channels: channelValues.map((value) => ({ value, label: t(`catalogue.channel.${value}`) })),
    onlineDepths: onlineDepthValues.map((value) => ({ value, label: t(`catalogue.onlineDepth.${value}`) })),
    stepKinds: stepKindValues.map((value) => ({ value, label: t(`catalogue.editor.stepKind.${value}`) })),
    fieldTypes: fieldTypeValues.map((value) => ({ value, label: t(`catalogue.editor.fieldType.${value}`) })),
    sourceKinds: sourceKindValues.map((value) => ({ value, label: t(`catalogue.editor.sourceKind.${value}`) })),
    materialForms: (['original', 'copy', 'electronic'] as const).map((value) => ({ value, label: t(`catalogue.materialForm.${value}`) })),
    requirements: (['required', 'conditional', 'optional'] as const).map((value) => ({
      value,
      label: t(`catalogue.requirement.${value}`),
    })),
    stepRoles: stepRoleValues.map((value) => ({ value, label: roleLabel(value, lang) })),
  };
}

/** Themes and events already in use, offered as tags (a new one can be typed). */
export function useTaxonomyOptions() {
  const { i18n } = useTranslation();
  const themes = useThemes();
  const events = useEvents();
  const asOptions = (items: { id: string; label: { zh: string; en: string } }[] | undefined) =>
    (items ?? []).map((x) => ({ value: x.id, label: loc(x.label, i18n.language) || x.id }));
  return { themes: asOptions(themes.data?.items), events: asOptions(events.data?.items) };
}

/** Licence types as options; `undefined` when they cannot be read (the editor then takes a typed code). */
export function useLicenceTypeOptions() {
  const { i18n } = useTranslation();
  const types = useLicenceTypes();
  const data = types.data;
  const options = useMemo(
    () => (data ?? []).map((x) => ({ value: x.code, label: `${loc(x.name, i18n.language)} (${x.code})` })),
    [data, i18n.language],
  );
  if (types.isError) return undefined;
  return { loading: types.isPending, options };
}

/** Data-hub resources with their fields; `undefined` when the catalogue cannot be read. */
export function useResourceOptions() {
  const { i18n } = useTranslation();
  const resources = useDataResources();
  const lang = i18n.language;
  const data = resources.data;
  const loaded = useMemo(() => {
    const list = (data ?? []).filter((r) => r.status === 'active');
    const fields = new Map(
      list.map((r) => [r.code, r.fields.map((f) => ({ value: f.name, label: `${loc(f.label, lang)} (${f.name})` }))] as const),
    );
    return {
      resources: list.map((r) => ({ value: r.code, label: `${loc(r.name, lang)} (${r.code})` })),
      fieldsOf: (code: string | undefined) => (code ? fields.get(code) : undefined) ?? [],
      list,
    };
  }, [data, lang]);
  if (resources.isError) return undefined;
  return { loading: resources.isPending, ...loaded };
}
