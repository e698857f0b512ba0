import type { SituationQuestion } from '@tongban/domain';
import { Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldValue } from './editor-controls.tsx';
import { loc } from './labels.ts';

type Condition = Record<string, string[]>;

/**
 * "Applies when": for each situation question, the answers under which the material, form field
 * or step applies; a question left at "any answer" does not restrict. Used as the control of a
 * `Form.Item name={[…, 'when']}`, so it gets `value`/`onChange` and the item's `id`.
 */
export function ConditionPicker({
  id,
  value,
  onChange,
  what,
}: {
  id?: string;
  value?: Condition | undefined;
  onChange?: (value: Condition | undefined) => void;
  /** Names the entry for screen readers ("材料 2"). */
  what: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Watched here, not by the tab: editing a question re-renders the pickers, not every entry.
  const situations = useFieldValue<SituationQuestion[]>('situations') ?? [];
  const ownId = useId();
  const legendId = `${id ?? ownId}-legend`;
  const known = situations.filter((s) => s.id);
  // Conditions on questions that no longer exist stay visible, so they can be removed.
  const orphans = Object.keys(value ?? {}).filter((q) => !known.some((s) => s.id === q));

  const set = (question: string, options: string[]) => {
    const next = { ...(value ?? {}) };
    if (options.length > 0) next[question] = options;
    else delete next[question];
    onChange?.(Object.keys(next).length > 0 ? next : undefined);
  };

  return (
    <fieldset id={id} className="tb-condition" aria-labelledby={legendId}>
      <legend id={legendId}>{t('catalogue.editor.appliesWhen', { what })}</legend>
      {known.length === 0 && orphans.length === 0 ? (
        <p className="tb-muted">{t('catalogue.editor.noSituations')}</p>
      ) : (
        <>
          <p className="tb-muted tb-condition-help">{t('catalogue.editor.appliesWhenHelp')}</p>
          <div className="tb-condition-grid">
            {known.map((s) => {
              const label = loc(s.question, lang) || s.id;
              return (
                <div key={s.id} className="tb-condition-row">
                  <label className="tb-condition-question" htmlFor={`${legendId}-${s.id}`}>
                    {label}
                  </label>
                  <Select
                    id={`${legendId}-${s.id}`}
                    mode="multiple"
                    aria-label={t('catalogue.editor.answersFor', { question: label, what })}
                    placeholder={t('catalogue.editor.anyAnswer')}
                    value={value?.[s.id] ?? []}
                    onChange={(options: string[]) => set(s.id, options)}
                    options={s.options.filter((o) => o.id).map((o) => ({ value: o.id, label: loc(o.label, lang) || o.id }))}
                    allowClear
                  />
                </div>
              );
            })}
            {orphans.map((q) => (
              <div key={q} className="tb-condition-row">
                <label className="tb-condition-question" htmlFor={`${legendId}-${q}`}>
                  {t('catalogue.editor.unknownQuestion', { id: q })}
                </label>
                <Select
                  id={`${legendId}-${q}`}
                  mode="multiple"
                  aria-label={t('catalogue.editor.answersFor', { question: q, what })}
                  value={value?.[q] ?? []}
                  onChange={(options: string[]) => set(q, options)}
                  options={(value?.[q] ?? []).map((o) => ({ value: o, label: o }))}
                  status="error"
                />
              </div>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}

/** A one-line reading of a condition ("住所：租赁房屋"), for an entry's legend. */
export function describeCondition(when: Condition | undefined, situations: readonly SituationQuestion[], lang: string): string {
  if (!when) return '';
  return Object.entries(when)
    .map(([q, options]) => {
      const s = situations.find((x) => x.id === q);
      const names = options.map((o) => loc(s?.options.find((x) => x.id === o)?.label, lang) || o);
      return `${loc(s?.question, lang) || q}: ${names.join(' / ')}`;
    })
    .join('; ');
}
