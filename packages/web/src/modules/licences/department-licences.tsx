import './licences.css';
import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { formatDateTime, LicenceStatusTag, licenceErrorMessage, loc, walletStatus } from './labels.tsx';
import {
  type DepartmentFilters,
  type LicenceStatus,
  type LicenceSummary,
  type StatusChangeAction,
  useChangeLicenceStatus,
  useDepartmentLicences,
} from './licences.api.ts';

type Pending = { licence: LicenceSummary; action: StatusChangeAction };

/** Revoke (final), suspend or reinstate with a reason; the reason goes to the audit log and the holder. */
function StatusChangeModal({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const change = useChangeLicenceStatus();
  const [formError, setFormError] = useState<string>();
  const { licence, action } = pending;
  const name = t('licences.staff.licenceLabel', { name: loc(licence.name, i18n.language), number: licence.licenceNumber });

  const submit = async ({ reason }: { reason: string }) => {
    setFormError(undefined);
    try {
      await change.mutateAsync({ id: licence.id, action, reason: reason.trim() });
      void message.success(t(`licences.staff.done.${action}`));
      onClose();
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error) ? licenceErrorMessage(t, error) : undefined);
    }
  };

  return (
    <Modal
      open
      title={t(`licences.staff.actionTitle.${action}`, { name })}
      onCancel={onClose}
      okText={t(`licences.staff.${action}`)}
      okButtonProps={{ danger: action !== 'reinstate' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form form={form} name="licence-status" layout="vertical" onFinish={submit}>
        <Alert
          type={action === 'revoke' ? 'warning' : 'info'}
          showIcon
          title={t(`licences.staff.actionWarning.${action}`)}
          style={{ marginBottom: 16 }}
        />
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="reason"
          label={t('licences.staff.reason')}
          extra={t('licences.staff.reasonHelp')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('licences.staff.reasonRequired') },
            { max: 500, message: t('common.tooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Phones: one card per licence instead of a table too wide to read. */
function PhoneList({
  licences,
  loading,
  actionsOf,
}: {
  licences: LicenceSummary[];
  loading: boolean;
  actionsOf: (l: LicenceSummary) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (licences.length === 0) return loading ? null : <Empty description={t('licences.staff.empty')} />;
  return (
    <ul className="tb-licence-grid" aria-busy={loading} data-testid="department-licences">
      {licences.map((l) => (
        <li key={l.id} className="tb-licence-card">
          <Flex justify="space-between" align="start" gap={8} wrap>
            <h2 className="tb-licence-card-title">{loc(l.name, i18n.language)}</h2>
            <LicenceStatusTag status={walletStatus(l)} />
          </Flex>
          <dl className="tb-licence-facts">
            <dt>{t('licences.field.licenceNumber')}</dt>
            <dd className="tb-licence-number">{l.licenceNumber}</dd>
            <dt>{t('licences.staff.columnHolder')}</dt>
            <dd>
              {l.holder.name}
              <div className="tb-licence-number tb-muted">{l.holder.id}</div>
            </dd>
            <dt>{t('licences.staff.columnIssued')}</dt>
            <dd>{formatDateTime(l.issuedAt, i18n.language)}</dd>
          </dl>
          {actionsOf(l)}
        </li>
      ))}
    </ul>
  );
}

/** The department's issued licences (its subtree), with revoke / suspend / reinstate. */
export function DepartmentLicences() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filters, setFilters] = useState<DepartmentFilters>({ page: 1, pageSize: 20 });
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<Pending>();
  const licences = useDepartmentLicences(filters);
  const searchId = useId();
  const statusId = useId();
  const compact = useMediaQuery(phoneQuery);

  const actionsOf = (l: LicenceSummary) => {
    const name = `${loc(l.name, lang)} ${l.licenceNumber}`;
    const button = (action: StatusChangeAction) => (
      <Button
        key={action}
        size="small"
        danger={action === 'revoke'}
        onClick={() => setPending({ licence: l, action })}
        aria-label={`${t(`licences.staff.${action}`)} ${name}`}
      >
        {t(`licences.staff.${action}`)}
      </Button>
    );
    if (l.status === 'revoked') return null;
    return (
      <Space wrap size={4}>
        {l.status === 'active' ? [button('suspend'), button('revoke')] : [button('reinstate'), button('revoke')]}
      </Space>
    );
  };

  const columns: ColumnsType<LicenceSummary> = [
    {
      title: t('licences.staff.columnLicence'),
      key: 'licence',
      render: (_v, l) => (
        <Flex vertical>
          <Typography.Text strong>{loc(l.name, lang)}</Typography.Text>
          <span className="tb-licence-number tb-muted">{l.licenceNumber}</span>
        </Flex>
      ),
    },
    {
      title: t('licences.staff.columnHolder'),
      key: 'holder',
      render: (_v, l) => (
        <Flex vertical>
          <span>{l.holder.name}</span>
          <span className="tb-licence-number tb-muted">{l.holder.id}</span>
        </Flex>
      ),
    },
    { title: t('licences.staff.columnIssued'), key: 'issued', width: 170, render: (_v, l) => formatDateTime(l.issuedAt, lang) },
    {
      title: t('licences.staff.columnStatus'),
      key: 'status',
      width: 110,
      render: (_v, l) => <LicenceStatusTag status={walletStatus(l)} />,
    },
    { title: t('common.actions'), key: 'actions', width: 170, render: (_v, l) => actionsOf(l) },
  ];

  const statusOptions = [
    { value: '', label: t('licences.wallet.anyStatus') },
    { value: 'active', label: t('licences.status.valid') },
    { value: 'suspended', label: t('licences.status.suspended') },
    { value: 'revoked', label: t('licences.status.revoked') },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="tb-page-title">{t('licences.staff.title')}</h1>
        <Typography.Paragraph className="tb-muted" style={{ margin: 0 }}>
          {t('licences.staff.intro')}
        </Typography.Paragraph>
      </div>
      <form
        className="tb-licence-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters((f) => ({ ...f, q: query.trim() || undefined, page: 1 }));
        }}
      >
        <label htmlFor={searchId} className="tb-visually-hidden">
          {t('licences.staff.search')}
        </label>
        <Input
          id={searchId}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('licences.staff.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <Button htmlType="submit" icon={<SearchOutlined aria-hidden />}>
          {t('licences.staff.searchButton')}
        </Button>
        <span id={statusId} className="tb-visually-hidden">
          {t('licences.field.status')}
        </span>
        <Select
          aria-labelledby={statusId}
          value={filters.status ?? ''}
          onChange={(v: LicenceStatus | '') => setFilters((f) => ({ ...f, status: v || undefined, page: 1 }))}
          options={statusOptions}
          style={{ minWidth: 130 }}
        />
      </form>
      {licences.isError && <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, licences.error)} />}
      {compact ? (
        <PhoneList licences={licences.data?.items ?? []} loading={licences.isFetching} actionsOf={actionsOf} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={licences.data?.items ?? []}
          loading={licences.isFetching}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('licences.staff.empty') }}
          data-testid="department-licences"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            // The API pages with "has more"; one page beyond the current one is enough to go on.
            total:
              ((filters.page ?? 1) - 1) * (filters.pageSize ?? 20) + (licences.data?.items.length ?? 0) + (licences.data?.hasMore ? 1 : 0),
            showSizeChanger: false,
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      {compact && (filters.page ?? 1) > 1 && (
        <Button onClick={() => setFilters((f) => ({ ...f, page: (f.page ?? 1) - 1 }))}>{t('licences.staff.previous')}</Button>
      )}
      {compact && licences.data?.hasMore && (
        <Button onClick={() => setFilters((f) => ({ ...f, page: (f.page ?? 1) + 1 }))}>{t('licences.staff.next')}</Button>
      )}
      {pending && <StatusChangeModal pending={pending} onClose={() => setPending(undefined)} />}
    </Flex>
  );
}
