import './licences.css';
import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Tabs, Typography } from 'antd';
import { type ChangeEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/loading.tsx';
import { licenceErrorMessage } from './labels.tsx';
import { useVerify, type VerificationResult } from './licences.api.ts';
import { qrFromLocation, verifyBodyFor } from './presented.ts';
import { VerificationResultView } from './verification-result.tsx';

const MAX_FILE_BYTES = 64 * 1024;
/**
 * Public verification (no login): paste or upload a credential, or arrive from a QR code with the
 * token in the URL fragment (never sent to the server by the browser, so it stays out of logs;
 * the page posts it). The answer comes from the server, checked against the issuers' published
 * keys and status lists.
 */
export function LicenceVerify() {
  const { t } = useTranslation();
  const verify = useVerify();
  const [result, setResult] = useState<{ value: VerificationResult; fromQr: boolean }>();
  const [fileError, setFileError] = useState<string>();
  const [form] = Form.useForm<{ presented: string }>();
  const fileInputId = useId();
  const fileHelpId = useId();
  const { mutateAsync } = verify;

  const check = useCallback(
    async (body: { qr: string } | { credential: string }) => {
      setResult(undefined);
      try {
        setResult({ value: await mutateAsync(body), fromQr: 'qr' in body });
      } catch {
        // shown from the mutation's error below
      }
    },
    [mutateAsync],
  );

  useEffect(() => {
    const fromFragment = () => {
      const token = qrFromLocation();
      if (token) void check({ qr: token });
    };
    fromFragment();
    window.addEventListener('hashchange', fromFragment);
    return () => window.removeEventListener('hashchange', fromFragment);
  }, [check]);

  const reset = () => {
    setResult(undefined);
    verify.reset();
    form.resetFields();
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    setFileError(undefined);
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('licences.verify.uploadTooLarge'));
      return;
    }
    try {
      await check(verifyBodyFor(await file.text()));
    } catch {
      setFileError(t('licences.verify.uploadUnreadable'));
    }
  };

  const paste = (
    <Form form={form} layout="vertical" name="licence-verify" onFinish={(v) => check(verifyBodyFor(v.presented))}>
      <Form.Item
        name="presented"
        label={t('licences.verify.pasteLabel')}
        extra={t('licences.verify.pasteHelp')}
        rules={[{ required: true, whitespace: true, message: t('licences.verify.pasteRequired') }]}
      >
        <Input.TextArea rows={4} placeholder={t('licences.verify.pastePlaceholder')} spellCheck={false} className="tb-mono" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isPending}>
        {t('licences.verify.submit')}
      </Button>
    </Form>
  );
  const upload = (
    <Flex vertical gap={8}>
      <label htmlFor={fileInputId} className="tb-file-label">
        <UploadOutlined aria-hidden /> {t('licences.verify.uploadLabel')}
      </label>
      <input
        id={fileInputId}
        type="file"
        accept=".jwt,.json,.txt,application/vc+jwt,application/json,text/plain"
        aria-describedby={fileHelpId}
        onChange={onFile}
        className="tb-file-input"
        data-testid="verify-file"
      />
      <Typography.Text id={fileHelpId} className="tb-muted">
        {t('licences.verify.uploadHelp')}
      </Typography.Text>
      {fileError && <Alert type="error" showIcon role="alert" title={fileError} />}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="tb-page-title">{t('licences.verify.title')}</h1>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('licences.verify.intro')}</Typography.Paragraph>
      </div>
      {verify.isPending && (
        <div role="status">
          <Loading />
          <p className="tb-muted" style={{ textAlign: 'center' }}>
            {qrFromLocation() ? t('licences.verify.fromQr') : t('licences.verify.checking')}
          </p>
        </div>
      )}
      {verify.isError && (
        <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, verify.error) || t('licences.verify.failed')} />
      )}
      {result && (
        <>
          <VerificationResultView result={result.value} fromQr={result.fromQr} />
          <Button onClick={reset} style={{ alignSelf: 'flex-start' }}>
            {t('licences.verify.again')}
          </Button>
        </>
      )}
      {!result && !verify.isPending && (
        <Card>
          <Tabs
            items={[
              { key: 'paste', label: t('licences.verify.tabPaste'), children: paste },
              { key: 'upload', label: t('licences.verify.tabUpload'), children: upload },
            ]}
          />
        </Card>
      )}
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined aria-hidden />}
        title={t('licences.verify.how')}
        description={
          <a href="/api/v1/licences/issuers" target="_blank" rel="noreferrer">
            {t('licences.verify.keysLink')}
          </a>
        }
      />
    </Flex>
  );
}
