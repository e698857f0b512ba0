import './workbench.css';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, List, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../ui/api-errors.ts';
import { useMediaQuery } from '../../ui/use-media-query.ts';
import { useCatalogueSearch } from '../catalogue/index.ts';
import { formatDate, formatDateTime, loc } from './labels.ts';
import { isLostRace, narrowQuery } from './staff-rules.ts';
import { type SlaFilter, type TaskFilters, type TaskView, useClaimTask, useTasks } from './workbench.api.ts';
import { SlaTag } from './workbench-sla-tag.tsx';

const statuses = ['active', 'open', 'suspended', 'done', 'cancelled'] as const;
const slaFilters = ['red', 'amber', 'green'] as const;

/** Filters live in the address, so a reload or the back button keeps them. */
function useFilters(): [TaskFilters, (patch: Partial<TaskFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const status = statuses.find((s) => s === params.get('status')) ?? 'active';
  const sla = slaFilters.find((s) => s === params.get('sla'));
  const claim = (['mine', 'unclaimed'] as const).find((c) => c === params.get('claim'));
  const item = params.get('item') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: TaskFilters = { status, sla, claim, item, page, pageSize: 20 };
  const update = (patch: Partial<TaskFilters>) => {
    const next = { ...filters, page: 1, ...patch };
    const out = new URLSearchParams();
    if (next.status !== 'active') out.set('status', next.status);
    if (next.sla) out.set('sla', next.sla);
    if (next.claim) out.set('claim', next.claim);
    if (next.item) out.set('item', next.item);
    if (next.page > 1) out.set('page', String(next.page));
    setParams(out, { replace: true });
  };
  return [filters, update];
}

/** Up and down arrows move between the rows' case links; Home and End jump to the first and last. */
function moveBetweenRows(event: KeyboardEvent<HTMLElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]')];
  const row = (document.activeElement as HTMLElement | null)?.closest('tr, li');
  const current = links.findIndex((a) => a.closest('tr, li') === row);
  if (current === -1 || links.length === 0) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? links.length - 1
        : Math.min(links.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
  links[next]?.focus();
}

/** The department inbox: tasks of my department subtree, filtered, with SLA colours and a claim button. */
export function WorkbenchInbox({ myId }: { myId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const [filters, setFilters] = useFilters();
  const tasks = useTasks(filters);
  const claim = useClaimTask();
  // Below this width the table would scroll sideways (a region keyboards cannot reach): cards instead.
  const compact = useMediaQuery(narrowQuery);
  const [itemQuery, setItemQuery] = useState('');
  const search = useCatalogueSearch({ q: itemQuery, pageSize: 20 });

  const itemOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const task of tasks.data?.items ?? []) seen.set(task.itemCode, loc(task.itemName, lang));
    if (itemQuery) for (const i of search.data?.items ?? []) seen.set(i.code, loc(i.name, lang));
    if (filters.item && !seen.has(filters.item)) seen.set(filters.item, filters.item);
    return [...seen].map(([value, name]) => ({ value, label: `${name}（${value}）` }));
  }, [tasks.data, search.data, itemQuery, filters.item, lang]);

  const claimTask = async (task: TaskView) => {
    try {
      await claim.mutateAsync(task);
      void message.success(t('cases.workbench.inbox.claimed'));
    } catch (error) {
      void message.error(isLostRace(error) ? t('cases.workbench.inbox.claimLost') : errorMessage(t, error));
    }
  };

  const holder = (task: TaskView) => {
    if (!task.claimedBy) return <Typography.Text type="secondary">{t('cases.workbench.inbox.unclaimed')}</Typography.Text>;
    return task.claimedBy === myId ? (
      <Tag color="blue">{t('cases.workbench.inbox.claimedByMe')}</Tag>
    ) : (
      <Tag>{t('cases.workbench.inbox.claimedByOther')}</Tag>
    );
  };
  const claimButton = (task: TaskView) =>
    task.claimedBy === null && (task.status === 'open' || task.status === 'suspended') ? (
      <Button
        size="small"
        onClick={() => claimTask(task)}
        loading={claim.isPending && claim.variables?.id === task.id}
        aria-label={t('cases.workbench.inbox.claimCase', { number: task.trackingNumber })}
      >
        {t('cases.workbench.inbox.claim')}
      </Button>
    ) : null;
  const caseLink = (task: TaskView) => (
    <Link to={`/workbench/cases/${task.caseId}`} data-row-link className="tb-wb-mono tb-wb-nowrap">
      {task.trackingNumber}
    </Link>
  );

  const columns: ColumnsType<TaskView> = [
    { title: t('cases.workbench.inbox.trackingNumber'), key: 'tracking', width: 165, render: (_v, task) => caseLink(task) },
    { title: t('cases.workbench.inbox.item'), key: 'item', render: (_v, task) => loc(task.itemName, lang) },
    {
      title: t('cases.workbench.inbox.step'),
      key: 'step',
      width: 150,
      render: (_v, task) => (
        <Flex vertical>
          <span>{loc(task.stepName, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cases.workbench.inbox.opened')} {formatDateTime(task.openedAt, lang)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('cases.workbench.inbox.applicant'), dataIndex: 'applicantName', key: 'applicant', width: 90 },
    {
      title: t('cases.workbench.inbox.due'),
      key: 'due',
      width: 170,
      render: (_v, task) => (
        <Flex gap={4} wrap align="center">
          <span>{formatDate(task.dueDate, lang) || '—'}</span>
          <SlaTag sla={task.sla} />
        </Flex>
      ),
    },
    { title: t('cases.workbench.inbox.holder'), key: 'holder', width: 100, render: (_v, task) => holder(task) },
    { title: t('common.actions'), key: 'actions', width: 80, render: (_v, task) => claimButton(task) },
  ];

  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total: tasks.data?.total ?? 0,
    showSizeChanger: false,
    simple: compact,
    showTotal: (total: number) => t('cases.workbench.inbox.total', { count: total }),
    onChange: (page: number) => setFilters({ page }),
  };
  const width = compact ? '100%' : 200;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('cases.workbench.inbox.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => tasks.refetch()} loading={tasks.isFetching}>
          {t('cases.workbench.reload')}
        </Button>
      </Flex>
      <Card>
        <search aria-label={t('cases.workbench.inbox.filters')}>
          <Flex gap={12} wrap align="center">
            <Select
              aria-label={t('cases.workbench.inbox.status')}
              value={filters.status}
              onChange={(status) => setFilters({ status })}
              options={statuses.map((s) => ({ value: s, label: t(`cases.workbench.taskStatus.${s}`) }))}
              style={{ width }}
            />
            <Select
              aria-label={t('cases.workbench.inbox.item')}
              showSearch={{ filterOption: false, onSearch: setItemQuery }}
              value={filters.item ?? ''}
              onChange={(item: string) => setFilters({ item: item || undefined })}
              options={[{ value: '', label: t('cases.workbench.inbox.anyItem') }, ...itemOptions]}
              style={{ width: compact ? '100%' : 280 }}
            />
            <Select
              aria-label={t('cases.workbench.inbox.due')}
              value={filters.sla ?? ''}
              onChange={(sla: SlaFilter | '') => setFilters({ sla: sla || undefined })}
              options={[
                { value: '', label: t('cases.workbench.inbox.anyDue') },
                ...slaFilters.map((s) => ({ value: s, label: t(`cases.workbench.sla.${s}`) })),
              ]}
              style={{ width }}
            />
            <Segmented
              aria-label={t('cases.workbench.inbox.holder')}
              value={filters.claim ?? 'all'}
              onChange={(v) => setFilters({ claim: v === 'all' ? undefined : (v as 'mine' | 'unclaimed') })}
              options={[
                { value: 'all', label: t('cases.workbench.inbox.all') },
                { value: 'unclaimed', label: t('cases.workbench.inbox.unclaimed') },
                { value: 'mine', label: t('cases.workbench.inbox.mine') },
              ]}
            />
          </Flex>
        </search>
      </Card>
      {tasks.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, tasks.error)} />}
      {!compact && <Typography.Text type="secondary">{t('cases.workbench.inbox.keyboardHint')}</Typography.Text>}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the arrow keys only move focus between the row links inside */}
      <div onKeyDown={moveBetweenRows} data-testid="task-table">
        {compact ? (
          <List<TaskView>
            rowKey="id"
            dataSource={tasks.data?.items ?? []}
            loading={tasks.isFetching}
            pagination={{ ...pagination, align: 'center' }}
            locale={{ emptyText: <span className="tb-wb-empty">{t('cases.workbench.inbox.empty')}</span> }}
            renderItem={(task) => (
              <List.Item data-testid="task-row">
                <Flex vertical gap={6} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    {caseLink(task)}
                    <SlaTag sla={task.sla} />
                  </Flex>
                  <Typography.Text strong>{loc(task.itemName, lang)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {loc(task.stepName, lang)} · {task.applicantName} · {t('cases.workbench.inbox.dueOn')}{' '}
                    {formatDate(task.dueDate, lang) || '—'}
                  </Typography.Text>
                  <Flex justify="space-between" align="center">
                    {holder(task)}
                    {claimButton(task)}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<TaskView>
            rowKey="id"
            columns={columns}
            dataSource={tasks.data?.items ?? []}
            loading={tasks.isFetching}
            pagination={pagination}
            locale={{ emptyText: <span className="tb-wb-empty">{t('cases.workbench.inbox.empty')}</span> }}
            onRow={() => ({ 'data-testid': 'task-row' }) as object}
          />
        )}
      </div>
    </Flex>
  );
}
