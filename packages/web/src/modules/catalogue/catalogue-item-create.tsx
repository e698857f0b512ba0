import './item-editor.css';
import type { Me, ServiceItemInput } from '@tongban/domain';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../ui/api-errors.ts';
import { useCreateItem, useEditorDepartments } from './catalogue-editor.api.ts';
import { ChannelsInput, DepartmentSelect, LegalBasisList, LocalizedInputs } from './editor-controls.tsx';
import { departmentSubtree, issuesOf, messageIn, placeIssue } from './editor-model.ts';
import { useItemOptions } from './editor-options.ts';

type Values = Pick<
  ServiceItemInput,
  'code' | 'name' | 'type' | 'applicantType' | 'responsibleDepartment' | 'legalBasis' | 'statutoryDays' | 'promisedDays' | 'visits'
> &
  Pick<ServiceItemInput, 'channels' | 'onlineDepth' | 'contacts'> & { acceptDays: number };

/**
 * 新建事项: the elements every item needs, and one acceptance step by the responsible department's
 * window, created as draft version 1; the rest is added in the item's editor.
 */
export function CatalogueItemCreate({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateItem();
  const departments = useEditorDepartments();
  const options = useItemOptions();
  const [topError, setTopError] = useState<string>();
  const isSystemAdmin = me.roles.includes('system_admin');
  // A department administrator creates items of their own department's subtree only (the server checks too).
  const within = useMemo(
    () => (isSystemAdmin || !me.departmentId || !departments.data ? undefined : departmentSubtree(departments.data, me.departmentId)),
    [isSystemAdmin, me.departmentId, departments.data],
  );

  const onDepartment = (id: string) => {
    // Contacts follow the department until someone types their own (a number that is no department's phone).
    const phones = new Set((departments.data ?? []).map((d) => d.phone).filter(Boolean));
    const phone = departments.data?.find((d) => d.id === id)?.phone ?? '';
    for (const key of ['consultation', 'complaint'] as const) {
      const current = form.getFieldValue(['contacts', key]) as string | undefined;
      if (!current || phones.has(current)) form.setFieldValue(['contacts', key], phone);
    }
  };

  const onFinish = async (v: Values) => {
    setTopError(undefined);
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en-US');
    const input: ServiceItemInput = {
      code: v.code.trim(),
      name: v.name,
      type: v.type,
      responsibleDepartment: v.responsibleDepartment,
      implementingDepartments: [],
      legalBasis: v.legalBasis.map((l) => (l.article?.trim() ? l : { law: l.law })),
      applicantType: v.applicantType,
      conditions: [],
      fee: { kind: 'free' },
      statutoryDays: v.statutoryDays,
      promisedDays: v.promisedDays,
      visits: v.visits,
      channels: v.channels,
      onlineDepth: v.onlineDepth,
      contacts: v.contacts,
      themes: [],
      events: [],
      situations: [],
      materials: [],
      form: [],
      process: [
        {
          id: 'accept',
          kind: 'accept',
          name: { zh: zh('catalogue.editor.stepKind.accept'), en: en('catalogue.editor.stepKind.accept') },
          department: 'responsible',
          role: 'window_clerk',
          workingDays: v.acceptDays,
        },
      ],
    };
    try {
      const created = await create.mutateAsync(input);
      message.success(t('catalogue.create.created', { code: created.code }));
      void navigate(`/admin/catalogue/${encodeURIComponent(created.code)}`);
    } catch (error) {
      const registered = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name as NamePath]));
      // Problems of the default step are the acceptance time's.
      const issues = issuesOf(error).map((i) => (i.field.startsWith('process') ? { ...i, field: 'acceptDays' } : i));
      const placed = issues.flatMap((i) => {
        const name = placeIssue(i.field, [...registered.keys()]);
        if (!name) return [];
        const text =
          isApiError(error) && error.code === 'CONFLICT' && name === 'code'
            ? t('catalogue.create.codeTaken', { code: input.code })
            : messageIn(i.message, i18n.language);
        return [{ name: registered.get(name) as NamePath, errors: [text] }];
      });
      form.setFields(placed);
      if (placed[0]) form.scrollToField(placed[0].name, { block: 'center' });
      if (placed.length < issues.length || issues.length === 0) setTopError(errorMessage(t, error));
    }
  };

  const days = { min: 0, max: 730, precision: 0, style: { width: '100%' } };
  return (
    <div className="tb-stack">
      <div>
        <p className="tb-breadcrumb">
          <Link to="/admin/catalogue">{t('catalogue.admin.title')}</Link> / {t('catalogue.create.title')}
        </p>
        <h1 className="tb-page-title">{t('catalogue.create.title')}</h1>
        <p className="tb-muted">{t('catalogue.create.intro')}</p>
      </div>
      <Card>
        {topError && <Alert type="error" showIcon title={topError} className="tb-editor-alert" />}
        <Form<Values>
          form={form}
          layout="vertical"
          className="tb-item-editor"
          onFinish={(v) => void onFinish(v)}
          initialValues={{
            legalBasis: [{ law: '', article: '' }],
            channels: ['online', 'window'],
            onlineDepth: 'online_preliminary',
            visits: 1,
            acceptDays: 1,
            contacts: { consultation: '', complaint: '' },
          }}
        >
          <div className="tb-form-grid">
            <Form.Item
              name="code"
              label={t('catalogue.create.code')}
              extra={t('catalogue.create.codeHelp')}
              rules={[{ required: true }, { pattern: /^[A-Z0-9][A-Z0-9-]{2,63}$/, message: t('catalogue.create.codeRule') }]}
              normalize={(v: string) => v.toUpperCase()}
            >
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <div />
            <LocalizedInputs name={['name']} label={t('catalogue.admin.name')} />
            <Form.Item name="type" label={t('catalogue.search.type')} rules={[{ required: true }]}>
              <Select options={options.types} />
            </Form.Item>
            <Form.Item name="applicantType" label={t('catalogue.search.applicantType')} rules={[{ required: true }]}>
              <Select options={options.applicantTypes} />
            </Form.Item>
            <Form.Item name="responsibleDepartment" label={t('catalogue.editor.responsible')} rules={[{ required: true }]}>
              <DepartmentSelect {...(within ? { within } : {})} onChange={(id) => onDepartment(id as string)} />
            </Form.Item>
          </div>

          <h2 className="tb-form-section">{t('catalogue.guide.legalBasis')}</h2>
          <LegalBasisList />

          <h2 className="tb-form-section">{t('catalogue.editor.timeAndFee')}</h2>
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
          </div>

          <h2 className="tb-form-section">{t('catalogue.guide.channels')}</h2>
          <div className="tb-form-grid">
            <Form.Item name="channels" label={t('catalogue.guide.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <ChannelsInput options={options.channels} />
            </Form.Item>
            <Form.Item name="onlineDepth" label={t('catalogue.editor.onlineDepth')} rules={[{ required: true }]}>
              <Select options={options.onlineDepths} />
            </Form.Item>
          </div>

          <h2 className="tb-form-section">{t('catalogue.editor.contacts')}</h2>
          <p className="tb-muted">{t('catalogue.create.contactsHelp')}</p>
          <div className="tb-form-grid">
            <Form.Item
              name={['contacts', 'consultation']}
              label={t('catalogue.guide.consultation')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={['contacts', 'complaint']}
              label={t('catalogue.guide.complaint')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </div>

          <h2 className="tb-form-section">{t('catalogue.create.acceptStep')}</h2>
          <p className="tb-muted">{t('catalogue.create.acceptStepHelp')}</p>
          <div className="tb-form-grid tb-form-grid-3">
            <Form.Item
              name="acceptDays"
              label={t('catalogue.create.acceptDays')}
              dependencies={['promisedDays']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: async (_, value: number | null) => {
                    const promised = getFieldValue('promisedDays') as number | null;
                    if (value != null && promised != null && value > promised) {
                      throw new Error(t('catalogue.editor.budgetOver', { total: value, promised }));
                    }
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </div>

          <div className="tb-editor-actions tb-editor-actions-static">
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('catalogue.create.submit')}
            </Button>
            <Link to="/admin/catalogue">{t('common.cancel')}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
