import type { SituationQuestion } from '@tongban/domain';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AddButton, EntryActions, EntryFieldset, ListErrors, LocalizedInputs, useFieldValue } from './editor-controls.tsx';
import { newId } from './editor-model.ts';
import { loc } from './labels.ts';

const idRule = { pattern: /^\S{1,64}$/, message: '' };

/** One question's answer options (at least two). */
function OptionsList({ questionIndex, questionLabel }: { questionIndex: number; questionLabel: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List
      name={[questionIndex, 'options']}
      rules={[
        {
          validator: async (_: unknown, value: unknown[] | undefined) => {
            if (!value || value.length < 2) throw new Error(t('catalogue.editor.twoOptions'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div className="tb-options">
          {fields.map((f, j) => {
            const what = t('catalogue.editor.optionOf', { n: j + 1, question: questionLabel });
            return (
              <div key={f.key} className="tb-option-row">
                <Form.Item
                  name={[f.name, 'id']}
                  label={t('catalogue.editor.optionId', { n: j + 1 })}
                  rules={[
                    { required: true, whitespace: true },
                    { ...idRule, message: t('catalogue.editor.idRule') },
                  ]}
                  className="tb-id"
                >
                  <Input maxLength={64} />
                </Form.Item>
                <LocalizedInputs name={[f.name, 'label']} label={t('catalogue.editor.optionN', { n: j + 1 })} maxLength={500} />
                <div className="tb-list-actions">
                  <EntryActions index={j} count={fields.length} what={what} onMove={move} onRemove={() => remove(f.name)} />
                </div>
              </div>
            );
          })}
          <ListErrors errors={errors} />
          <AddButton
            onClick={() => {
              const taken = ((form.getFieldValue(['situations', questionIndex, 'options']) ?? []) as { id?: string }[]).map((o) => o.id);
              add({ id: newId('o', taken), label: { zh: '', en: '' } });
            }}
          >
            {t('catalogue.editor.addOption')}
          </AddButton>
        </div>
      )}
    </Form.List>
  );
}

/** 情形: the questions that narrow materials, form fields and steps to the applicant's situation. */
export function EditorSituations() {
  const { t, i18n } = useTranslation();
  const situations = useFieldValue<SituationQuestion[]>('situations') ?? [];

  return (
    <div className="tb-editor-tab">
      <p className="tb-muted">{t('catalogue.editor.situationsHelp')}</p>
      <Form.List name="situations">
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((f, i) => {
              const question = loc(situations[i]?.question, i18n.language);
              const what = t('catalogue.editor.questionN', { n: i + 1 });
              return (
                <EntryFieldset
                  key={f.key}
                  testId="situation-edit"
                  legend={question ? `${what} · ${question}` : what}
                  actions={<EntryActions index={i} count={fields.length} what={what} onMove={move} onRemove={() => remove(f.name)} />}
                >
                  <div className="tb-form-grid tb-form-grid-3">
                    <Form.Item
                      name={[f.name, 'id']}
                      label={t('catalogue.editor.questionId')}
                      tooltip={t('catalogue.editor.idHelp')}
                      rules={[
                        { required: true, whitespace: true },
                        { ...idRule, message: t('catalogue.editor.idRule') },
                      ]}
                    >
                      <Input maxLength={64} />
                    </Form.Item>
                    <LocalizedInputs name={[f.name, 'question']} label={t('catalogue.editor.question')} />
                  </div>
                  <OptionsList questionIndex={f.name} questionLabel={question || what} />
                </EntryFieldset>
              );
            })}
            <ListErrors errors={errors} />
            <AddButton
              onClick={() =>
                add({
                  id: newId(
                    'q',
                    situations.map((s) => s?.id),
                  ),
                  question: { zh: '', en: '' },
                  options: [
                    { id: 'o1', label: { zh: '', en: '' } },
                    { id: 'o2', label: { zh: '', en: '' } },
                  ],
                })
              }
            >
              {t('catalogue.editor.addQuestion')}
            </AddButton>
          </>
        )}
      </Form.List>
    </div>
  );
}
