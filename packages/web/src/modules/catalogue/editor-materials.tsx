import type { Material, ProcessStep } from '@tongban/domain';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LicenceTypeInput } from './editor-basics.tsx';
import { ConditionPicker } from './editor-condition.tsx';
import { AddButton, EntryActions, EntryFieldset, ListErrors, LocalizedInputs, useFieldValue } from './editor-controls.tsx';
import { newId } from './editor-model.ts';
import { useItemOptions, useResourceOptions } from './editor-options.ts';
import { loc } from './labels.ts';

type Condition = Record<string, string[]>;

/** The data-hub resource and its fields: selects from the hub's catalogue, or typed codes when it cannot be read. */
function DatahubSource({ index }: { index: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const resources = useResourceOptions();
  const resource = useFieldValue<string>(['materials', index, 'source', 'resource']);
  return (
    <>
      <Form.Item name={[index, 'source', 'resource']} label={t('catalogue.editor.resource')} rules={[{ required: true }]}>
        {resources ? (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={resources.loading}
            options={resources.resources}
            placeholder={t('catalogue.editor.pickResource')}
            onChange={() => form.setFieldValue(['materials', index, 'source', 'fields'], [])}
          />
        ) : (
          <Input maxLength={64} placeholder="POPULATION" />
        )}
      </Form.Item>
      <Form.Item
        name={[index, 'source', 'fields']}
        label={t('catalogue.editor.resourceFields')}
        rules={[{ required: true, type: 'array', min: 1, message: t('catalogue.editor.resourceFieldsRule') }]}
      >
        <Select
          mode={resources ? 'multiple' : 'tags'}
          options={resources?.fieldsOf(resource) ?? []}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('catalogue.editor.pickFields')}
        />
      </Form.Item>
    </>
  );
}

/** An earlier step whose result is the material (e.g. a licence issued in step 3 used in step 5). */
function EarlierStepSource({ index }: { index: number }) {
  const { t, i18n } = useTranslation();
  const steps = useFieldValue<ProcessStep[]>('process') ?? [];
  return (
    <Form.Item name={[index, 'source', 'stepId']} label={t('catalogue.editor.earlierStep')} rules={[{ required: true }]}>
      <Select
        options={steps.filter((s) => s?.id).map((s) => ({ value: s.id, label: `${loc(s.name, i18n.language) || s.id} (${s.id})` }))}
        placeholder={t('catalogue.editor.pickStep')}
        notFoundContent={t('catalogue.editor.noSteps')}
      />
    </Form.Item>
  );
}

/** A condition picker that also keeps the requirement in step: a condition makes the material "depends on the situation". */
function MaterialCondition({
  index,
  what,
  ...props
}: {
  index: number;
  what: string;
  id?: string;
  value?: Condition;
  onChange?: (v: Condition | undefined) => void;
}) {
  const form = Form.useFormInstance();
  return (
    <ConditionPicker
      {...props}
      what={what}
      onChange={(next) => {
        props.onChange?.(next);
        const path = ['materials', index, 'requirement'];
        const requirement = form.getFieldValue(path) as Material['requirement'];
        if (next && requirement === 'required') form.setFieldValue(path, 'conditional');
        if (!next && requirement === 'conditional') form.setFieldValue(path, 'required');
      }}
    />
  );
}

function MaterialEntry({
  index,
  count,
  move,
  remove,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const options = useItemOptions();
  const kind = useFieldValue<Material['source']['kind']>(['materials', index, 'source', 'kind']);
  const name = loc(useFieldValue<{ zh: string; en: string }>(['materials', index, 'name']), i18n.language);
  const what = t('catalogue.admin.material', { n: index + 1 });
  const supply = !kind || kind === 'applicant' ? t('catalogue.guide.bring') : t('catalogue.guide.noNeed');

  return (
    <EntryFieldset
      testId="material-edit"
      legend={`${what}${name ? ` · ${name}` : ''} · ${supply}`}
      actions={<EntryActions index={index} count={count} what={what} onMove={move} onRemove={remove} />}
    >
      <div className="tb-form-grid tb-form-grid-3">
        <Form.Item name={[index, 'id']} label={t('catalogue.editor.materialId')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <LocalizedInputs name={[index, 'name']} label={t('catalogue.editor.materialName')} />
        <Form.Item name={[index, 'form']} label={t('catalogue.admin.materialForm')}>
          <Select options={options.materialForms} />
        </Form.Item>
        <Form.Item name={[index, 'count']} label={t('catalogue.admin.count')}>
          <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={[index, 'requirement']} label={t('catalogue.admin.requirement')}>
          <Select options={options.requirements} />
        </Form.Item>
        <Form.Item name={[index, 'notes']} label={t('catalogue.admin.notes')} className="tb-span-all">
          <Input maxLength={1000} />
        </Form.Item>
      </div>
      <div className="tb-form-grid tb-form-grid-3 tb-source">
        <Form.Item name={[index, 'source', 'kind']} label={t('catalogue.editor.source')} tooltip={t('catalogue.editor.sourceHelp')}>
          <Select options={options.sourceKinds} />
        </Form.Item>
        {kind === 'datahub' && <DatahubSource index={index} />}
        {kind === 'licence' && (
          <Form.Item name={[index, 'source', 'licenceType']} label={t('catalogue.editor.licenceType')} rules={[{ required: true }]}>
            <LicenceTypeInput />
          </Form.Item>
        )}
        {kind === 'earlier_step' && <EarlierStepSource index={index} />}
      </div>
      <Form.Item name={[index, 'when']}>
        <MaterialCondition index={index} what={what} />
      </Form.Item>
    </EntryFieldset>
  );
}

/** 材料: what the applicant brings and what the platform fetches (once-only), each possibly depending on the situation. */
export function EditorMaterials() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();

  return (
    <div className="tb-editor-tab">
      <p className="tb-muted">{t('catalogue.editor.materialsHelp')}</p>
      <Form.List name="materials">
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((f) => (
              <MaterialEntry key={f.key} index={f.name} count={fields.length} move={move} remove={() => remove(f.name)} />
            ))}
            <ListErrors errors={errors} />
            <AddButton
              onClick={() => {
                const taken = ((form.getFieldValue('materials') ?? []) as Material[]).map((m) => m?.id);
                add({
                  id: newId('material-', taken),
                  name: { zh: '', en: '' },
                  form: 'copy',
                  count: 1,
                  requirement: 'required',
                  source: { kind: 'applicant' },
                });
              }}
            >
              {t('catalogue.admin.addMaterial')}
            </AddButton>
          </>
        )}
      </Form.List>
    </div>
  );
}
