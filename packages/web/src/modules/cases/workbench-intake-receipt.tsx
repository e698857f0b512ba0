import { CheckCircleFilled, PrinterOutlined, UserAddOutlined } from '@ant-design/icons';
import type { CaseSubmitResponse, PersonLookup } from '@tongban/domain';
import { Alert, Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../ui/button-link.tsx';
import { formatDate, formatDateTime, loc, statusLabel } from './labels.ts';
import { useDepartmentNames } from './workbench.api.ts';

/** The receipt (收件回执) handed to the person: tracking number, promised date, what the platform still fetches. */
export function IntakeReceipt({
  receipt,
  person,
  itemName,
  departmentName,
  onNext,
}: {
  receipt: CaseSubmitResponse;
  person: PersonLookup;
  itemName: { zh: string; en: string } | undefined;
  departmentName: { zh: string; en: string } | undefined;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const deptName = useDepartmentNames(lang);
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = receipt.platformMaterials.filter((m) => m.state === 'pending').length;
  // The receipt replaces the form: move focus to it so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <Card className="tb-wb-receipt" data-testid="intake-receipt">
      <Flex vertical gap={16}>
        <Flex gap={12} align="center">
          <CheckCircleFilled aria-hidden style={{ fontSize: 32, color: '#237804' }} />
          <h2 ref={heading} tabIndex={-1} className="tb-wb-receipt-title">
            {t('cases.workbench.receipt.title')}
          </h2>
        </Flex>
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">{t('cases.workbench.receipt.trackingNumber')}</Typography.Text>
          <Typography.Text copyable className="tb-wb-mono tb-wb-receipt-number" data-testid="receipt-tracking-number">
            {receipt.trackingNumber}
          </Typography.Text>
        </Flex>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'item', label: t('cases.workbench.inbox.item'), children: loc(itemName, lang) },
            { key: 'department', label: t('cases.workbench.case.responsible'), children: loc(departmentName, lang) },
            {
              key: 'applicant',
              label: t('cases.workbench.case.applicant'),
              children: `${person.name} ${person.idNumberMasked}`,
            },
            { key: 'submitted', label: t('cases.workbench.case.submittedAt'), children: formatDateTime(receipt.submittedAt, lang) },
            {
              key: 'promised',
              label: t('cases.workbench.receipt.promised'),
              children: <strong>{formatDate(receipt.expectedCompletionDate, lang)}</strong>,
            },
            {
              key: 'statutory',
              label: t('cases.workbench.receipt.statutory'),
              children: formatDate(receipt.statutoryCompletionDate, lang),
            },
            { key: 'status', label: t('cases.workbench.receipt.status'), children: statusLabel(receipt.status, lang) },
          ]}
        />
        {receipt.members.length > 0 && (
          <List
            size="small"
            bordered
            header={<Typography.Text strong>{t('cases.workbench.case.members', { count: receipt.members.length })}</Typography.Text>}
            dataSource={receipt.members}
            renderItem={(m) => (
              <List.Item>
                <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                  <span>
                    {loc(m.itemName, lang)} · {deptName(m.departmentId)}
                  </span>
                  <span className="tb-wb-mono">{m.trackingNumber}</span>
                </Flex>
              </List.Item>
            )}
          />
        )}
        {receipt.platformMaterials.length > 0 && (
          <Flex gap={8} wrap align="center">
            <Typography.Text>{t('cases.workbench.receipt.platformMaterials')}</Typography.Text>
            <Tag color="geekblue">{t('cases.workbench.receipt.attached', { count: receipt.platformMaterials.length - pending })}</Tag>
            {pending > 0 && <Tag color="warning">{t('cases.workbench.receipt.pending', { count: pending })}</Tag>}
          </Flex>
        )}
        {pending > 0 && <Alert type="info" showIcon title={t('cases.workbench.receipt.pendingHelp')} />}
        <Flex gap={8} wrap className="tb-wb-no-print">
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={onNext} data-testid="intake-next">
            {t('cases.workbench.receipt.next')}
          </Button>
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('cases.workbench.receipt.print')}
          </Button>
          <ButtonLink to={`/workbench/cases/${receipt.caseId}`}>{t('cases.workbench.receipt.open')}</ButtonLink>
        </Flex>
      </Flex>
    </Card>
  );
}
