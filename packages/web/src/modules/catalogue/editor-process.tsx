import { type ProcessStep, processWorkingDays } from '@tongban/domain';
import { Alert, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionPicker } from './editor-condition.tsx';
import {
  AddButton,
  DepartmentSelect,
  EntryActions,
  EntryFieldset,
  ListErrors,
  LocalizedInputs,
  useFieldValue,
} from './editor-controls.tsx';
import { newId } from './editor-model.ts';
import { defaultRoleOfKind, type StepKind, useItemOptions } from './editor-options.ts';
import { loc } from './labels.ts';

/** Promised days of the steps (a parallel group counts its longest step, as the server counts) against the item's promise. */
function DaysBudget() {
  const { t } = useTranslation();
  const steps = useFieldValue<ProcessStep[]>('process') ?? [];
  const promisedDays = useFieldValue<number>('promisedDays');
  const usable = steps.filter(Boolean).map((s) => ({ ...s, workingDays: Number(s.workingDays) || 0 }));
  const total = processWorkingDays(usable);
  const over = promisedDays !== undefined && promisedDays !== null && total > promisedDays;
  return (
    <Alert
      data-testid="process-budget"
      type={over ? 'warning' : 'info'}
      showIcon
      title={t(over ? 'catalogue.editor.budgetOver' : 'catalogue.editor.budget', { total, promised: promisedDays ?? '—' })}
      className="tb-editor-budget"
    />
  );
}

function StepEntry({
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
  const form = Form.useFormInstance();
  const options = useItemOptions();
  const name = loc(useFieldValue<{ zh: string; en: string }>(['process', index, 'name']), i18n.language);
  const what = t('catalogue.editor.stepN', { n: index + 1 });

  return (
    <EntryFieldset
      testId="step-edit"
      legend={name ? `${what} · ${name}` : what}
      actions={<EntryActions index={index} count={count} what={what} onMove={move} onRemove={remove} removable={count > 1} />}
    >
      <div className="tb-form-grid tb-form-grid-3">
        <Form.Item name={[index, 'id']} label={t('catalogue.editor.stepId')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name={[index, 'kind']} label={t('catalogue.editor.stepKind.label')}>
          <Select
            options={options.stepKinds}
            onChange={(kind: StepKind) => form.setFieldValue(['process', index, 'role'], defaultRoleOfKind[kind])}
          />
        </Form.Item>
        <LocalizedInputs name={[index, 'name']} label={t('catalogue.editor.stepName')} />
        <Form.Item name={[index, 'department']} label={t('catalogue.editor.stepDepartment')} rules={[{ required: true }]}>
          <DepartmentSelect withResponsible />
        </Form.Item>
        <Form.Item name={[index, 'role']} label={t('catalogue.editor.stepRole')} rules={[{ required: true }]}>
          <Select options={options.stepRoles} />
        </Form.Item>
        <Form.Item name={[index, 'workingDays']} label={t('catalogue.editor.workingDays')} rules={[{ required: true }]}>
          <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={[index, 'parallelGroup']}
          label={t('catalogue.editor.parallelGroup')}
          tooltip={t('catalogue.editor.parallelGroupHelp')}
        >
          <Input maxLength={64} />
        </Form.Item>
      </div>
      <Form.Item name={[index, 'when']}>
        <ConditionPicker what={what} />
      </Form.Item>
    </EntryFieldset>
  );
}

/** 流程: the review steps, who acts in each, their time and when they run. */
export function EditorProcess() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();

  return (
    <div className="tb-editor-tab">
      <p className="tb-muted">{t('catalogue.editor.processHelp')}</p>
      <DaysBudget />
      <Form.List
        name="process"
        rules={[
          {
            validator: async (_: unknown, value: unknown[] | undefined) => {
              if (!value || value.length === 0) throw new Error(t('catalogue.editor.oneStep'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((f) => (
              <StepEntry key={f.key} index={f.name} count={fields.length} move={move} remove={() => remove(f.name)} />
            ))}
            <ListErrors errors={errors} />
            <AddButton
              onClick={() =>
                add({
                  id: newId(
                    'step-',
                    ((form.getFieldValue('process') ?? []) as ProcessStep[]).map((s) => s?.id),
                  ),
                  kind: 'review',
                  name: { zh: '', en: '' },
                  department: 'responsible',
                  role: defaultRoleOfKind.review,
                  workingDays: 1,
                })
              }
            >
              {t('catalogue.editor.addStep')}
            </AddButton>
          </>
        )}
      </Form.List>
    </div>
  );
}
