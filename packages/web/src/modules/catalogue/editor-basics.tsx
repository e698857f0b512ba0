import { Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  AddButton,
  ChannelsInput,
  DepartmentSelect,
  EntryActions,
  LegalBasisList,
  LocalizedInputs,
  useFieldValue,
} from './editor-controls.tsx';
import { useItemOptions, useLicenceTypeOptions, useTaxonomyOptions } from './editor-options.ts';

/** Licence type of the result: a select of the known types, or a typed code when they cannot be read. */
export function LicenceTypeInput(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean }) {
  const { t } = useTranslation();
  const types = useLicenceTypeOptions();
  if (!types) return <Input {...props} onChange={(e) => props.onChange?.(e.target.value || undefined)} maxLength={64} />;
  return (
    <Select
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={types.loading}
      options={types.options}
      placeholder={t('catalogue.editor.pickLicenceType')}
    />
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="tb-editor-section">
      <h3 className="tb-form-section">{title}</h3>
      {children}
    </section>
  );
}

/** 基本信息: the standard elements of the item. */
export function EditorBasics({ code }: { code: string }) {
  const { t } = useTranslation();
  const options = useItemOptions();
  const taxonomy = useTaxonomyOptions();
  const feeKind = useFieldValue<string>(['fee', 'kind']);
  const days = { min: 0, max: 730, precision: 0, style: { width: '100%' } };

  return (
    <div className="tb-editor-tab">
      <Section title={t('catalogue.editor.identity')}>
        <p className="tb-muted">{t('catalogue.editor.codeIs', { code })}</p>
        <div className="tb-form-grid">
          <LocalizedInputs name={['name']} label={t('catalogue.admin.name')} />
          <Form.Item name="type" label={t('catalogue.search.type')} rules={[{ required: true }]}>
            <Select options={options.types} />
          </Form.Item>
          <Form.Item name="applicantType" label={t('catalogue.search.applicantType')} rules={[{ required: true }]}>
            <Select options={options.applicantTypes} />
          </Form.Item>
          <Form.Item name="responsibleDepartment" label={t('catalogue.editor.responsible')} rules={[{ required: true }]}>
            <DepartmentSelect />
          </Form.Item>
          <Form.Item name="implementingDepartments" label={t('catalogue.guide.implementing')}>
            <DepartmentSelect multiple />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalogue.guide.legalBasis')}>
        <LegalBasisList />
      </Section>

      <Section title={t('catalogue.guide.conditions')}>
        <Form.List name="conditions">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" wrap className="tb-list-row">
                  <Form.Item
                    name={[f.name, 'zh']}
                    label={t('catalogue.admin.conditionZh', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true }]}
                    className="tb-grow"
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'en']}
                    label={t('catalogue.admin.conditionEn', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true }]}
                    className="tb-grow"
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <div className="tb-list-actions">
                    <EntryActions
                      index={i}
                      count={fields.length}
                      what={t('catalogue.editor.conditionN', { n: i + 1 })}
                      onMove={move}
                      onRemove={() => remove(f.name)}
                    />
                  </div>
                </Flex>
              ))}
              <AddButton onClick={() => add({ zh: '', en: '' })}>{t('catalogue.admin.addCondition')}</AddButton>
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('catalogue.editor.timeAndFee')}>
        <div className="tb-form-grid tb-form-grid-3">
          <Form.Item name="statutoryDays" label={t('catalogue.admin.statutoryDays')} rules={[{ required: true }]}>
            <InputNumber {...days} />
          </Form.Item>
          <Form.Item name="promisedDays" label={t('catalogue.admin.promisedDays')} rules={[{ required: true }]}>
            <InputNumber {...days} />
          </Form.Item>
          <Form.Item name="visits" label={t('catalogue.admin.visits')} rules={[{ required: true }]}>
            <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={['fee', 'kind']} label={t('catalogue.admin.fee')}>
            <Select
              options={[
                { value: 'free', label: t('catalogue.guide.free') },
                { value: 'charged', label: t('catalogue.admin.charged') },
              ]}
            />
          </Form.Item>
          {feeKind === 'charged' && (
            <>
              <Form.Item name={['fee', 'amountYuan']} label={t('catalogue.admin.feeAmount')} rules={[{ required: true }]}>
                <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name={['fee', 'legalBasis', 'law']}
                label={t('catalogue.admin.feeLaw')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </div>
      </Section>

      <Section title={t('catalogue.guide.channels')}>
        <div className="tb-form-grid">
          <Form.Item name="channels" label={t('catalogue.guide.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <ChannelsInput options={options.channels} />
          </Form.Item>
          <Form.Item name="onlineDepth" label={t('catalogue.editor.onlineDepth')} rules={[{ required: true }]}>
            <Select options={options.onlineDepths} />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalogue.guide.result')}>
        <div className="tb-form-grid tb-form-grid-3">
          <LocalizedInputs
            name={['result', 'name']}
            label={t('catalogue.editor.resultName')}
            required={false}
            pairPath={['result', 'name']}
          />
          <Form.Item name={['result', 'licenceType']} label={t('catalogue.editor.resultLicenceType')}>
            <LicenceTypeInput allowClear />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalogue.editor.contacts')}>
        <div className="tb-form-grid">
          <Form.Item
            name={['contacts', 'consultation']}
            label={t('catalogue.guide.consultation')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={['contacts', 'complaint']} label={t('catalogue.guide.complaint')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalogue.editor.themesAndEvents')}>
        <div className="tb-form-grid">
          <Form.Item name="themes" label={t('catalogue.home.themes')}>
            <Select mode="tags" options={taxonomy.themes} maxCount={20} />
          </Form.Item>
          <Form.Item name="events" label={t('catalogue.home.events')}>
            <Select mode="tags" options={taxonomy.events} maxCount={20} />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalogue.editor.summaryAndPlace')}>
        <div className="tb-form-grid">
          <LocalizedInputs name={['summary']} label={t('catalogue.editor.summary')} required={false} pairPath={['summary']} rows={3} />
          <LocalizedInputs
            name={['whereToApply']}
            label={t('catalogue.guide.where')}
            required={false}
            pairPath={['whereToApply']}
            rows={2}
          />
        </div>
      </Section>
    </div>
  );
}
