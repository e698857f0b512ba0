import './workbench.css';
import { ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { permissionsOf, type StepRole, stepRolePermission } from '@tongban/domain';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMediaQuery } from '../../ui/use-media-query.ts';
import { caseErrorMessage, formatDate, loc } from './labels.ts';
import { narrowQuery } from './staff-rules.ts';
import {
  type OverdueItem,
  type TaskView,
  useColleagues,
  useDepartmentNames,
  useOverdue,
  useReassignTask,
  useTasks,
} from './workbench.api.ts';
import { textRules } from './workbench-action-fields.tsx';
import { SlaTag } from './workbench-sla-tag.tsx';

/** The task a supervisor hands on: from the overdue list or from the department's open tasks. */
type ReassignTarget = Pick<OverdueItem, 'taskId' | 'trackingNumber' | 'stepName' | 'role' | 'departmentId' | 'claimedBy'>;

/** Whom a task may go to: active staff of its department subtree whose roles handle the step (as the server checks). */
/** One case or task as a card, for widths where the table would scroll sideways. */
function CompactRow(props: { testId: string; link: ReactNode; sla: TaskView['sla']; title: string; detail: string; action: ReactNode }) {
  return (
    <List.Item data-testid={props.testId}>
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8}>
          {props.link}
          <SlaTag sla={props.sla} />
        </Flex>
        <Typography.Text strong>{props.title}</Typography.Text>
        <Typography.Text type="secondary">{props.detail}</Typography.Text>
        <div>{props.action}</div>
      </Flex>
    </List.Item>
  );
}

