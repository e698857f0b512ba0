import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDepartmentName } from './identity.api.ts';
import type { Me } from './identity.types.ts';
import { permissionLabel, roleLabel } from './labels.ts';

export type WorkbenchShortcut = { key: string; path: string; label: string; icon?: ReactNode; description?: string };

/** The staff member's landing page: who they are, where they work, what they may do. */
export function WorkbenchHome({ me, shortcuts }: { me: Me; shortcuts: WorkbenchShortcut[] }) {
  const { t, i18n } = useTranslation();
  const department = useDepartmentName(me.departmentId, me.departmentName, i18n.language);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
        {t('workbench.greeting', { name: me.name })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={<h2 className="tb-card-title">{t('workbench.myDepartment')}</h2>} style={{ height: '100%' }}>
            <Flex gap={12} align="center">
              <ApartmentOutlined aria-hidden style={{ fontSize: 28, color: '#0b4fb3' }} />
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="workbench-department">
                {department ?? '—'}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<h2 className="tb-card-title">{t('workbench.myRoles')}</h2>} style={{ height: '100%' }}>
            <Flex gap={8} wrap data-testid="workbench-roles">
              {me.roles.map((role) => (
                <Tag key={role} color="blue" icon={<UserOutlined aria-hidden />} style={{ fontSize: 14, padding: '2px 8px' }}>
                  {roleLabel(role, i18n.language)}
                </Tag>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
      {shortcuts.length > 0 && (
        <Card title={<h2 className="tb-card-title">{t('workbench.shortcuts')}</h2>}>
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.key} xs={24} sm={12} lg={8}>
                <Link to={s.path} style={{ display: 'block' }}>
                  <Card size="small" hoverable>
                    <Flex gap={8} align="center">
                      {s.icon}
                      <span>{s.label}</span>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Card title={<h2 className="tb-card-title">{t('workbench.myPermissions')}</h2>}>
        <Flex gap={8} wrap>
          {me.permissions.map((p) => (
            <Tag key={p}>{permissionLabel(t, p)}</Tag>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}
