import type { FormField } from '@tongban/domain';
import { AutoComplete, Checkbox, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionPicker } from './editor-condition.tsx';
import { AddButton, EntryActions, EntryFieldset, ListErrors, LocalizedInputs, useFieldValue } from './editor-controls.tsx';
import { useItemOptions, useResourceOptions } from './editor-options.ts';
import { loc } from './labels.ts';

/**
 * The short source name a form field's `prefill` starts with, per data-hub resource (the server's
 * datahub `prefillSourceResources` resolves them back): `population.name` is POPULATION's `name`.
 */
const prefillSourceOf: Readonly<Record<string, string>> = {
  POPULATION: 'population',
  'ENTERPRISE-REGISTRATION': 'enterprise',
  'REAL-ESTATE-TITLE': 'real_estate',
  MARRIAGE: 'marriage',
  'SOCIAL-INSURANCE': 'social_insurance',
  'HOUSING-FUND': 'housing_fund',
  DEGREE: 'degree',
  BIRTH: 'birth',
  'TAX-REGISTRATION': 'tax',
  VEHICLE: 'vehicle',
  'DRIVING-LICENCE': 'driving_licence',
};

/** Registry fields a form field can be pre-filled from, as suggestions (any value can be typed). */
function usePrefillOptions() {
  const { i18n } = useTranslation();
  const list = useResourceOptions()?.list;
  return useMemo(
    () =>
      (list ?? []).flatMap((r) => {
        const source = prefillSourceOf[r.code];
        if (!source) return [];
        return r.fields.map((f) => ({ value: `${source}.${f.name}`, label: `${source}.${f.name} · ${loc(f.label, i18n.language)}` }));
      }),
    [list, i18n.language],
  );
}

function SelectOptions({ index, what }: { index: number; what: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[index, 'options']}>
      {(fields, { add, remove, move }, { errors }) => (
        <div className="tb-options">
          {fields.map((f, j) => (
            <div key={f.key} className="tb-option-row">
              <Form.Item
                name={[f.name, 'value']}
                label={t('catalogue.editor.optionValue', { n: j + 1 })}
                rules={[{ required: true, whitespace: true }]}
                className="tb-id"
              >
                <Input maxLength={64} />
              </Form.Item>
              <LocalizedInputs name={[f.name, 'label']} label={t('catalogue.editor.optionN', { n: j + 1 })} />
              <div className="tb-list-actions">
                <EntryActions
                  index={j}
                  count={fields.length}
                  what={t('catalogue.editor.optionOf', { n: j + 1, question: what })}
                  onMove={move}
                  onRemove={() => remove(f.name)}
                />
              </div>
            </div>
          ))}
          <ListErrors errors={errors} />
          <AddButton onClick={() => add({ value: `option${fields.length + 1}`, label: { zh: '', en: '' } })}>
            {t('catalogue.editor.addOption')}
          </AddButton>
        </div>
      )}
    </Form.List>
  );
}

function FieldEntry({
  index,
  count,
  move,
  remove,
  prefillOptions,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: () => void;
  prefillOptions: { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation();
  const options = useItemOptions();
  const type = useFieldValue<FormField['type']>(['form', index, 'type']);
  const label = loc(useFieldValue<{ zh: string; en: string }>(['form', index, 'label']), i18n.language);
  const what = t('catalogue.editor.fieldN', { n: index + 1 });

  return (
    <EntryFieldset
      testId="field-edit"
      legend={label ? `${what} · ${label}` : what}
      actions={<EntryActions index={index} count={count} what={what} onMove={move} onRemove={remove} />}
    >
      <div className="tb-form-grid tb-form-grid-3">
        <Form.Item
          name={[index, 'key']}
          label={t('catalogue.editor.fieldKey')}
          tooltip={t('catalogue.editor.fieldKeyHelp')}
          rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, message: t('catalogue.editor.fieldKeyRule') }]}
        >
          <Input maxLength={100} placeholder="applicant.name" />
        </Form.Item>
        <LocalizedInputs name={[index, 'label']} label={t('catalogue.editor.fieldLabel')} />
        <Form.Item name={[index, 'type']} label={t('catalogue.editor.fieldType.label')}>
          <Select options={options.fieldTypes} />
        </Form.Item>
        <Form.Item name={[index, 'prefill']} label={t('catalogue.editor.prefill')} tooltip={t('catalogue.editor.prefillHelp')}>
          <AutoComplete
            options={prefillOptions}
            allowClear
            showSearch={{
              filterOption: (input, option) => String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input),
            }}
            placeholder="population.name"
          />
        </Form.Item>
        <Form.Item name={[index, 'required']} valuePropName="checked" label={t('catalogue.editor.requiredLabel')}>
          <Checkbox>{t('catalogue.editor.fieldRequired')}</Checkbox>
        </Form.Item>
      </div>
      {type === 'select' && <SelectOptions index={index} what={label || what} />}
      <Form.Item name={[index, 'when']}>
        <ConditionPicker what={what} />
      </Form.Item>
    </EntryFieldset>
  );
}

/** 表单: the application form's fields, their pre-fill from the registries and when they are asked. */
export function EditorFormFields() {
  const { t } = useTranslation();
  const prefillOptions = usePrefillOptions();

  return (
    <div className="tb-editor-tab">
      <p className="tb-muted">{t('catalogue.editor.formHelp')}</p>
      <Form.List name="form">
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((f) => (
              <FieldEntry
                key={f.key}
                index={f.name}
                count={fields.length}
                move={move}
                remove={() => remove(f.name)}
                prefillOptions={prefillOptions}
              />
            ))}
            <ListErrors errors={errors} />
            <AddButton onClick={() => add({ key: '', label: { zh: '', en: '' }, type: 'text', required: true })}>
              {t('catalogue.editor.addField')}
            </AddButton>
          </>
        )}
      </Form.List>
    </div>
  );
}
