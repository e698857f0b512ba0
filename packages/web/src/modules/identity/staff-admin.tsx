import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type StaffRole, staffCreateBodySchema, staffRoles } from '@tongban/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import { schemaRule } from '../../ui/form-rules.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { buildDepartmentTree } from './department-tree.ts';
import { useCreateStaff, useDepartments, useMe, useRoleChanges, useRoles, useStaffList, useUpdateStaff } from './identity.api.ts';
import type { RoleChange, Staff, StaffFilters, StaffPatchBody } from './identity.types.ts';
import { departmentName, roleLabel } from './labels.ts';
import { passwordRules } from './password-rules.ts';

type StaffFormValues = { username: string; name: string; departmentId: string; roles: StaffRole[]; password?: string };

function StaffFormModal({ editing, onClose }: { editing: Staff | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const departments = useDepartments();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const [formError, setFormError] = useState<string>();
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? [], i18n.language), [departments.data, i18n.language]);
  const me = useMe();
  // Only the roles this administrator may grant where the person works are offered (the
  // server's rule, `GET /roles?departmentId=`); roles the person holds beyond them stay shown, fixed.
  const departmentId: string | undefined = Form.useWatch('departmentId', form) ?? editing?.departmentId;
  const roles = useRoles(departmentId);
  const grantable = new Set((roles.data ?? []).filter((r) => r.grantable).map((r) => r.role));
  const held = new Set(editing?.roles ?? []);
  const ownAccount = editing !== undefined && me.data?.kind === 'staff' && editing.id === me.data.id;
  const offered = staffRoles.filter((r) => grantable.has(r) || held.has(r));

  const submit = async (values: StaffFormValues) => {
    setFormError(undefined);
    try {
      if (editing) {
        const input: StaffPatchBody = { name: values.name, departmentId: values.departmentId };
        // Nobody changes their own roles; the field is read-only then and not sent.
        if (!ownAccount) input.roles = values.roles;
        if (values.password) input.password = values.password;
        await update.mutateAsync({ id: editing.id, input });
      } else {
        await create.mutateAsync({ ...values, password: values.password ?? '' });
      }
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  return (
    <Modal
      open
      title={editing ? t('admin.staff.edit') : t('admin.staff.create')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} name="staff" layout="vertical" onFinish={submit} initialValues={editing ?? { roles: [] }}>
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="username"
          label={t('admin.staff.username')}
          rules={[
            { required: true, message: t('common.required') },
            schemaRule(staffCreateBodySchema.shape.username, t('admin.staff.usernameHelp')),
          ]}
          extra={editing ? undefined : t('admin.staff.usernameHelp')}
        >
          <Input disabled={Boolean(editing)} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.staff.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            schemaRule(staffCreateBodySchema.shape.name, t('common.tooLong')),
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.staff.department')} rules={[{ required: true, message: t('common.required') }]}>
          <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" loading={departments.isPending} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('admin.staff.roles')}
          extra={ownAccount ? t('admin.staff.ownRoles') : t('admin.staff.grantableHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('admin.staff.rolesRequired') }]}
        >
          <Checkbox.Group disabled={ownAccount}>
            <Flex vertical gap={4}>
              {offered.map((role) => (
                <Checkbox key={role} value={role} disabled={!grantable.has(role)}>
                  {roleLabel(role, i18n.language)}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('admin.staff.resetPassword') : t('admin.staff.initialPassword')}
          extra={editing ? t('admin.staff.resetPasswordHelp') : t('password.policy')}
          rules={editing ? passwordRules(t).slice(1) : passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Who changed whose roles when, in the administrator's department subtree: each administrator sees the others' grants. */
function RoleChanges() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const changes = useRoleChanges(page);
  const roles = (list: RoleChange['added'], color: string) =>
    list.map((r) => (
      <Tag key={r} color={color}>
        {roleLabel(r, i18n.language)}
      </Tag>
    ));
  return (
    <Card title={<span id="role-changes-title">{t('admin.staff.roleChanges.title')}</span>} aria-labelledby="role-changes-title">
      <Typography.Paragraph type="secondary">{t('admin.staff.roleChanges.intro')}</Typography.Paragraph>
      {changes.isError && <Alert type="error" showIcon title={errorMessage(t, changes.error)} />}
      <List<RoleChange>
        rowKey="id"
        data-testid="role-changes"
        loading={changes.isFetching}
        dataSource={changes.data?.items ?? []}
        locale={{ emptyText: t('admin.staff.roleChanges.empty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: changes.data?.total ?? 0,
          showSizeChanger: false,
          simple: true,
          onChange: setPage,
          align: 'center',
        }}
        renderItem={(c) => (
          <List.Item>
            <Flex vertical gap={4}>
              <Typography.Text>
                {t('admin.staff.roleChanges.line', {
                  at: new Date(c.at).toLocaleString(i18n.language),
                  by: c.changedBy?.name ?? t('admin.staff.roleChanges.system'),
                  person: c.staffName,
                  department: c.departmentName,
                })}
              </Typography.Text>
              <Flex gap={4} wrap align="center">
                {c.added.length > 0 && <Typography.Text type="secondary">{t('admin.staff.roleChanges.added')}</Typography.Text>}
                {roles(c.added, 'green')}
                {c.removed.length > 0 && <Typography.Text type="secondary">{t('admin.staff.roleChanges.removed')}</Typography.Text>}
                {roles(c.removed, 'red')}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Staff accounts: filter, create, change roles, activate and deactivate. */
export function StaffAdmin({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<StaffFilters>({ page: 1, pageSize: 20 });
  const [draftQuery, setDraftQuery] = useState('');
  const staff = useStaffList(filters);
  const departments = useDepartments();
  const update = useUpdateStaff();
  const [modal, setModal] = useState<{ editing?: Staff } | undefined>();
  const compact = useMediaQuery(phoneQuery);
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? [], i18n.language), [departments.data, i18n.language]);
  const departmentById = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d])), [departments.data]);

  const setActive = async (member: Staff, active: boolean) => {
    try {
      await update.mutateAsync({ id: member.id, input: { active } });
      void message.success(active ? t('admin.staff.activated') : t('admin.staff.deactivated'));
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };

  const departmentOf = (s: Staff) => {
    const d = departmentById.get(s.departmentId);
    return d ? departmentName(d, i18n.language) : s.departmentName;
  };
  const rolesOf = (s: Staff) => (
    <Flex gap={4} wrap>
      {s.roles.map((r) => (
        <Tag key={r} color="blue">
          {roleLabel(r, i18n.language)}
        </Tag>
      ))}
    </Flex>
  );
  const statusOf = (s: Staff) => (s.active ? <Tag color="green">{t('admin.active')}</Tag> : <Tag color="red">{t('admin.inactive')}</Tag>);
  const actionsOf = (s: Staff) => (
    <Space wrap size={4}>
      <Button
        size="small"
        icon={<EditOutlined aria-hidden />}
        onClick={() => setModal({ editing: s })}
        aria-label={`${t('common.edit')} ${s.name}`}
      >
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={s.active ? t('admin.staff.confirmDeactivate', { name: s.name }) : t('admin.staff.confirmActivate', { name: s.name })}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => setActive(s, !s.active)}
      >
        <Button size="small" danger={s.active}>
          {s.active ? t('admin.staff.deactivate') : t('admin.staff.activate')}
        </Button>
      </Popconfirm>
    </Space>
  );

  const columns: ColumnsType<Staff> = [
    { title: t('admin.staff.name'), dataIndex: 'name', key: 'name', width: 110 },
    { title: t('admin.staff.username'), dataIndex: 'username', key: 'username', width: 140 },
    { title: t('admin.staff.department'), key: 'department', width: 200, render: (_v, s) => departmentOf(s) },
    { title: t('admin.staff.roles'), key: 'roles', width: 220, render: (_v, s) => rolesOf(s) },
    { title: t('admin.staff.status'), key: 'active', width: 90, render: (_v, s) => statusOf(s) },
  ];
  if (canManage) columns.push({ title: t('common.actions'), key: 'actions', width: 180, render: (_v, s) => actionsOf(s) });

  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total: staff.data?.total ?? 0,
    showSizeChanger: false,
    simple: compact,
    showTotal: (total: number) => t('admin.staff.total', { count: total }),
    onChange: (page: number) => setFilters((f) => ({ ...f, page })),
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('admin.staff.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setModal({})}>
            {t('admin.staff.create')}
          </Button>
        )}
      </Flex>
      <Card>
        <search aria-label={t('admin.staff.filters')}>
          <Flex gap={8} wrap>
            <Input.Search
              aria-label={t('admin.staff.searchLabel')}
              placeholder={t('admin.staff.searchLabel')}
              allowClear
              value={draftQuery}
              onChange={(e) => setDraftQuery(e.target.value)}
              onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
              style={{ width: compact ? '100%' : 240 }}
            />
            <TreeSelect
              aria-label={t('admin.staff.department')}
              placeholder={t('admin.staff.allDepartments')}
              treeData={tree}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              value={filters.departmentId}
              onChange={(departmentId?: string) => setFilters((f) => ({ ...f, departmentId, page: 1 }))}
              style={{ width: compact ? '100%' : 240 }}
            />
          </Flex>
        </search>
      </Card>
      {staff.isError && <Alert type="error" showIcon title={errorMessage(t, staff.error)} />}
      {compact ? (
        // Phones: one card per person instead of a table that scrolls sideways.
        <List<Staff>
          rowKey="id"
          dataSource={staff.data?.items ?? []}
          loading={staff.isFetching}
          data-testid="staff-table"
          pagination={{ ...pagination, align: 'center' }}
          renderItem={(s) => (
            <List.Item data-testid="staff-row">
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  {statusOf(s)}
                </Flex>
                <Typography.Text type="secondary">
                  {s.username} · {departmentOf(s)}
                </Typography.Text>
                {rolesOf(s)}
                {canManage && actionsOf(s)}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<Staff>
          rowKey="id"
          columns={columns}
          dataSource={staff.data?.items ?? []}
          loading={staff.isFetching}
          scroll={{ x: 'max-content' }}
          data-testid="staff-table"
          pagination={pagination}
          onRow={() => ({ 'data-testid': 'staff-row' }) as HTMLAttributes<HTMLElement>}
        />
      )}
      <RoleChanges />
      {modal && <StaffFormModal editing={modal.editing} onClose={() => setModal(undefined)} />}
    </Flex>
  );
}
