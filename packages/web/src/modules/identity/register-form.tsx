import { checkResidentId, normaliseIdentifier, registerBodySchema } from '@tongban/domain';
import { Alert, Button, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { schemaRule } from '../../ui/form-rules.ts';
import { useLogin, useRegister, useStartRegistration } from './identity.api.ts';
import { passwordRules } from './password-rules.ts';

type Values = { name: string; idNumber: string; mobile: string; code: string; password: string; confirm: string };

/** Seconds before another code may be asked for (the server sends none sooner). */
const RESEND_SECONDS = 60;

/**
 * Real-name registration of a natural person, in two steps: name, ID number and mobile, for
 * which the server sends a code by SMS to the mobile the population registry holds (and says the
 * same whatever matched); then the code and a password. The browser checks the ID's format,
 * birth date and check digit as you type.
 */
export function RegisterForm({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const start = useStartRegistration();
  const register = useRegister();
  const login = useLogin();
  const [formError, setFormError] = useState<string>();
  const [codeSent, setCodeSent] = useState(false);
  const [resendIn, setResendIn] = useState(0);
  const busy = start.isPending || register.isPending || login.isPending;

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

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

  const sendCode = async () => {
    setFormError(undefined);
    let values: Pick<Values, 'name' | 'idNumber' | 'mobile'>;
    try {
      values = await form.validateFields(['name', 'idNumber', 'mobile']);
    } catch {
      return;
    }
    try {
      await start.mutateAsync({ name: values.name, idNumber: normaliseIdentifier(values.idNumber), mobile: values.mobile });
      setCodeSent(true);
      setResendIn(RESEND_SECONDS);
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  const submit = async (values: Values) => {
    setFormError(undefined);
    const idNumber = normaliseIdentifier(values.idNumber);
    try {
      await register.mutateAsync({ name: values.name, idNumber, mobile: values.mobile, code: values.code, password: values.password });
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
        <Input autoComplete="name" readOnly={codeSent} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('register.idNumber')}
        extra={t('register.idNumberHelp')}
        rules={idRules}
        validateDebounce={300}
        normalize={(v: string) => v.toUpperCase()}
      >
        <Input autoComplete="off" spellCheck={false} readOnly={codeSent} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('register.mobile')}
        extra={t('register.mobileHelp')}
        validateDebounce={300}
        rules={[
          { required: true, message: t('register.mobileRequired') },
          schemaRule(registerBodySchema.shape.mobile, t('register.mobileInvalid')),
        ]}
      >
        <Input autoComplete="tel" inputMode="tel" readOnly={codeSent} />
      </Form.Item>
      {!codeSent && (
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" block size="large" loading={start.isPending} onClick={() => void sendCode()}>
            {t('register.sendCode')}
          </Button>
        </Form.Item>
      )}
      {codeSent && (
        <>
          <Alert
            type="success"
            showIcon
            role="status"
            style={{ marginBottom: 16 }}
            title={t('register.codeSentNotice')}
            data-testid="register-code-sent"
          />
          <Form.Item
            name="code"
            label={t('register.code')}
            rules={[
              { required: true, message: t('register.codeRequired') },
              schemaRule(registerBodySchema.shape.code, t('register.codeInvalid')),
            ]}
          >
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
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
            <Button type="primary" htmlType="submit" block size="large" loading={register.isPending || login.isPending}>
              {t('register.submit')}
            </Button>
          </Form.Item>
          <Button type="link" block disabled={busy || resendIn > 0} onClick={() => void sendCode()}>
            {resendIn > 0 ? t('register.resendIn', { seconds: resendIn }) : t('register.resend')}
          </Button>
          <Button
            type="link"
            block
            disabled={busy}
            onClick={() => {
              setCodeSent(false);
              setFormError(undefined);
            }}
          >
            {t('register.changeDetails')}
          </Button>
        </>
      )}
      <p className="tb-form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </Form>
  );
}
