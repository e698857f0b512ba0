import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { useChangePassword } from './identity.api.ts';
import { passwordRules } from './password-rules.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** Changing the password ends the account's other sessions (server side). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string>();

  const submit = async (values: Values) => {
    setFormError(undefined);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t('password.changed'));
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  return (
    <Form form={form} name="change-password" layout="vertical" onFinish={submit} disabled={change.isPending} style={{ maxWidth: 420 }}>
      {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={t('password.policy')} rules={passwordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('register.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('register.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
