import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ServiceItemContent } from '@tongban/domain';
import { Button, Checkbox, Flex, Form, Input, Select } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentName } from '../identity/index.ts';
import { useEditorDepartments } from './catalogue-editor.api.ts';

/** Small form pieces shared by the item editor's tabs and the "new item" page. */

type Path = (string | number)[];
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/**
 * A Chinese and an English input for one text. `pairPath` (the absolute path, for optional texts)
 * asks for both languages once either is filled.
 */
export function LocalizedInputs({
  name,
  label,
  required = true,
  pairPath,
  rows,
  maxLength = 500,
}: {
  name: Path;
  label: string;
  required?: boolean;
  pairPath?: Path;
  rows?: number;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const field = (lang: 'zh' | 'en') => {
    const other = lang === 'zh' ? 'en' : 'zh';
    const rules = required
      ? [{ required: true, whitespace: true }]
      : pairPath
        ? [
            ({ getFieldValue }: { getFieldValue: (p: Path) => unknown }) => ({
              validator: async (_: unknown, value: unknown) => {
                if (blank(value) && !blank(getFieldValue([...pairPath, other]))) throw new Error(t('catalogue.editor.bothLanguages'));
              },
            }),
          ]
        : [];
    return (
      <Form.Item
        name={[...name, lang]}
        label={t(lang === 'zh' ? 'catalogue.editor.inZh' : 'catalogue.editor.inEn', { label })}
        rules={rules}
        dependencies={pairPath ? [[...pairPath, other]] : undefined}
      >
        {rows ? <Input.TextArea rows={rows} maxLength={maxLength} /> : <Input maxLength={maxLength} />}
      </Form.Item>
    );
  };
  return (
    <>
      {field('zh')}
      {field('en')}
    </>
  );
}

/** Move up / move down / remove for one entry of a list; `what` names the entry for screen readers ("材料 2"). */
export function EntryActions({
  index,
  count,
  what,
  onMove,
  onRemove,
  removable = true,
}: {
  index: number;
  count: number;
  what: string;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
  removable?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} className="tb-entry-actions">
      <Button
        size="small"
        icon={<ArrowUpOutlined aria-hidden />}
        aria-label={t('catalogue.editor.moveUp', { what })}
        title={t('catalogue.editor.moveUp', { what })}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={t('catalogue.editor.moveDown', { what })}
        title={t('catalogue.editor.moveDown', { what })}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      />
      <Button
        size="small"
        danger
        icon={<DeleteOutlined aria-hidden />}
        aria-label={t('catalogue.editor.remove', { what })}
        title={t('catalogue.editor.remove', { what })}
        disabled={!removable}
        onClick={onRemove}
      />
    </Flex>
  );
}

/**
 * `Form.useWatch` with the stored value on the first render (useWatch starts out undefined), so the
 * fields that depend on it (a material's source details, a select field's options) exist at once.
 */
export function useFieldValue<T>(path: (string | number)[] | string): T | undefined {
  const form = Form.useFormInstance();
  const watched = Form.useWatch(path, form) as T | undefined;
  return watched === undefined ? (form.getFieldValue(path) as T | undefined) : watched;
}

/** One entry of a list (a question, a material, a step) as a labelled group with its actions. */
export function EntryFieldset({
  legend,
  actions,
  children,
  testId,
}: {
  legend: string;
  actions: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <fieldset className="tb-entry" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="tb-entry-head">{actions}</div>
      {children}
    </fieldset>
  );
}

/** The errors of a whole list (too few entries, the steps' total time), in the error colour antd gives field errors. */
export function ListErrors({ errors }: { errors: ReactNode[] }) {
  return (
    <div className="tb-list-errors">
      <Form.ErrorList errors={errors} />
    </div>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button icon={<PlusOutlined aria-hidden />} onClick={onClick} className="tb-add">
      {children}
    </Button>
  );
}

/** Departments as select options (active ones, searchable by name), optionally with "the responsible department". */
export function useDepartmentOptions({
  withResponsible = false,
  within,
}: {
  withResponsible?: boolean;
  within?: ReadonlySet<string>;
} = {}) {
  const { t, i18n } = useTranslation();
  const departments = useEditorDepartments();
  const data = departments.data;
  // Memoized: a step's select is rendered again whenever its list changes, the ~300 departments need not be.
  const options = useMemo(() => {
    const list = (data ?? [])
      .filter((d) => d.active && (!within || within.has(d.id)))
      .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }));
    return withResponsible ? [{ value: 'responsible', label: t('catalogue.editor.responsibleDepartment') }, ...list] : list;
  }, [data, within, withResponsible, i18n.language, t]);
  return { loading: departments.isPending, options };
}

export function DepartmentSelect({
  withResponsible,
  multiple,
  within,
  ...props
}: {
  withResponsible?: boolean;
  multiple?: boolean;
  within?: ReadonlySet<string>;
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  'aria-required'?: boolean;
}) {
  const { t } = useTranslation();
  const { loading, options } = useDepartmentOptions({ withResponsible: withResponsible ?? false, ...(within ? { within } : {}) });
  return (
    <Select
      {...props}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      options={options}
      placeholder={t('catalogue.editor.pickDepartment')}
      allowClear={multiple}
    />
  );
}

/**
 * The channels as a labelled group of checkboxes. `aria-required`, which Form.Item adds for its
 * rule, is dropped: a group cannot carry it (axe), the rule's message says it instead.
 */
export function ChannelsInput({
  'aria-required': _required,
  ...props
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  'aria-required'?: boolean;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return <Checkbox.Group {...props} role="group" aria-label={t('catalogue.guide.channels')} />;
}

/** The legal basis list (law and article), at least one entry. */
export function LegalBasisList({ name = 'legalBasis' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_: unknown, value: ServiceItemContent['legalBasis'] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('catalogue.editor.legalBasisRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} align="start" wrap className="tb-list-row">
              <Form.Item
                name={[f.name, 'law']}
                label={t('catalogue.editor.law', { n: i + 1 })}
                rules={[{ required: true, whitespace: true }]}
                className="tb-grow"
              >
                <Input maxLength={200} placeholder={t('catalogue.editor.lawPlaceholder')} />
              </Form.Item>
              <Form.Item name={[f.name, 'article']} label={t('catalogue.editor.article', { n: i + 1 })} className="tb-article">
                <Input maxLength={100} placeholder={t('catalogue.editor.articlePlaceholder')} />
              </Form.Item>
              <div className="tb-list-actions">
                <EntryActions
                  index={i}
                  count={fields.length}
                  what={t('catalogue.editor.lawN', { n: i + 1 })}
                  onMove={move}
                  onRemove={() => remove(f.name)}
                  removable={fields.length > 1}
                />
              </div>
            </Flex>
          ))}
          <ListErrors errors={errors} />
          <AddButton onClick={() => add({ law: '', article: '' })}>{t('catalogue.editor.addLaw')}</AddButton>
        </>
      )}
    </Form.List>
  );
}
