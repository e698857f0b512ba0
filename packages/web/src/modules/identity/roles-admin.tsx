import type { Permission } from '@tongban/domain';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { useRoles } from './identity.api.ts';
import type { RoleInfo } from './identity.types.ts';
import { permissionLabel } from './labels.ts';

/** Roles and the permissions each grants (read-only: roles are defined in code, reviewed like code). */
export function RolesAdmin() {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const columns: ColumnsType<RoleInfo> = [
    {
      title: t('admin.roles.role'),
      key: 'role',
      width: 200,
      render: (_v, r) => (
        <Flex vertical>
          <Typography.Text strong>{i18n.language.startsWith('zh') ? r.label.zh : r.label.en}</Typography.Text>
          <Typography.Text type="secondary" code>
            {r.role}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('admin.roles.permissions'),
      key: 'permissions',
      render: (_v, r) => (
        <Flex gap={4} wrap>
          {r.permissions.map((p: Permission) => (
            <Tag key={p} title={p}>
              {permissionLabel(t, p)}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('admin.roles.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('admin.roles.intro')}</Typography.Paragraph>
      {roles.isError && <Alert type="error" showIcon title={errorMessage(t, roles.error)} />}
      <Table<RoleInfo>
        rowKey="role"
        columns={columns}
        dataSource={roles.data ?? []}
        loading={roles.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="roles-table"
      />
    </Flex>
  );
}
