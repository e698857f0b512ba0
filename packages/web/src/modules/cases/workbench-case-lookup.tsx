import { SearchOutlined } from '@ant-design/icons';
import { isValidResidentId, isValidTrackingNumber, visitReasons } from '@tongban/domain';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../ui/button-link.tsx';
import type { CaseListItem } from './cases.api.ts';
import { caseErrorMessage, formatDate, formatDateTime, loc, statusLabel } from './labels.ts';
import { staffStatusColour } from './staff-rules.ts';
import type { Upload } from './upload.ts';
import { useCaseLookup, useGuide, useWindowAction } from './workbench.api.ts';
import { FileField } from './workbench-action-fields.tsx';

type Found = { item: CaseListItem; idNumber: string };

/** What a clerk can do for the person present on a case found by number: take the supplement, hand over the result, log a visit. */
function WindowActions({ found, onDone }: { found: Found; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const action = useWindowAction();
  const guide = useGuide(found.item.isBundle ? undefined : found.item.itemCode);
  const [form] = Form.useForm<{ materialId?: string; upload?: Upload; visitReason?: (typeof visitReasons)[number] }>();
  const [error, setError] = useState<string>();
  const { item, idNumber } = found;
  const run = async (kind: 'supply_supplement' | 'collect_result' | 'record_visit') => {
    setError(undefined);
    try {
      if (kind === 'supply_supplement') {
        const v = await form.validateFields(['materialId', 'upload']);
        await action.mutateAsync({
          caseId: item.id,
          action: kind,
          body: { applicantIdNumber: idNumber, materials: [{ materialId: v.materialId ?? '', uploadId: v.upload?.id ?? '' }] },
        });
      } else if (kind === 'collect_result') {
        await action.mutateAsync({ caseId: item.id, action: kind, body: { applicantIdNumber: idNumber } });
      } else {
        const reason = form.getFieldValue('visitReason') ?? 'consultation';
        await action.mutateAsync({ caseId: item.id, action: kind, body: { applicantIdNumber: idNumber, reason } });
      }
      void message.success(t('cases.workbench.actions.done', { action: t(`cases.workbench.action.${kind}`) }));
      onDone();
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows what is missing
      setError(caseErrorMessage(t, e, lang));
    }
  };
  const materials = (guide.data?.materials.applicant ?? []).map((m) => ({ value: m.id, label: loc(m.name, lang) }));
  return (
    <Form form={form} layout="vertical" initialValues={{ visitReason: 'consultation' }} name="window-actions">
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {item.status === 'supplement_requested' && (
        <fieldset className="tb-wb-fieldset">
          <legend>{t('cases.workbench.action.supply_supplement')}</legend>
          <Flex gap={8} wrap align="start">
            <Form.Item
              name="materialId"
              label={t('cases.workbench.form.missingMaterial', { n: 1 })}
              rules={[{ required: true, message: t('common.required') }]}
              style={{ flex: '1 1 240px' }}
            >
              <Select options={materials} />
            </Form.Item>
            <Form.Item
              name="upload"
              label={t('cases.workbench.form.file', { n: 1 })}
              rules={[{ required: true, message: t('cases.workbench.form.fileRequired') }]}
            >
              <FileField label={t('cases.workbench.form.file', { n: 1 })} />
            </Form.Item>
          </Flex>
          <Button type="primary" onClick={() => run('supply_supplement')} loading={action.isPending}>
            {t('cases.workbench.action.supply_supplement')}
          </Button>
        </fieldset>
      )}
      {(item.status === 'approved' || item.status === 'refused') && (
        <Button type="primary" onClick={() => run('collect_result')} loading={action.isPending} style={{ marginBottom: 12 }}>
          {t('cases.workbench.action.collect_result')}
        </Button>
      )}
      <Flex gap={8} wrap align="end">
        <Form.Item name="visitReason" label={t('cases.workbench.form.visitReason')} style={{ marginBottom: 0, minWidth: 200 }}>
          <Select options={visitReasons.map((r) => ({ value: r, label: t(`cases.workbench.visitReason.${r}`) }))} />
        </Form.Item>
        <Button onClick={() => run('record_visit')} loading={action.isPending}>
          {t('cases.workbench.action.record_visit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Find a case (filed online or at another window) by its tracking number and the person's ID number. */
export function WorkbenchCaseLookup() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lookup = useCaseLookup();
  const [form] = Form.useForm<{ trackingNumber: string; idNumber: string }>();
  const [found, setFound] = useState<Found>();
  const [error, setError] = useState<string>();

  const submit = async (values: { trackingNumber: string; idNumber: string }) => {
    setError(undefined);
    setFound(undefined);
    const idNumber = values.idNumber.trim().toUpperCase();
    try {
      setFound({ item: await lookup.mutateAsync({ trackingNumber: values.trackingNumber.trim(), idNumber }), idNumber });
    } catch (e) {
      setError(caseErrorMessage(t, e, lang));
    }
  };
  const refresh = () => {
    const values = form.getFieldsValue();
    void submit(values);
  };

  return (
    <Flex vertical gap={16}>
      <Form form={form} layout="vertical" onFinish={submit} name="case-lookup" requiredMark={false}>
        <Flex gap={12} wrap align="start">
          <Form.Item
            name="trackingNumber"
            label={t('cases.workbench.inbox.trackingNumber')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: async (_r, v?: string) => {
                  if (v && !isValidTrackingNumber(v)) throw new Error(t('cases.workbench.lookup.trackingInvalid'));
                },
              },
            ]}
            style={{ flex: '1 1 240px' }}
          >
            <Input className="tb-wb-mono" autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('cases.workbench.intake.idNumber')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: async (_r, v?: string) => {
                  if (v && !isValidResidentId(v.trim().toUpperCase())) throw new Error(t('cases.workbench.intake.idInvalid'));
                },
              },
            ]}
            style={{ flex: '1 1 240px' }}
          >
            <Input className="tb-wb-mono" autoComplete="off" spellCheck={false} maxLength={18} />
          </Form.Item>
          <Form.Item label={<span className="tb-visually-hidden">{t('cases.workbench.lookup.find')}</span>}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={lookup.isPending}>
              {t('cases.workbench.lookup.find')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {found && (
        <Card data-testid="lookup-result" title={<h2 className="tb-card-title">{loc(found.item.itemName, lang)}</h2>}>
          <Flex vertical gap={16}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'no',
                  label: t('cases.workbench.inbox.trackingNumber'),
                  children: <span className="tb-wb-mono">{found.item.trackingNumber}</span>,
                },
                {
                  key: 'status',
                  label: t('cases.workbench.receipt.status'),
                  children: <Tag color={staffStatusColour(found.item.status)}>{statusLabel(found.item.status, lang)}</Tag>,
                },
                { key: 'applicant', label: t('cases.workbench.case.applicant'), children: found.item.applicantName },
                { key: 'channel', label: t('cases.workbench.case.channel'), children: t(`cases.workbench.channel.${found.item.channel}`) },
                { key: 'submitted', label: t('cases.workbench.case.submittedAt'), children: formatDateTime(found.item.submittedAt, lang) },
                {
                  key: 'promised',
                  label: t('cases.workbench.receipt.promised'),
                  children: formatDate(found.item.expectedCompletionDate, lang) || '—',
                },
              ]}
            />
            <WindowActions found={found} onDone={refresh} />
            <div>
              <ButtonLink to={`/workbench/cases/${found.item.id}`}>{t('cases.workbench.lookup.open')}</ButtonLink>
            </div>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
