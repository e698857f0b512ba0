import '../../ui/console.css';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { AUDIT_EXPORT_MAX_ROWS } from '@tongban/domain';
import { Alert, Button, Descriptions, Empty, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { RecordCards } from '../../ui/record-cards.tsx';
import { endOfCityDay, formatCityDateTime, startOfCityDay } from '../../ui/shanghai-time.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import {
  type AuditEntry,
  type AuditSearch,
  type AuditStream,
  type AuditVerifyReport,
  auditExportUrl,
  useAuditEntries,
  useVerifyChain,
} from './audit.api.ts';

type SearchForm = {
  stream: AuditStream;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  from?: string;
  to?: string;
};

const PAGE_SIZE = 50;
const trimmed = (v: string | undefined) => v?.trim() || undefined;

/** The verifier's answer in words: sound, or each finding with its kind named. */
function VerifyResult({ report }: { report: AuditVerifyReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const facts = (
    <Flex vertical gap={2}>
      {report.head && (
        <span className="tb-code">{t('audit.verify.head', { position: report.head.position, hash: report.head.hash.slice(0, 16) })}</span>
      )}
      <span>
        {report.latestValidCheckpoint
          ? t('audit.verify.checkpoint', {
              position: report.latestValidCheckpoint.position,
              at: formatCityDateTime(report.latestValidCheckpoint.signedAt, lang),
              key: report.latestValidCheckpoint.keyId,
            })
          : t('audit.verify.noCheckpoint')}
      </span>
      {report.unsealedEntries > 0 && <span>{t('audit.verify.unsealed', { count: report.unsealedEntries })}</span>}
      <span className="tb-muted">{t('audit.verify.duration', { ms: Math.round(report.durationMs) })}</span>
    </Flex>
  );
  if (report.ok)
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        data-testid="verify-result"
        title={t('audit.verify.ok', { count: report.checkedEntries })}
        description={facts}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="verify-result"
      title={t('audit.verify.broken', { count: report.findings.length + report.findingsOmitted })}
      description={
        <Flex vertical gap={8}>
          <ul className="tb-audit-findings">
            {report.findings.map((f, i) => (
              // Findings have no id of their own; their order is the verifier's and stable.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>
                <strong>{t(`audit.verify.kinds.${f.kind}`)}</strong> — <span className="tb-code">{f.message}</span>
              </li>
            ))}
          </ul>
          {report.findingsOmitted > 0 && <span>{t('audit.verify.omitted', { count: report.findingsOmitted })}</span>}
          {facts}
        </Flex>
      }
    />
  );
}

