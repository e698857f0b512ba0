import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { RecordCards } from '../../ui/record-cards.tsx';
import { endOfCityDay, formatCityDateTime } from '../../ui/shanghai-time.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { fieldLabel } from './field-labels.ts';
import { type Grant, type GrantStatus, useDecideGrant, useProviderGrants } from './officer.api.ts';

type Action = 'approve' | 'refuse' | 'revoke';
type Pending = { grant: Grant; action: Action };

const statusColour: Record<GrantStatus, string> = {
  requested: 'processing',
  approved: 'success',
  refused: 'error',
  revoked: 'default',
  expired: 'warning',
};

function resourceName(g: Grant, lang: string) {
  return g.resourceName ? (lang.startsWith('zh') ? g.resourceName.zh : g.resourceName.en) : g.resourceCode;
}

function fieldsText(g: Grant, lang: string, separator: string) {
  return g.fields.map((f) => fieldLabel(g.resourceCode, f, lang)).join(separator);
}

/** Approve (with a reason and an optional end date), refuse or revoke (with a reason): every decision carries its why. */
function DecisionModal({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; expiresOn?: string }>();
  const decide = useDecideGrant();
  const [formError, setFormError] = useState<string>();
  const { grant, action } = pending;
  const consumer = grant.consumerDepartmentName ?? grant.consumerDepartmentId;

  const submit = async ({ text, expiresOn }: { text: string; expiresOn?: string }) => {
    setFormError(undefined);
    try {
      if (action === 'approve')
        await decide.mutateAsync({ id: grant.id, kind: 'approve', note: text.trim(), expiresAt: endOfCityDay(expiresOn) });
      else await decide.mutateAsync({ id: grant.id, kind: action, reason: text.trim() });
      void message.success(t(`datahub.officer.grants.done.${action}`));
      onClose();
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error, { note: 'text', reason: 'text', expiresAt: 'expiresOn' }));
    }
  };

  return (
    <Modal
      open
      title={t(`datahub.officer.grants.dialogTitle.${action}`)}
      onCancel={onClose}
      okText={t(`datahub.officer.grants.${action}`)}
      okButtonProps={{ danger: action !== 'approve' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Form form={form} name="grant-decision" layout="vertical" onFinish={submit}>
        <Typography.Paragraph>
          {t('datahub.officer.grants.dialogAbout', {
            consumer,
            resource: resourceName(grant, lang),
            fields: fieldsText(grant, lang, t('datahub.citizen.listSeparator')),
            purpose: grant.purpose,
          })}
        </Typography.Paragraph>
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="text"
          label={t(action === 'approve' ? 'datahub.officer.grants.note' : 'datahub.officer.grants.reason')}
          extra={t(action === 'approve' ? 'datahub.officer.grants.noteHelp' : 'datahub.officer.grants.reasonHelp')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('datahub.officer.grants.reasonRequired') },
            { max: 500, message: t('common.tooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {action === 'approve' && (
          <Form.Item name="expiresOn" label={t('datahub.officer.grants.expiresAt')} extra={t('datahub.officer.grants.expiresHelp')}>
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Requests for the department's data: approve or refuse each with a reason; revoke an approved one. */
export function OfficerGrants() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const grants = useProviderGrants();
  const [status, setStatus] = useState<GrantStatus | ''>('requested');
  const [pending, setPending] = useState<Pending>();
  const statusId = useId();
  const sep = t('datahub.citizen.listSeparator');
  const compact = useMediaQuery(phoneQuery);

  const shown = (grants.data ?? []).filter((g) => !status || g.status === status);
  const actionsOf = (g: Grant) => {
    const consumer = g.consumerDepartmentName ?? g.consumerDepartmentId;
    const button = (action: Action) => (
      <Button
        key={action}
        size="small"
        type={action === 'approve' ? 'primary' : 'default'}
        danger={action !== 'approve'}
        onClick={() => setPending({ grant: g, action })}
        aria-label={t('datahub.officer.grants.actionNamed', {
          action: t(`datahub.officer.grants.${action}`),
          consumer,
          resource: resourceName(g, lang),
        })}
      >
        {t(`datahub.officer.grants.${action}`)}
      </Button>
    );
    if (g.status === 'requested')
      return (
        <Space wrap size={4}>
          {[button('approve'), button('refuse')]}
        </Space>
      );
    if (g.status === 'approved') return button('revoke');
    return null;
  };

  const columns: ColumnsType<Grant> = [
    {
      title: t('datahub.officer.grants.consumer'),
      key: 'consumer',
      render: (_v, g) => g.consumerDepartmentName ?? g.consumerDepartmentId,
    },
    {
      title: t('datahub.officer.grants.resource'),
      key: 'resource',
      render: (_v, g) => (
        <Flex vertical>
          <span>{resourceName(g, lang)}</span>
          <span className="tb-muted tb-code">{g.resourceCode}</span>
        </Flex>
      ),
    },
    { title: t('datahub.officer.grants.fields'), key: 'fields', render: (_v, g) => fieldsText(g, lang, sep) },
    {
      title: t('datahub.officer.grants.purpose'),
      key: 'purpose',
      render: (_v, g) => (
        <Flex vertical>
          <span>{g.purpose}</span>
          {g.items.length > 0 && <span className="tb-muted tb-code">{g.items.join(', ')}</span>}
        </Flex>
      ),
    },
    {
      title: t('datahub.officer.grants.requested'),
      key: 'requested',
      width: 170,
      render: (_v, g) => formatCityDateTime(g.requestedAt, lang),
    },
    {
      title: t('datahub.officer.grants.status'),
      key: 'status',
      width: 150,
      render: (_v, g) => (
        <Flex vertical gap={4}>
          <Tag color={statusColour[g.status]}>{t(`datahub.officer.grants.statuses.${g.status}`)}</Tag>
          {(g.decisionNote || g.revokeReason) && <span className="tb-muted">{g.revokeReason ?? g.decisionNote}</span>}
          {g.expiresAt && (
            <span className="tb-muted">{`${t('datahub.officer.grants.expires')} ${formatCityDateTime(g.expiresAt, lang)}`}</span>
          )}
        </Flex>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: 170, render: (_v, g) => actionsOf(g) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <label id={statusId} htmlFor={`${statusId}-select`}>
          {t('datahub.officer.grants.statusFilter')}
        </label>
        <Select
          id={`${statusId}-select`}
          aria-labelledby={statusId}
          value={status}
          onChange={(v: GrantStatus | '') => setStatus(v)}
          style={{ minWidth: 160 }}
          options={[
            { value: '', label: t('datahub.officer.grants.anyStatus') },
            ...(['requested', 'approved', 'refused', 'revoked', 'expired'] as const).map((s) => ({
              value: s,
              label: t(`datahub.officer.grants.statuses.${s}`),
            })),
          ]}
        />
      </Flex>
      {grants.isError && <Alert type="error" showIcon role="alert" title={t('errors.INTERNAL')} />}
      {compact ? (
        <RecordCards
          items={shown}
          keyOf={(g) => g.id}
          headingOf={(g) => g.consumerDepartmentName ?? g.consumerDepartmentId}
          factsOf={(g) => columns.slice(1).map((c, i) => ({ label: String(c.title), value: c.render?.(undefined, g, i) as ReactNode }))}
          empty={t('datahub.officer.grants.empty')}
          loading={grants.isFetching}
          testId="officer-grants"
        />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={grants.isFetching}
          scroll={{ x: 980 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('datahub.officer.grants.empty')} /> }}
          data-testid="officer-grants"
        />
      )}
      {pending && <DecisionModal pending={pending} onClose={() => setPending(undefined)} />}
    </Flex>
  );
}
