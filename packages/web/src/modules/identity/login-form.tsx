import { BankOutlined, IdcardOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Me, PrincipalKind } from '@tongban/domain';
import { Alert, Button, Form, Input, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { useLogin } from './identity.api.ts';

export const loginTabs = ['citizen', 'enterprise', 'staff'] as const;
export type LoginTab = (typeof loginTabs)[number];

type Values = { username: string; password: string };

function LoginTabForm({ tab, onLoggedIn }: { tab: LoginTab; onLoggedIn: (me: Me | null, tab: LoginTab) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  const [formError, setFormError] = useState<string>();
  const kind: PrincipalKind = tab === 'staff' ? 'staff' : 'user';

  const submit = async (values: Values) => {
    setFormError(undefined);
    try {
      await login.mutateAsync({ kind, username: values.username.trim(), password: values.password });
      onLoggedIn(null, tab);
    } catch (error) {
      // Credentials errors concern the pair, not one field: show them above the form.
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  return (
    <Form form={form} name={`login-${tab}`} layout="vertical" onFinish={submit} requiredMark={false} disabled={login.isPending}>
      {tab === 'enterprise' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('login.enterpriseHint')} />}
      {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} data-testid="login-error" />}
      <Form.Item
        name="username"
        label={t(kind === 'staff' ? 'login.staffUsername' : 'login.userUsername')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form.Item>
      {kind === 'user' && (
        <p className="tb-form-footer">
          {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
        </p>
      )}
    </Form>
  );
}

/** Citizen / enterprise / staff sign-in. Enterprises sign in through their representative's or agent's own account. */
export function LoginForm({
  tab,
  onTabChange,
  onLoggedIn,
}: {
  tab: LoginTab;
  onTabChange: (tab: LoginTab) => void;
  onLoggedIn: (me: Me | null, tab: LoginTab) => void;
}) {
  const { t } = useTranslation();
  const icons = {
    citizen: <IdcardOutlined aria-hidden />,
    enterprise: <BankOutlined aria-hidden />,
    staff: <SolutionOutlined aria-hidden />,
  };
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => onTabChange(key as LoginTab)}
      centered
      // Narrow gutters keep all three tabs visible at 375 px (an overflow "more" button inside the
      // tablist is not a tab, which screen readers and axe reject).
      tabBarGutter={16}
      items={loginTabs.map((key) => ({
        key,
        label: t(`login.tabs.${key}`),
        icon: icons[key],
        children: <LoginTabForm tab={key} onLoggedIn={onLoggedIn} />,
      }))}
    />
  );
}
