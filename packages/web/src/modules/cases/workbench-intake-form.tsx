import { CloudServerOutlined } from '@ant-design/icons';
import {
  applicableFields,
  type FormField,
  type ItemGuide,
  isValidCreditCode,
  isValidMobile,
  isValidResidentId,
  type SituationQuestion,
} from '@tongban/domain';
import { Flex, Form, Input, InputNumber, List, Radio, Select, type SelectProps, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueSearch } from '../catalogue/index.ts';
import { loc } from './labels.ts';
import type { IntakePreview } from './workbench.api.ts';
import { FileField } from './workbench-action-fields.tsx';

/** The intake's item search, situation questions, form fields and material uploads. */

type SelectRef = SelectProps extends { ref?: Ref<infer R> } ? R : never;

/** Search the catalogue (items offered at a window) by name or code; arrows and Enter pick one. */
export function IntakeItemPicker({
  value,
  onChange,
  selectRef,
  id,
}: {
  value: string | undefined;
  onChange: (code: string) => void;
  selectRef?: Ref<SelectRef>;
  id: string;
}) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const search = useCatalogueSearch({ q, channel: 'window', pageSize: 20 } as Parameters<typeof useCatalogueSearch>[0]);
  const options = (search.data?.items ?? []).map((i) => ({
    value: i.code,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>{loc(i.name, i18n.language)}</span>
        <Typography.Text type="secondary" className="tb-wb-mono">
          {i.isBundle ? `${t('cases.workbench.case.bundle')} · ` : ''}
          {i.code}
        </Typography.Text>
      </Flex>
    ),
    title: loc(i.name, i18n.language),
  }));
  return (
    <Select
      id={id}
      aria-describedby={`${id}-help`}
      ref={selectRef}
      size="large"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      optionLabelProp="title"
      loading={search.isFetching}
      notFoundContent={search.isFetching ? t('common.loading') : t('cases.workbench.intake.noItems')}
      style={{ width: '100%', maxWidth: 640 }}
      data-testid="item-picker"
    />
  );
}

/** One radio group per situation question; arrow keys move within a group. */
export function IntakeSituations({
  questions,
  answers,
  onChange,
}: {
  questions: readonly SituationQuestion[];
  answers: Record<string, string>;
  onChange: (answers: Record<string, string>) => void;
}) {
  const { i18n } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {questions.map((q) => (
        <fieldset key={q.id} className="tb-wb-fieldset">
          <legend>{loc(q.question, i18n.language)}</legend>
          <Radio.Group
            value={answers[q.id]}
            onChange={(e) => onChange({ ...answers, [q.id]: e.target.value as string })}
            options={q.options.map((o) => ({ value: o.id, label: loc(o.label, i18n.language) }))}
          />
        </fieldset>
      ))}
    </Flex>
  );
}

function fieldRules(t: TFunction, field: FormField): Rule[] {
  const rules: Rule[] = [];
  if (field.required)
    rules.push({ required: true, whitespace: field.type !== 'number' && field.type !== 'money', message: t('common.required') });
  const check = (test: (v: string) => boolean, message: string): Rule => ({
    validator: async (_r, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!test(String(value).trim().toUpperCase())) throw new Error(message);
    },
  });
  if (field.type === 'id_number') rules.push(check(isValidResidentId, t('cases.workbench.intake.idInvalid')));
  if (field.type === 'credit_code') rules.push(check(isValidCreditCode, t('cases.workbench.intake.creditCodeInvalid')));
  if (field.type === 'mobile') rules.push(check((v) => isValidMobile(v.replace(/^\+?86/, '')), t('cases.workbench.intake.mobileInvalid')));
  if (field.type === 'date') rules.push(check((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), t('cases.workbench.intake.dateInvalid')));
  const max = field.maxLength ?? (field.type === 'textarea' ? 5000 : field.type === 'address' ? 500 : 200);
  if (['text', 'textarea', 'address'].includes(field.type)) rules.push({ max, message: t('cases.workbench.form.tooLong', { max }) });
  return rules;
}

function widgetOf(field: FormField, lang: string) {
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />;
    case 'number':
    case 'money':
      return <InputNumber style={{ width: '100%' }} min={field.min} max={field.max} step={field.type === 'money' ? 0.01 : 1} />;
    case 'date':
      return <Input type="date" />;
    case 'select':
      return <Select options={(field.options ?? []).map((o) => ({ value: o.value, label: loc(o.label, lang) }))} />;
    case 'id_number':
    case 'credit_code':
      return <Input className="tb-wb-mono" maxLength={18} autoComplete="off" spellCheck={false} />;
    case 'mobile':
      return <Input inputMode="tel" autoComplete="off" />;
    default:
      return <Input autoComplete="off" />;
  }
}

/** The form fields that apply to the answers (a bundle's merged form: each field entered once). */
export function IntakeFormFields({ guide, answers }: { guide: ItemGuide; answers: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const form = guide.bundle?.form ?? guide.content.form;
  const fields = applicableFields({ form }, answers);
  return (
    <div className="tb-wb-intake-grid">
      {fields.map((field) => (
        <Form.Item
          key={field.key}
          name={field.key}
          label={loc(field.label, i18n.language)}
          rules={fieldRules(t, field)}
          className={field.type === 'textarea' || field.type === 'address' ? 'tb-wb-intake-wide' : undefined}
        >
          {widgetOf(field, i18n.language)}
        </Form.Item>
      ))}
    </div>
  );
}

/** The materials for these answers: what the platform fetches itself, and the papers to scan or upload. */
export function IntakeMaterials({ preview }: { preview: IntakePreview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const platform = preview.materials.filter((m) => m.supply === 'platform');
  const upload = preview.materials.filter((m) => m.supply === 'upload');
  return (
    <Flex vertical gap={12}>
      {upload.map((m) => (
        <div key={m.materialId} data-testid="intake-material">
          <Form.Item
            name={['materials', m.materialId]}
            label={loc(m.name, lang)}
            rules={m.requirement === 'optional' ? [] : [{ required: true, message: t('cases.workbench.form.fileRequired') }]}
            extra={m.requirement === 'optional' ? t('cases.workbench.intake.optionalMaterial') : undefined}
          >
            <FileField label={loc(m.name, lang)} />
          </Form.Item>
        </div>
      ))}
      {platform.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('cases.workbench.intake.platformMaterials', { count: platform.length })}</Typography.Text>}
          dataSource={platform}
          renderItem={(m) => (
            <List.Item>
              <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                <span>{loc(m.name, lang)}</span>
                <Tag icon={<CloudServerOutlined aria-hidden />} color="geekblue">
                  {t('cases.workbench.intake.fromPlatform')}
                </Tag>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
