import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ApiKey,
  type ApiKeyChannel,
  type ApiKeyScope,
  apiKeyChannelLabels,
  apiKeyChannels,
  apiKeyCreateBodySchema,
  apiKeyScopeLabels,
  apiKeyScopes,
} from '@tongban/domain';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import { schemaRule } from '../../ui/form-rules.ts';
import { useApiKeys, useApiKeyUses, useIssueApiKey, useRevokeApiKey } from './identity.api.ts';

type IssueValues = {
  name: string;
  channel: ApiKeyChannel;
  scopes: ApiKeyScope[];
  ratePerMinute: number;
  expiresAt?: { toISOString(): string };
};

const label = (l: { zh: string; en: string }, lang: string) => (lang.startsWith('zh') ? l.zh : l.en);

function useDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return (iso: string) => format.format(new Date(iso));
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (token: string) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<IssueValues>();
  const issue = useIssueApiKey();
  const [formError, setFormError] = useState<string>();
  const submit = async (values: IssueValues) => {
    setFormError(undefined);
    try {
      const created = await issue.mutateAsync({
        name: values.name,
        channel: values.channel,
        scopes: values.scopes,
        ratePerMinute: values.ratePerMinute,
        ...(values.expiresAt ? { expiresAt: values.expiresAt.toISOString() } : {}),
      });
      onIssued(created.token);
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error, { 'body.name': 'name', 'body.expiresAt': 'expiresAt' }));
    }
  };
  return (
    <Modal
      open
      title={t('apiKeys.issue')}
      onCancel={onClose}
      okText={t('apiKeys.issue')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Form<IssueValues>
        form={form}
        name="api-key"
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'mobile_app', scopes: [], ratePerMinute: 600 }}
      >
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          extra={t('apiKeys.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            schemaRule(apiKeyCreateBodySchema.shape.name, t('common.tooLong')),
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="channel" label={t('apiKeys.channel')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={apiKeyChannels.map((c) => ({ value: c, label: label(apiKeyChannelLabels[c], i18n.language) }))} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('apiKeys.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopesRequired') }]}
        >
          <Checkbox.Group>
            <Flex vertical gap={4}>
              {apiKeyScopes.map((s) => (
                <Checkbox key={s} value={s}>
                  {label(apiKeyScopeLabels[s], i18n.language)}{' '}
                  <Typography.Text type="secondary" code>
                    {s}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="ratePerMinute" label={t('apiKeys.rate')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={60_000} step={60} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiKeys.expiresAt')} extra={t('apiKeys.noExpiry')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The one time a key's token is shown: copy it, then it is gone from the page. */
function TokenModal({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    await navigator.clipboard?.writeText(token);
    void message.success(t('apiKeys.copied'));
  };
  return (
    <Modal
      open
      title={t('apiKeys.tokenTitle')}
      onCancel={onClose}
      closable={false}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.done')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('apiKeys.tokenWarning')} />
        <label htmlFor="api-key-token">
          <Typography.Text strong>{t('apiKeys.tokenLabel')}</Typography.Text>
        </label>
        <Flex gap={8}>
          <Input
            id="api-key-token"
            readOnly
            value={token}
            data-testid="api-key-token"
            style={{ fontFamily: 'monospace' }}
            onFocus={(e) => e.target.select()}
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
            {t('apiKeys.copy')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}

function UsesDrawer({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const uses = useApiKeyUses(apiKey.id);
  const at = useDateTime();
  return (
    <Drawer open size="large" title={t('apiKeys.usesTitle', { name: apiKey.name })} onClose={onClose}>
      {uses.isError && <Alert type="error" showIcon title={errorMessage(t, uses.error)} />}
      <Table
        rowKey={(u) => `${u.usedAt}-${u.requestId}`}
        size="small"
        loading={uses.isPending}
        dataSource={uses.data ?? []}
        pagination={false}
        locale={{ emptyText: t('apiKeys.noUses') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('apiKeys.usedAt'), key: 'at', render: (_v, u) => <time dateTime={u.usedAt}>{at(u.usedAt)}</time> },
          {
            title: t('apiKeys.route'),
            key: 'route',
            render: (_v, u) => <Typography.Text code>{`${u.method} ${u.route}`}</Typography.Text>,
          },
          {
            title: t('apiKeys.outcome'),
            key: 'outcome',
            render: (_v, u) => <Tag color={u.outcome === 'accepted' ? 'green' : 'red'}>{t(`apiKeys.outcomes.${u.outcome}`)}</Tag>,
          },
          { title: t('apiKeys.address'), dataIndex: 'ip', key: 'ip' },
        ]}
      />
    </Drawer>
  );
}

/** Channel API keys: issue (token shown once), see their use, revoke. System administrators only. */
export function ApiKeysAdmin() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const at = useDateTime();
  const [issuing, setIssuing] = useState(false);
  const [token, setToken] = useState<string>();
  const [viewing, setViewing] = useState<ApiKey>();

  const statusOf = (k: ApiKey) => {
    if (k.revokedAt) return <Tag color="red">{t('apiKeys.revoked')}</Tag>;
    if (k.expiresAt && new Date(k.expiresAt) <= new Date()) return <Tag>{t('apiKeys.expired')}</Tag>;
    return <Tag color="green">{t('apiKeys.live')}</Tag>;
  };
  const doRevoke = async (k: ApiKey) => {
    try {
      await revoke.mutateAsync(k.id);
      void message.success(t('apiKeys.revokedDone'));
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };

  const columns: ColumnsType<ApiKey> = [
    {
      title: t('apiKeys.name'),
      key: 'name',
      render: (_v, k) => (
        <Flex vertical>
          <Typography.Text strong>{k.name}</Typography.Text>
          <Typography.Text type="secondary">{label(apiKeyChannelLabels[k.channel], i18n.language)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('apiKeys.scopes'),
      key: 'scopes',
      render: (_v, k) => (
        <Flex gap={4} wrap>
          {k.scopes.map((s) => (
            <Tag key={s} title={s}>
              {label(apiKeyScopeLabels[s], i18n.language)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('apiKeys.rate'), dataIndex: 'ratePerMinute', key: 'rate', align: 'right' },
    { title: t('apiKeys.createdAt'), key: 'created', render: (_v, k) => at(k.createdAt) },
    { title: t('apiKeys.expiresAt'), key: 'expires', render: (_v, k) => (k.expiresAt ? at(k.expiresAt) : t('apiKeys.noExpiry')) },
    { title: t('apiKeys.lastUsedAt'), key: 'last', render: (_v, k) => (k.lastUsedAt ? at(k.lastUsedAt) : t('apiKeys.never')) },
    { title: t('apiKeys.usesLastDay'), dataIndex: 'usesLastDay', key: 'uses', align: 'right' },
    { title: t('apiKeys.status'), key: 'status', render: (_v, k) => statusOf(k) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, k) => (
        <Flex gap={4} wrap>
          <Button size="small" onClick={() => setViewing(k)} aria-label={`${t('apiKeys.uses')} ${k.name}`}>
            {t('apiKeys.uses')}
          </Button>
          {!k.revokedAt && (
            <Popconfirm
              title={t('apiKeys.confirmRevoke', { name: k.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => doRevoke(k)}
            >
              <Button size="small" danger aria-label={`${t('apiKeys.revoke')} ${k.name}`}>
                {t('apiKeys.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('apiKeys.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)}>
          {t('apiKeys.issue')}
        </Button>
      </Flex>
      <Typography.Paragraph style={{ margin: 0 }}>{t('apiKeys.intro')}</Typography.Paragraph>
      {keys.isError && <Alert type="error" showIcon title={errorMessage(t, keys.error)} />}
      <Table<ApiKey>
        rowKey="id"
        columns={columns}
        dataSource={keys.data ?? []}
        loading={keys.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('apiKeys.empty') }}
        data-testid="api-keys-table"
      />
      {issuing && (
        <IssueModal
          onClose={() => setIssuing(false)}
          onIssued={(issued) => {
            setIssuing(false);
            setToken(issued);
          }}
        />
      )}
      {token && <TokenModal token={token} onClose={() => setToken(undefined)} />}
      {viewing && <UsesDrawer apiKey={viewing} onClose={() => setViewing(undefined)} />}
    </Flex>
  );
}
