import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Permission, ServiceItemContent } from '@tongban/domain';
import { Alert, App, Button, Card, Collapse, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import { useCatalogueMutations, useVersion, useVersions, type VersionDetail, type WorkflowAction } from './catalogue.api.ts';
import { loc } from './labels.ts';
import { StatusTag } from './status-tag.tsx';
import { VersionCompareView } from './version-compare.tsx';

type Props = { code: string; permissions: readonly Permission[] };

function ReasonModal({
  title,
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  title: string;
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      onOk={() => void form.validateFields().then((v) => onSubmit(v.reason.trim()))}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('catalogue.admin.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('catalogue.admin.reasonRule') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The main elements of an item as an antd form; everything else is kept as it is (or edited as JSON). */
function ItemEditor({ detail, onSaved }: { detail: VersionDetail; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { save } = useCatalogueMutations(detail.code);
  const [json, setJson] = useState(() => JSON.stringify(detail.content, null, 2));
  const [jsonError, setJsonError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const content = detail.content;
  const feeLaw = content.fee.kind === 'charged' ? content.fee.legalBasis.law : '';

  const submit = async (next: ServiceItemContent) => {
    setFormError(undefined);
    try {
      const saved = await save.mutateAsync(next);
      message.success(saved.created ? t('catalogue.admin.newDraftCreated', { version: saved.version }) : t('common.saved'));
      onSaved();
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error) ?? undefined);
    }
  };

  const onFinish = () => {
    const v = form.getFieldsValue(true) as ServiceItemContent & { feeKind: 'free' | 'charged'; feeAmount?: number; feeLaw?: string };
    const { feeKind, feeAmount, feeLaw: law, ...rest } = v;
    const fee: ServiceItemContent['fee'] =
      feeKind === 'free'
        ? { kind: 'free' }
        : {
            kind: 'charged',
            amountYuan: feeAmount ?? 0,
            ...(content.fee.kind === 'charged' && content.fee.description ? { description: content.fee.description } : {}),
            legalBasis: { law: law?.trim() || feeLaw },
          };
    void submit({ ...content, ...rest, fee });
  };

  return (
    <Card title={<h2 className="tb-card-title">{t('catalogue.admin.editTitle', { version: detail.version })}</h2>}>
      {detail.status !== 'draft' && (
        <Alert type="info" showIcon title={t('catalogue.admin.editCreatesDraft')} style={{ marginBottom: 16 }} />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          ...content,
          summary: content.summary ?? { zh: '', en: '' },
          feeKind: content.fee.kind,
          feeAmount: content.fee.kind === 'charged' ? content.fee.amountYuan : undefined,
          feeLaw,
        }}
      >
        <div className="tb-form-grid">
          <Form.Item name={['name', 'zh']} label={t('catalogue.admin.nameZh')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name={['name', 'en']} label={t('catalogue.admin.nameEn')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="promisedDays" label={t('catalogue.admin.promisedDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="statutoryDays" label={t('catalogue.admin.statutoryDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="visits" label={t('catalogue.admin.visits')} rules={[{ required: true }]}>
            <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="feeKind" label={t('catalogue.admin.fee')}>
            <Select
              options={[
                { value: 'free', label: t('catalogue.guide.free') },
                { value: 'charged', label: t('catalogue.admin.charged') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.feeKind !== b.feeKind}>
            {({ getFieldValue }) =>
              getFieldValue('feeKind') === 'charged' ? (
                <>
                  <Form.Item name="feeAmount" label={t('catalogue.admin.feeAmount')} rules={[{ required: true }]}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="feeLaw" label={t('catalogue.admin.feeLaw')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </>
              ) : null
            }
          </Form.Item>
        </div>
        <div className="tb-form-grid">
          <Form.Item name={['summary', 'zh']} label={t('catalogue.admin.summaryZh')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name={['summary', 'en']} label={t('catalogue.admin.summaryEn')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </div>

        <h3 className="tb-form-section">{t('catalogue.guide.conditions')}</h3>
        <Form.List name="conditions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" className="tb-list-row">
                  <Form.Item
                    name={[f.name, 'zh']}
                    label={t('catalogue.admin.conditionZh', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ flex: 1 }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'en']}
                    label={t('catalogue.admin.conditionEn', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ flex: 1 }}
                  >
                    <Input />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('catalogue.admin.removeCondition', { n: i + 1 })}
                    onClick={() => remove(f.name)}
                    className="tb-list-remove"
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ zh: '', en: '' })}>
                {t('catalogue.admin.addCondition')}
              </Button>
            </>
          )}
        </Form.List>

        <h3 className="tb-form-section">{t('catalogue.guide.materials')}</h3>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const m = form.getFieldValue(['materials', f.name]) as ServiceItemContent['materials'][number] | undefined;
                return (
                  <fieldset key={f.key} className="tb-material-edit" data-testid="material-edit">
                    <legend>
                      {t('catalogue.admin.material', { n: i + 1 })} ·{' '}
                      {m?.source.kind === 'applicant' || !m ? t('catalogue.guide.bring') : t('catalogue.guide.noNeed')}
                    </legend>
                    <div className="tb-form-grid">
                      <Form.Item
                        name={[f.name, 'name', 'zh']}
                        label={t('catalogue.admin.nameZh')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'name', 'en']}
                        label={t('catalogue.admin.nameEn')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'form']} label={t('catalogue.admin.materialForm')}>
                        <Select
                          options={(['original', 'copy', 'electronic'] as const).map((x) => ({
                            value: x,
                            label: t(`catalogue.materialForm.${x}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'requirement']} label={t('catalogue.admin.requirement')}>
                        <Select
                          options={(['required', 'conditional', 'optional'] as const).map((x) => ({
                            value: x,
                            label: t(`catalogue.requirement.${x}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'count']} label={t('catalogue.admin.count')}>
                        <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'notes']} label={t('catalogue.admin.notes')}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    </div>
                    <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)}>
                      {t('catalogue.admin.removeMaterial', { name: m ? loc(m.name, lang) : i + 1 })}
                    </Button>
                  </fieldset>
                );
              })}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() =>
                  add({
                    id: `m-${Math.random().toString(36).slice(2, 8)}`,
                    name: { zh: '', en: '' },
                    form: 'copy',
                    count: 1,
                    requirement: 'required',
                    source: { kind: 'applicant' },
                  })
                }
              >
                {t('catalogue.admin.addMaterial')}
              </Button>
            </>
          )}
        </Form.List>

        <Flex gap={8} wrap style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('catalogue.admin.saveDraft')}
          </Button>
        </Flex>
      </Form>

      <Collapse
        style={{ marginTop: 24 }}
        items={[
          {
            key: 'json',
            label: t('catalogue.admin.advancedJson'),
            children: (
              <>
                <p className="tb-muted">{t('catalogue.admin.advancedJsonHelp')}</p>
                <Input.TextArea
                  aria-label={t('catalogue.admin.advancedJson')}
                  value={json}
                  onChange={(e) => setJson(e.target.value)}
                  autoSize={{ minRows: 10, maxRows: 30 }}
                  className="tb-code"
                  spellCheck={false}
                />
                {jsonError && <Alert type="error" showIcon title={jsonError} style={{ marginTop: 8 }} />}
                <Button
                  style={{ marginTop: 8 }}
                  loading={save.isPending}
                  onClick={() => {
                    try {
                      const parsed = JSON.parse(json) as ServiceItemContent;
                      setJsonError(undefined);
                      save.mutate(parsed, {
                        onSuccess: () => {
                          message.success(t('common.saved'));
                          onSaved();
                        },
                        onError: (error) =>
                          setJsonError(
                            `${errorMessage(t, error)}${(error as { field?: string }).field ? ` (${(error as { field?: string }).field})` : ''}`,
                          ),
                      });
                    } catch (error) {
                      setJsonError(t('catalogue.admin.jsonInvalid', { message: (error as Error).message }));
                    }
                  }}
                >
                  {t('catalogue.admin.saveJson')}
                </Button>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** One item for staff: its versions, the open draft's editor, the workflow actions, and a comparison. */
export function CatalogueItemAdmin({ code, permissions }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const versions = useVersions(code);
  const items = versions.data?.items ?? [];
  const latest = items.reduce<(typeof items)[number] | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  const detail = useVersion(code, latest?.version);
  const { act } = useCatalogueMutations(code);
  const [reasonFor, setReasonFor] = useState<'withdraw' | 'reject'>();
  const [actionError, setActionError] = useState<string>();
  const canEdit = permissions.includes('catalogue.edit');
  const canPublish = permissions.includes('catalogue.publish');

  if (versions.isError) return <Alert type="error" showIcon title={errorMessage(t, versions.error)} />;
  if (versions.isPending || !latest) return <Skeleton active />;

  const run = (action: WorkflowAction, reason?: string) => {
    setActionError(undefined);
    act.mutate(
      { action, reason },
      {
        onSuccess: () => {
          setReasonFor(undefined);
          message.success(t(`catalogue.admin.done.${action}`));
        },
        onError: (error) => {
          setReasonFor(undefined);
          setActionError(errorMessage(t, error));
        },
      },
    );
  };
  const published = versions.data.publishedVersion;

  return (
    <div className="tb-stack">
      <div>
        <p className="tb-breadcrumb">
          <Link to="/admin/catalogue">{t('catalogue.admin.title')}</Link> / {code}
        </p>
        <h1 className="tb-page-title">{loc(latest.name, lang)}</h1>
        <Space wrap>
          <span>
            {t('catalogue.admin.latest', { version: latest.version })} <StatusTag status={latest.status} />
          </span>
          <span data-testid="published-version">
            {published ? t('catalogue.admin.publishedVersion', { version: published }) : t('catalogue.admin.notPublished')}
          </span>
          {published && <Link to={`/services/${code}`}>{t('catalogue.admin.viewOnPortal')}</Link>}
        </Space>
      </div>

      {actionError && <Alert type="error" showIcon title={actionError} closable onClose={() => setActionError(undefined)} />}
      {latest.status === 'draft' && latest.rejectedReason && (
        <Alert type="warning" showIcon title={t('catalogue.admin.rejectedBecause', { reason: latest.rejectedReason })} />
      )}

      <Card title={<h2 className="tb-card-title">{t('catalogue.admin.workflow')}</h2>}>
        <Flex gap={8} wrap align="center">
          {latest.status === 'draft' && canEdit && (
            <Button type="primary" loading={act.isPending} onClick={() => run('submit')}>
              {t('catalogue.admin.submit')}
            </Button>
          )}
          {latest.status === 'submitted' && canPublish && (
            <>
              <Button type="primary" loading={act.isPending} onClick={() => run('publish')}>
                {t('catalogue.admin.publish')}
              </Button>
              <Button onClick={() => setReasonFor('reject')}>{t('catalogue.admin.reject')}</Button>
            </>
          )}
          {published !== null && canPublish && (
            <Button danger onClick={() => setReasonFor('withdraw')}>
              {t('catalogue.admin.withdraw')}
            </Button>
          )}
          <span className="tb-muted">{t(`catalogue.admin.hint.${latest.status}`)}</span>
        </Flex>
      </Card>

      <Card title={<h2 className="tb-card-title">{t('catalogue.admin.history')}</h2>}>
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={[...items].sort((a, b) => b.version - a.version)}
          onRow={() => ({ 'data-testid': 'version-row' }) as never}
          columns={[
            { title: t('catalogue.admin.version'), dataIndex: 'version', width: 80 },
            { title: t('catalogue.admin.status'), render: (_, v) => <StatusTag status={v.status} /> },
            { title: t('catalogue.admin.author'), dataIndex: 'authorId' },
            { title: t('catalogue.admin.updatedAt'), render: (_, v) => v.updatedAt.slice(0, 16).replace('T', ' ') },
            {
              title: t('catalogue.admin.publishedBy'),
              render: (_, v) => (v.publishedBy ? `${v.publishedBy} · ${v.publishedAt?.slice(0, 16).replace('T', ' ')}` : '—'),
            },
            { title: t('catalogue.admin.reason'), render: (_, v) => v.withdrawnReason ?? v.rejectedReason ?? '—' },
          ]}
        />
      </Card>

      {items.length > 1 && <VersionCompareView code={code} versions={items.map((v) => v.version).sort((a, b) => a - b)} />}

      {canEdit && latest.status !== 'submitted' && detail.data && (
        <ItemEditor key={`${detail.data.id}-${detail.data.updatedAt}`} detail={detail.data} onSaved={() => void versions.refetch()} />
      )}

      <ReasonModal
        title={reasonFor === 'withdraw' ? t('catalogue.admin.withdraw') : t('catalogue.admin.reject')}
        open={reasonFor !== undefined}
        busy={act.isPending}
        onCancel={() => setReasonFor(undefined)}
        onSubmit={(reason) => reasonFor && run(reasonFor, reason)}
      />
    </div>
  );
}
