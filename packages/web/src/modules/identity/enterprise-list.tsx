import { BankOutlined, UserAddOutlined } from '@ant-design/icons';
import { checkCreditCode, checkResidentId, normaliseIdentifier } from '@tongban/domain';
import { Alert, App, Button, Collapse, Empty, Flex, Form, Input, List, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import {
  useAnswerInvitation,
  useGrantAgent,
  useMyEnterprises,
  useMyInvitations,
  useRegisterEnterprise,
  useRevokeAgent,
} from './identity.api.ts';
import type { Enterprise } from './identity.types.ts';

/** The end of a chosen day in China Standard Time, as the API's ISO date-time. */
function endOfDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

function AgentsPanel({ enterprise }: { enterprise: Enterprise }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const grant = useGrantAgent();
  const revoke = useRevokeAgent();
  const [form] = Form.useForm<{ idNumber: string; validUntil?: string }>();
  const [formError, setFormError] = useState<string>();
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });

  const submit = async (values: { idNumber: string; validUntil?: string }) => {
    setFormError(undefined);
    try {
      await grant.mutateAsync({
        creditCode: enterprise.creditCode,
        input: { idNumber: normaliseIdentifier(values.idNumber), validUntil: values.validUntil ? endOfDay(values.validUntil) : null },
      });
      form.resetFields();
      void message.success(t('account.agentGranted'));
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  return (
    <Flex vertical gap={12}>
      <List
        size="small"
        dataSource={enterprise.agents}
        locale={{ emptyText: t('account.noAgents') }}
        renderItem={(agent) => (
          <List.Item
            actions={[
              <Popconfirm
                key="revoke"
                title={t('account.confirmRevoke', { name: agent.name })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  revoke.mutate(
                    { creditCode: enterprise.creditCode, userId: agent.userId },
                    { onError: (error) => void message.error(errorMessage(t, error)) },
                  )
                }
              >
                <Button size="small" danger>
                  {t('account.revokeAgent')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={agent.name}
              description={`${agent.idNumberMasked} · ${
                agent.validUntil ? t('account.validUntil', { date: dateFormat.format(new Date(agent.validUntil)) }) : t('account.noEnd')
              }`}
            />
          </List.Item>
        )}
      />
      <Form form={form} name={`grant-agent-${enterprise.creditCode}`} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="idNumber"
          label={t('account.agentIdNumber')}
          validateDebounce={300}
          rules={[
            { required: true, message: t('register.idNumberRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? checkResidentId(normaliseIdentifier(value)) : undefined;
                if (problem) throw new Error(t(`register.idNumberProblem.${problem}`));
              },
            },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('account.agentValidUntil')} extra={t('account.agentValidUntilHelp')}>
          <Input type="date" />
        </Form.Item>
        <Button htmlType="submit" icon={<UserAddOutlined aria-hidden />} loading={grant.isPending}>
          {t('account.grantAgent')}
        </Button>
      </Form>
    </Flex>
  );
}

/** Invitations to act as an agent: nothing is granted until the person accepts. */
function InvitationList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invitations = useMyInvitations();
  const answer = useAnswerInvitation();
  const items = invitations.data ?? [];
  if (items.length === 0) return null;
  const reply = (id: string, choice: 'accept' | 'decline') =>
    answer.mutate(
      { id, answer: choice },
      {
        onSuccess: () => void message.success(t(choice === 'accept' ? 'account.invitationAccepted' : 'account.invitationDeclined')),
        onError: (error) => void message.error(errorMessage(t, error)),
      },
    );
  return (
    <List
      size="small"
      bordered
      header={<Typography.Text strong>{t('account.invitations')}</Typography.Text>}
      dataSource={items}
      data-testid="invitation-list"
      renderItem={(i) => (
        <List.Item
          actions={[
            <Button key="accept" size="small" type="primary" loading={answer.isPending} onClick={() => reply(i.id, 'accept')}>
              {t('account.acceptInvitation')}
            </Button>,
            <Button key="decline" size="small" loading={answer.isPending} onClick={() => reply(i.id, 'decline')}>
              {t('account.declineInvitation')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={i.enterpriseName}
            description={t('account.invitedBy', { name: i.invitedByName, creditCode: i.creditCode })}
          />
        </List.Item>
      )}
    />
  );
}

/** Enterprises this person may act for; legal representatives also register them and manage agents. */
export function EnterpriseList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enterprises = useMyEnterprises();
  const registerEnterprise = useRegisterEnterprise();
  const [form] = Form.useForm<{ creditCode: string }>();
  const [formError, setFormError] = useState<string>();

  const submit = async ({ creditCode }: { creditCode: string }) => {
    setFormError(undefined);
    try {
      await registerEnterprise.mutateAsync({ creditCode: normaliseIdentifier(creditCode) });
      form.resetFields();
      void message.success(t('account.enterpriseRegistered'));
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  const items = enterprises.data ?? [];
  return (
    <Flex vertical gap={16}>
      <InvitationList />
      {enterprises.isError && <Alert type="error" showIcon title={errorMessage(t, enterprises.error)} />}
      {items.length === 0 && !enterprises.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('account.noEnterprises')} />
      ) : (
        <List
          loading={enterprises.isPending}
          dataSource={items}
          data-testid="enterprise-list"
          renderItem={(e) => (
            <List.Item style={{ display: 'block' }}>
              <Flex gap={12} align="start" wrap>
                <BankOutlined aria-hidden style={{ fontSize: 20, color: '#0b4fb3', marginTop: 4 }} />
                <Flex vertical style={{ flex: 1, minWidth: 200 }}>
                  <Typography.Text strong>{e.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('account.creditCode')}: {e.creditCode}
                  </Typography.Text>
                </Flex>
                <Tag color={e.capacity === 'legal_representative' ? 'blue' : 'default'}>{t(`account.capacity.${e.capacity}`)}</Tag>
              </Flex>
              {e.capacity === 'legal_representative' && (
                <Collapse
                  size="small"
                  ghost
                  style={{ marginTop: 8 }}
                  items={[
                    { key: 'agents', label: t('account.agents', { count: e.agents.length }), children: <AgentsPanel enterprise={e} /> },
                  ]}
                />
              )}
            </List.Item>
          )}
        />
      )}
      <Form form={form} name="register-enterprise" layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="creditCode"
          label={t('account.registerEnterpriseLabel')}
          extra={t('account.registerEnterpriseHelp')}
          validateDebounce={300}
          rules={[
            { required: true, message: t('account.creditCodeRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? checkCreditCode(normaliseIdentifier(value)) : undefined;
                if (problem) throw new Error(t(`account.creditCodeProblem.${problem}`));
              },
            },
          ]}
        >
          <Input spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={registerEnterprise.isPending}>
          {t('account.registerEnterprise')}
        </Button>
      </Form>
    </Flex>
  );
}
