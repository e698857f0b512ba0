import { checkResidentId, normaliseIdentifier, registerBodySchema } from '@tongban/domain';
import { Alert, Button, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { schemaRule } from '../../ui/form-rules.ts';
import { useLogin, useRegister } from './identity.api.ts';
import { passwordRules } from './password-rules.ts';

type Values = { name: string; idNumber: string; mobile: string; password: string; confirm: string };

/**
 * Real-name registration of a natural person: the server checks name + ID number against the
 * population registry; the browser checks the ID's format, birth date and check digit as you type.
 */
export function RegisterForm({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const register = useRegister();
  const login = useLogin();
  const [formError, setFormError] = useState<string>();
  const busy = register.isPending || login.isPending;

  const idRules: Rule[] = [
    { required: true, message: t('register.idNumberRequired') },
    {
      validator: async (_rule, raw: string | undefined) => {
        const value = normaliseIdentifier(raw ?? '');
        if (!value) return;
        const problem = checkResidentId(value);
        if (problem) throw new Error(t(`register.idNumberProblem.${problem}`));
      },
    },
  ];

  const submit = async (values: Values) => {
    setFormError(undefined);
    const idNumber = normaliseIdentifier(values.idNumber);
    try {
      await register.mutateAsync({ name: values.name, idNumber, mobile: values.mobile, password: values.password });
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
      return;
    }
    try {
      // Registration does not need to start a session; sign in so the person lands in their account.
      await login.mutateAsync({ kind: 'user', username: idNumber, password: values.password });
    } catch {
      // The account exists; the login page will do.
    }
    onRegistered();
  };

  return (
    <Form form={form} name="register" layout="vertical" onFinish={submit} disabled={busy} requiredMark="optional" scrollToFirstError>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('register.realNameNotice')} />
      {formError && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} data-testid="register-error" />
      )}
      <Form.Item
        name="name"
        label={t('register.name')}
        rules={[
          { required: true, whitespace: true, message: t('register.nameRequired') },
          schemaRule(registerBodySchema.shape.name, t('register.nameTooLong')),
        ]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('register.idNumber')}
        extra={t('register.idNumberHelp')}
        rules={idRules}
        validateDebounce={300}
        normalize={(v: string) => v.toUpperCase()}
      >
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('register.mobile')}
        validateDebounce={300}
        rules={[
          { required: true, message: t('register.mobileRequired') },
          schemaRule(registerBodySchema.shape.mobile, t('register.mobileInvalid')),
        ]}
      >
        <Input autoComplete="tel" inputMode="tel" />
      </Form.Item>
      <Form.Item name="password" label={t('register.password')} extra={t('password.policy')} rules={passwordRules(t)} hasFeedback>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('register.confirmPassword')}
        dependencies={['password']}
        hasFeedback
        rules={[
          { required: true, message: t('register.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('register.submit')}
        </Button>
      </Form.Item>
      <p className="tb-form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </Form>
  );
}