function ReassignDialog({ item, onClose }: { item: ReassignTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ staffId: string; reason: string }>();
  const colleagues = useColleagues(item.departmentId);
  const reassign = useReassignTask();
  const [error, setError] = useState<string>();
  const needed = item.role && item.role in stepRolePermission ? stepRolePermission[item.role as StepRole] : undefined;
  const candidates = (colleagues.data ?? []).filter(
    (s) => s.active && s.id !== item.claimedBy && (!needed || permissionsOf(s.roles).has(needed)),
  );
  const submit = async (values: { staffId: string; reason: string }) => {
    setError(undefined);
    try {
      await reassign.mutateAsync({ taskId: item.taskId as string, staffId: values.staffId, reason: values.reason.trim() });
      void message.success(t('cases.workbench.overdue.reassigned'));
      onClose();
    } catch (e) {
      setError(caseErrorMessage(t, e, i18n.language));
    }
  };
  return (
    <Modal
      open
      title={t('cases.workbench.overdue.reassignTitle', { number: item.trackingNumber, step: loc(item.stepName, i18n.language) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cases.workbench.overdue.reassign')}
      cancelText={t('common.cancel')}
      confirmLoading={reassign.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} name="reassign">
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="staffId" label={t('cases.workbench.overdue.to')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={colleagues.isPending}
            options={candidates.map((s) => ({ value: s.id, label: `${s.name}（${s.username}）` }))}
            notFoundContent={t('cases.workbench.overdue.noCandidates')}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('cases.workbench.form.reason')} rules={textRules(t, { required: true, max: 1000 })}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The supervisor's view: the department's overdue and at-risk cases and steps; a step's task can be handed to someone else. */
export function WorkbenchOverdue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const overdue = useOverdue();
  const deptName = useDepartmentNames(lang);
  const compact = useMediaQuery(narrowQuery);
  const [reassigning, setReassigning] = useState<ReassignTarget>();
  const items = [...(overdue.data?.items ?? [])].sort((a, b) =>
    a.sla === b.sla ? (a.dueDate ?? '').localeCompare(b.dueDate ?? '') : a.sla === 'red' ? -1 : 1,
  );
  const red = items.filter((i) => i.sla === 'red').length;

  const what = (i: OverdueItem) => (i.scope === 'case' ? t('cases.workbench.overdue.wholeCase') : loc(i.stepName, lang) || i.stepId);
  const reassignButton = (i: OverdueItem) =>
    i.taskId ? (
      <Button
        size="small"
        icon={<SwapOutlined aria-hidden />}
        onClick={() => setReassigning(i)}
        aria-label={t('cases.workbench.overdue.reassignCase', { number: i.trackingNumber, step: what(i) })}
      >
        {t('cases.workbench.overdue.reassign')}
      </Button>
    ) : null;
  const link = (i: OverdueItem) => (
    <Link to={`/workbench/cases/${i.caseId}`} className="tb-wb-mono">
      {i.trackingNumber}
    </Link>
  );
  const columns: ColumnsType<OverdueItem> = [
    { title: t('cases.workbench.inbox.trackingNumber'), key: 'no', width: 170, render: (_v, i) => link(i) },
    { title: t('cases.workbench.inbox.item'), key: 'item', render: (_v, i) => loc(i.itemName, lang) },
    { title: t('cases.workbench.overdue.what'), key: 'what', width: 150, render: (_v, i) => what(i) },
    { title: t('cases.workbench.case.department'), key: 'dept', width: 180, render: (_v, i) => deptName(i.departmentId) },
    {
      title: t('cases.workbench.inbox.due'),
      key: 'due',
      width: 190,
      render: (_v, i) => (
        <Flex gap={4} wrap>
          <span>{formatDate(i.dueDate, lang) || '—'}</span>
          <SlaTag sla={i.sla} />
        </Flex>
      ),
    },
    {
      title: t('cases.workbench.inbox.holder'),
      key: 'holder',
      width: 110,
      render: (_v, i) =>
        i.scope === 'case' ? '' : i.claimedBy ? <Tag>{t('cases.workbench.overdue.held')}</Tag> : t('cases.workbench.inbox.unclaimed'),
    },
    { title: t('common.actions'), key: 'actions', width: 100, render: (_v, i) => reassignButton(i) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('cases.workbench.overdue.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => overdue.refetch()} loading={overdue.isFetching}>
          {t('cases.workbench.reload')}
        </Button>
      </Flex>
      <Flex gap={16} wrap>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('cases.workbench.sla.red')} value={red} styles={{ content: { color: '#a8071a' } }} />
        </Card>
        <Card size="small" style={{ minWidth: 160 }}>
          <Statistic title={t('cases.workbench.sla.amber')} value={items.length - red} styles={{ content: { color: '#874d00' } }} />
        </Card>
      </Flex>
      {overdue.isError && <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, overdue.error, lang)} />}
      <Card title={<h2 className="tb-card-title">{t('cases.workbench.overdue.listTitle')}</h2>}>
        {compact ? (
          <List<OverdueItem>
            dataSource={items}
            loading={overdue.isFetching}
            rowKey={(i) => `${i.caseId}-${i.scope}-${i.stepId ?? ''}`}
            locale={{ emptyText: <span className="tb-wb-empty">{t('cases.workbench.overdue.empty')}</span> }}
            data-testid="overdue-table"
            renderItem={(i) => (
              <CompactRow
                testId="overdue-row"
                link={link(i)}
                sla={i.sla}
                title={loc(i.itemName, lang)}
                detail={`${what(i) ?? ''} · ${deptName(i.departmentId)} · ${formatDate(i.dueDate, lang)}`}
                action={reassignButton(i)}
              />
            )}
          />
        ) : (
          <Table<OverdueItem>
            data-testid="overdue-table"
            rowKey={(i) => `${i.caseId}-${i.scope}-${i.stepId ?? ''}`}
            columns={columns}
            dataSource={items}
            loading={overdue.isFetching}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <span className="tb-wb-empty">{t('cases.workbench.overdue.empty')}</span> }}
            onRow={() => ({ 'data-testid': 'overdue-row' }) as object}
          />
        )}
      </Card>
      <OpenTasks onReassign={setReassigning} />
      {reassigning && <ReassignDialog item={reassigning} onClose={() => setReassigning(undefined)} />}
    </Flex>
  );
}

/** Every open task of the department (not only late ones): a task held by someone away can be handed on before it is late. */
function OpenTasks({ onReassign }: { onReassign: (target: ReassignTarget) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [page, setPage] = useState(1);
  const tasks = useTasks({ status: 'active', page, pageSize: 10 });
  const colleagues = useColleagues();
  const compact = useMediaQuery(narrowQuery);
  const holderOf = (task: TaskView) =>
    task.claimedBy
      ? (colleagues.data?.find((s) => s.id === task.claimedBy)?.name ?? t('cases.workbench.inbox.claimedByOther'))
      : t('cases.workbench.inbox.unclaimed');
  const reassignButton = (task: TaskView) => (
    <Button
      size="small"
      icon={<SwapOutlined aria-hidden />}
      onClick={() => onReassign({ ...task, taskId: task.id })}
      aria-label={t('cases.workbench.overdue.reassignCase', { number: task.trackingNumber, step: loc(task.stepName, lang) })}
    >
      {t('cases.workbench.overdue.reassign')}
    </Button>
  );
  const link = (task: TaskView) => (
    <Link to={`/workbench/cases/${task.caseId}`} className="tb-wb-mono tb-wb-nowrap">
      {task.trackingNumber}
    </Link>
  );
  const columns: ColumnsType<TaskView> = [
    { title: t('cases.workbench.inbox.trackingNumber'), key: 'no', width: 165, render: (_v, task) => link(task) },
    { title: t('cases.workbench.inbox.item'), key: 'item', render: (_v, task) => loc(task.itemName, lang) },
    { title: t('cases.workbench.inbox.step'), key: 'step', width: 120, render: (_v, task) => loc(task.stepName, lang) },
    {
      title: t('cases.workbench.inbox.due'),
      key: 'due',
      width: 170,
      render: (_v, task) => (
        <Flex gap={4} wrap>
          <span>{formatDate(task.dueDate, lang) || '—'}</span>
          <SlaTag sla={task.sla} />
        </Flex>
      ),
    },
    { title: t('cases.workbench.inbox.holder'), key: 'holder', width: 120, render: (_v, task) => holderOf(task) },
    { title: t('common.actions'), key: 'actions', width: 100, render: (_v, task) => reassignButton(task) },
  ];
  const pagination = {
    current: page,
    pageSize: 10,
    total: tasks.data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    simple: true,
  };
  return (
    <Card title={<h2 className="tb-card-title">{t('cases.workbench.overdue.openTasks')}</h2>}>
      {compact ? (
        <List<TaskView>
          data-testid="open-tasks"
          rowKey="id"
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isFetching}
          pagination={{ ...pagination, align: 'center' }}
          renderItem={(task) => (
            <CompactRow
              testId="open-task-row"
              link={link(task)}
              sla={task.sla}
              title={loc(task.itemName, lang)}
              detail={`${loc(task.stepName, lang)} · ${holderOf(task)}`}
              action={reassignButton(task)}
            />
          )}
        />
      ) : (
        <Table<TaskView>
          data-testid="open-tasks"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isFetching}
          onRow={() => ({ 'data-testid': 'open-task-row' }) as object}
          pagination={pagination}
        />
      )}
    </Card>
  );
}
