import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Form, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { RecordCards } from '../../ui/record-cards.tsx';
import { endOfCityDay, formatCityDateTime, startOfCityDay } from '../../ui/shanghai-time.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { fieldLabel } from './field-labels.ts';
import { type DataResource, type UsageEntry, type UsageFilters, useResourceUsage } from './officer.api.ts';

type FilterForm = { from?: string; to?: string; subject?: string; resource?: string };

const PAGE_SIZE = 20;

/** The exchange log of the department's resources: who (department and staff member), why, for which case, when. */
export function OfficerExchanges({ resources }: { resources: DataResource[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<UsageFilters>({ page: 1, pageSize: PAGE_SIZE });
  const usage = useResourceUsage(filters);
  const sep = t('datahub.citizen.listSeparator');
  const compact = useMediaQuery(phoneQuery);

  const apply = (values: FilterForm) =>
    setFilters({
      page: 1,
      pageSize: PAGE_SIZE,
      from: startOfCityDay(values.from),
      to: endOfCityDay(values.to),
      subject: values.subject?.trim().toUpperCase() || undefined,
      resource: values.resource || undefined,
    });

  const columns: ColumnsType<UsageEntry> = [
    { title: t('datahub.officer.exchanges.at'), key: 'at', width: 120, render: (_v, e) => formatCityDateTime(e.at, lang) },
    {
      title: t('datahub.officer.exchanges.resource'),
      key: 'resource',
      width: 180,
      render: (_v, e) => (
        <Flex vertical>
          <span>{e.resourceName ? (lang.startsWith('zh') ? e.resourceName.zh : e.resourceName.en) : e.resource}</span>
          <span className="tb-muted">{e.fields.map((f) => fieldLabel(e.resource, f, lang)).join(sep)}</span>
        </Flex>
      ),
    },
    {
      title: t('datahub.officer.exchanges.consumer'),
      key: 'consumer',
      width: 200,
      render: (_v, e) => (
        <Flex vertical>
          <span>{e.consumerDepartmentName ?? e.consumerDepartmentId ?? t('datahub.citizen.unknownDepartment')}</span>
          <span className="tb-muted" data-testid="exchange-staff">
            {e.actorType === 'staff'
              ? t('datahub.officer.exchanges.staff', { name: [e.actorName, e.actorId && `(${e.actorId})`].filter(Boolean).join(' ') })
              : t(`datahub.officer.exchanges.actorTypes.${e.actorType === 'system' || e.actorType === 'anonymous' ? e.actorType : 'user'}`)}
          </span>
        </Flex>
      ),
    },
    {
      title: t('datahub.officer.exchanges.purpose'),
      key: 'purpose',
      render: (_v, e) => (
        <Flex vertical>
          <span>{e.purpose ?? ''}</span>
          {e.caseId && <span className="tb-muted tb-code">{`${t('datahub.officer.exchanges.case')} ${e.caseId}`}</span>}
        </Flex>
      ),
    },
    { title: t('datahub.officer.exchanges.dataSubject'), key: 'subject', width: 170, render: (_v, e) => <code>{e.subject}</code> },
    {
      title: t('datahub.officer.exchanges.result'),
      key: 'result',
      width: 130,
      render: (_v, e) => (
        <Flex vertical gap={2}>
          {e.result === 'ok' ? (
            <Tag color="success">{t('datahub.officer.exchanges.ok')}</Tag>
          ) : (
            <Tag color="error">{t('datahub.officer.exchanges.refused', { code: e.result })}</Tag>
          )}
          <span className="tb-muted">{t(`datahub.citizen.channel.${e.channel}`)}</span>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Form
        form={form}
        name="exchange-filters"
        initialValues={{ resource: '' }}
        layout="vertical"
        className="tb-watch-filters"
        onFinish={apply}
        aria-label={t('datahub.officer.exchanges.filters')}
      >
        <Form.Item name="from" label={t('datahub.officer.exchanges.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('datahub.officer.exchanges.to')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('datahub.officer.exchanges.subject')}
          rules={[{ pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: t('datahub.officer.exchanges.subjectRule') }]}
        >
          <Input placeholder={t('datahub.officer.exchanges.subjectPlaceholder')} maxLength={24} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="resource" label={t('datahub.officer.exchanges.resource')}>
          <Select
            options={[
              { value: '', label: t('datahub.officer.exchanges.anyResource') },
              ...resources.map((r) => ({ value: r.code, label: lang.startsWith('zh') ? r.name.zh : r.name.en })),
            ]}
          />
        </Form.Item>
        <Form.Item label=" " className="tb-watch-filter-buttons">
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('datahub.officer.exchanges.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({ page: 1, pageSize: PAGE_SIZE });
              }}
            >
              {t('datahub.officer.exchanges.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {usage.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, usage.error)} />}
      {compact ? (
        <RecordCards
          items={usage.data?.items ?? []}
          keyOf={(e) => e.id}
          headingOf={(e) => formatCityDateTime(e.at, lang)}
          factsOf={(e) => columns.slice(1).map((c, i) => ({ label: String(c.title), value: c.render?.(undefined, e, i) as ReactNode }))}
          empty={t('datahub.officer.exchanges.empty')}
          loading={usage.isFetching}
          testId="officer-exchanges"
          paging={{
            page: filters.page,
            hasMore: usage.data?.hasMore ?? false,
            onPage: (page) => setFilters((f) => ({ ...f, page })),
            previous: t('datahub.officer.exchanges.previous'),
            next: t('datahub.officer.exchanges.next'),
          }}
        />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={usage.data?.items ?? []}
          loading={usage.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t('datahub.officer.exchanges.empty')} /> }}
          data-testid="officer-exchanges"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            // The API pages with "has more"; one page beyond the current one is enough to go on.
            total: (filters.page - 1) * filters.pageSize + (usage.data?.items.length ?? 0) + (usage.data?.hasMore ? 1 : 0),
            showSizeChanger: false,
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
    </Flex>
  );
}