/** Search the audit log (actor, target, action, date range), verify the chain, export the search as CSV. */
export function AuditConsole() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<SearchForm>();
  const [search, setSearch] = useState<AuditSearch>({ stream: 'audit' });
  const [page, setPage] = useState(1);
  const entries = useAuditEntries(search, page, PAGE_SIZE);
  const verify = useVerifyChain();
  const compact = useMediaQuery(phoneQuery);

  const apply = (v: SearchForm) => {
    setPage(1);
    setSearch({
      stream: v.stream,
      actorId: trimmed(v.actorId),
      targetType: trimmed(v.targetType),
      targetId: trimmed(v.targetId),
      action: trimmed(v.action),
      from: startOfCityDay(v.from),
      to: endOfCityDay(v.to),
    });
    verify.reset();
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.column.at'), key: 'at', width: 130, render: (_v, e) => formatCityDateTime(e.occurredAt, lang) },
    {
      title: t('audit.column.actor'),
      key: 'actor',
      width: 170,
      render: (_v, e) => (
        <Flex vertical>
          <span className="tb-code">{e.actorId ?? '—'}</span>
          <span className="tb-muted">{t(`audit.actorTypes.${e.actorType}`)}</span>
        </Flex>
      ),
    },
    { title: t('audit.column.action'), key: 'action', width: 230, render: (_v, e) => <span className="tb-code">{e.action}</span> },
    {
      title: t('audit.column.target'),
      key: 'target',
      render: (_v, e) =>
        e.targetType ? (
          <Flex vertical>
            <span className="tb-muted">{e.targetType}</span>
            <span className="tb-code">{e.targetId}</span>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.column.subject'),
      key: 'subject',
      width: 180,
      render: (_v, e) => <span className="tb-code">{e.subject ?? '—'}</span>,
    },
    {
      title: t('audit.column.position'),
      key: 'position',
      width: 90,
      render: (_v, e) => (e.chainPosition === null ? <Tag>{t('audit.unsealed')}</Tag> : <span className="tb-code">{e.chainPosition}</span>),
    },
  ];

  return (
    <Flex vertical gap={16} className="tb-watch">
      <div>
        <h1 className="tb-watch-title">{t('audit.title')}</h1>
        <Typography.Paragraph className="tb-muted" style={{ margin: 0 }}>
          {t('audit.intro')}
        </Typography.Paragraph>
      </div>
      <Form
        form={form}
        name="audit-search"
        layout="vertical"
        className="tb-watch-filters"
        initialValues={{ stream: 'audit' }}
        onFinish={apply}
        aria-label={t('audit.filters')}
      >
        <Form.Item name="stream" label={t('audit.stream')}>
          <Select
            options={(['audit', 'exchange'] as const).map((s) => ({ value: s, label: t(`audit.streams.${s}`) }))}
            aria-label={t('audit.stream')}
          />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actorId')}>
          <Input placeholder={t('audit.actorPlaceholder')} maxLength={200} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input placeholder={t('audit.actionPlaceholder')} maxLength={200} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="targetType" label={t('audit.targetType')}>
          <Input placeholder={t('audit.targetTypePlaceholder')} maxLength={100} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="targetId" label={t('audit.targetId')}>
          <Input maxLength={200} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="from" label={t('audit.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('audit.to')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label=" " className="tb-watch-filter-buttons">
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('audit.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setPage(1);
                setSearch({ stream: 'audit' });
                verify.reset();
              }}
            >
              {t('audit.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <Flex gap={8} wrap align="center">
        <Button
          icon={<SafetyCertificateOutlined aria-hidden />}
          onClick={() => verify.mutate(search.stream)}
          loading={verify.isPending}
          data-testid="verify-chain"
        >
          {verify.isPending ? t('audit.verify.running') : t('audit.verify.button')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} href={auditExportUrl(search)} download data-testid="export-csv">
          {t('audit.export.button')}
        </Button>
        <Typography.Text className="tb-muted">
          {t('audit.export.help', { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString(lang) })}
        </Typography.Text>
      </Flex>
      <div aria-live="polite">
        {verify.isError && <Alert type="error" showIcon role="alert" title={t('audit.verify.failed')} />}
        {verify.data && <VerifyResult report={verify.data} />}
      </div>
      {entries.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, entries.error)} />}
      {compact ? (
        <RecordCards
          items={entries.data?.items ?? []}
          keyOf={(e) => e.id}
          headingOf={(e) => formatCityDateTime(e.occurredAt, lang)}
          factsOf={(e) => [
            ...columns.slice(1).map((c, i) => ({ label: String(c.title), value: c.render?.(undefined, e, i) as ReactNode })),
            { label: t('audit.column.detail'), value: <span className="tb-code">{JSON.stringify(e.detail)}</span> },
          ]}
          empty={t('audit.empty')}
          loading={entries.isFetching}
          testId="audit-entries"
          paging={{ page, hasMore: entries.data?.hasMore ?? false, onPage: setPage, previous: t('audit.previous'), next: t('audit.next') }}
        />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          data-testid="audit-entries"
          expandable={{
            expandedRowRender: (e) => (
              <Descriptions size="small" column={1} title={t('audit.detailOf', { id: e.id })}>
                <Descriptions.Item label={t('audit.column.detail')}>
                  <pre className="tb-code tb-audit-detail">{JSON.stringify(e.detail, null, 2)}</pre>
                </Descriptions.Item>
                {e.requestId && <Descriptions.Item label={t('audit.requestId')}>{e.requestId}</Descriptions.Item>}
              </Descriptions>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: (page - 1) * PAGE_SIZE + (entries.data?.items.length ?? 0) + (entries.data?.hasMore ? 1 : 0),
            showSizeChanger: false,
            onChange: setPage,
          }}
        />
      )}
    </Flex>
  );
}
