import { CopyOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Empty, Flex, Form, Input, Popconfirm, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showErrorOnForm } from '../../ui/api-errors.ts';
import { Loading } from '../../ui/loading.tsx';
import { copyText, formatDateTime, licenceErrorMessage, loc } from './labels.tsx';
import { type LicenceDetail, type Share, type ShareCreated, useCreateShare, useShares, useWithdrawShare } from './licences.api.ts';

type ShareForm = { audience: string; fields: string[]; expiresInHours: number };
const durations = [
  { hours: 1, key: 'h1' },
  { hours: 24, key: 'h24' },
  { hours: 168, key: 'h168' },
  { hours: 720, key: 'h720' },
] as const;

function ShareState({ share }: { share: Share }) {
  const { t } = useTranslation();
  if (share.revokedAt) return <Tag>{t('licences.share.withdrawn')}</Tag>;
  if (!share.active) return <Tag>{t('licences.share.expired')}</Tag>;
  return <Tag color="success">{t('licences.share.active')}</Tag>;
}

function ShareList({ licence }: { licence: LicenceDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const shares = useShares(licence.id);
  const withdraw = useWithdrawShare(licence.id);
  const labelOf = (key: string) => loc(licence.fields.find((f) => f.key === key)?.label ?? { zh: key, en: key }, i18n.language);
  if (shares.isPending) return <Loading />;
  if (shares.isError) return <Alert type="error" showIcon role="alert" title={licenceErrorMessage(t, shares.error)} />;
  if (shares.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('licences.share.empty')} />;
  return (
    <ul className="tb-share-list" data-testid="share-list">
      {shares.data.map((s) => (
        <li key={s.id} className="tb-share-item">
          <Flex justify="space-between" align="start" gap={8} wrap>
            <Typography.Text strong>{s.audience}</Typography.Text>
            <ShareState share={s} />
          </Flex>
          <dl className="tb-licence-facts">
            <dt>{t('licences.share.columnFields')}</dt>
            <dd>{s.fields ? s.fields.map(labelOf).join('、') : t('licences.detail.allFields')}</dd>
            <dt>{t('licences.share.columnExpires')}</dt>
            <dd>{formatDateTime(s.revokedAt ?? s.expiresAt, i18n.language)}</dd>
            <dt>{t('licences.share.columnViews')}</dt>
            <dd>{t('licences.share.views', { count: s.views })}</dd>
          </dl>
          {s.active && (
            <Popconfirm
              title={t('licences.share.withdrawConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={async () => {
                try {
                  await withdraw.mutateAsync(s.id);
                  void message.success(t('licences.share.withdrawDone'));
                } catch (error) {
                  void message.error(licenceErrorMessage(t, error));
                }
              }}
            >
              <Button size="small" danger aria-label={`${t('licences.share.withdraw')} ${s.audience}`}>
                {t('licences.share.withdraw')}
              </Button>
            </Popconfirm>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Selective sharing: a time-limited link for a third party with the fields the holder picks; the links made so far. */
export function LicenceSharing({ licence }: { licence: LicenceDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShareForm>();
  const create = useCreateShare(licence.id);
  const [created, setCreated] = useState<ShareCreated>();
  const [formError, setFormError] = useState<string>();

  const submit = async (values: ShareForm) => {
    setFormError(undefined);
    try {
      // Every field chosen is the same as "the whole licence", which also covers fields added later.
      const all = values.fields.length === licence.fields.length;
      setCreated(
        await create.mutateAsync({
          audience: values.audience.trim(),
          expiresInHours: values.expiresInHours,
          ...(all ? {} : { fields: values.fields }),
        }),
      );
      form.resetFields(['audience']);
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error) ? licenceErrorMessage(t, error) : undefined);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph className="tb-muted" style={{ margin: 0 }}>
        {t('licences.share.intro')}
      </Typography.Paragraph>
      {licence.status === 'revoked' ? (
        <Alert type="info" showIcon title={t('licences.share.revokedLicence')} />
      ) : (
        <Form
          form={form}
          name="licence-share"
          layout="vertical"
          onFinish={submit}
          initialValues={{ fields: licence.fields.map((f) => f.key), expiresInHours: 24 }}
        >
          {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
          <Form.Item
            name="audience"
            label={t('licences.share.audience')}
            extra={t('licences.share.audienceHelp')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { max: 100, message: t('common.tooLong') },
            ]}
          >
            <Input placeholder={t('licences.share.audiencePlaceholder')} maxLength={100} autoComplete="off" style={{ maxWidth: 480 }} />
          </Form.Item>
          {licence.fields.length > 0 && (
            <Form.Item
              name="fields"
              label={t('licences.share.fields')}
              extra={t('licences.share.fieldsHelp')}
              // A validator, not `required`: antd would put aria-required on the group's div, which has no role that allows it.
              rules={[
                {
                  validator: (_rule, value: string[] | undefined) =>
                    value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('licences.share.fieldsRequired'))),
                },
              ]}
            >
              <Checkbox.Group role="group" aria-label={t('licences.share.fields')}>
                <Flex vertical gap={4}>
                  {licence.fields.map((f) => (
                    <Checkbox key={f.key} value={f.key}>
                      {loc(f.label, i18n.language)}
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
            </Form.Item>
          )}
          <Form.Item name="expiresInHours" label={t('licences.share.expiresIn')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={durations.map((d) => ({ value: d.hours, label: t(`licences.share.hours.${d.key}`) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<ShareAltOutlined aria-hidden />} loading={create.isPending}>
            {t('licences.share.create')}
          </Button>
        </Form>
      )}
      {created && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('licences.share.created')}
          description={
            <Flex vertical gap={8}>
              <Typography.Text copyable={false} code className="tb-share-url" data-testid="share-url">
                {created.url}
              </Typography.Text>
              <Button
                size="small"
                icon={<CopyOutlined aria-hidden />}
                style={{ alignSelf: 'flex-start' }}
                onClick={async () => {
                  if (await copyText(created.url)) void message.success(t('licences.detail.copied'));
                }}
              >
                {t('licences.share.copy')}
              </Button>
            </Flex>
          }
        />
      )}
      <h3 className="tb-subheading">{t('licences.share.list')}</h3>
      <ShareList licence={licence} />
    </Flex>
  );
}
