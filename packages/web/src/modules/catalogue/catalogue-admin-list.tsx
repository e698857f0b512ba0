import './catalogue.css';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../ui/api-errors.ts';
import { ButtonLink } from '../../ui/button-link.tsx';
import { useCatalogueSearch, useDrafts, type VersionSummary } from './catalogue.api.ts';
import { itemTypeLabels, loc } from './labels.ts';
import { StatusTag } from './status-tag.tsx';

/** Staff entry to the catalogue: versions waiting for work, a search to open any published item, and "new item" for editors. */
export function CatalogueAdminList({ canCreate }: { canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const drafts = useDrafts();
  const [q, setQ] = useState('');
  const search = useCatalogueSearch({ q, pageSize: 20 });

  return (
    <div className="tb-stack">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <h1 className="tb-page-title">{t('catalogue.admin.title')}</h1>
        {canCreate && (
          <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/admin/catalogue/new">
            {t('catalogue.create.button')}
          </ButtonLink>
        )}
      </Flex>
      <Card title={<h2 className="tb-card-title">{t('catalogue.admin.pending')}</h2>}>
        {drafts.isError && <Alert type="error" showIcon title={errorMessage(t, drafts.error)} />}
        <Table<VersionSummary>
          rowKey="id"
          size="middle"
          loading={drafts.isPending}
          dataSource={drafts.data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('catalogue.admin.noPending') }}
          onRow={() => ({ 'data-testid': 'draft-row' }) as never}
          columns={[
            {
              title: t('catalogue.admin.code'),
              dataIndex: 'code',
              render: (code: string) => <Link to={`/admin/catalogue/${code}`}>{code}</Link>,
            },
            { title: t('catalogue.admin.name'), render: (_, v) => loc(v.name, lang) },
            { title: t('catalogue.admin.version'), dataIndex: 'version', width: 80 },
            { title: t('catalogue.admin.status'), render: (_, v) => <StatusTag status={v.status} /> },
            { title: t('catalogue.admin.updatedAt'), render: (_, v) => v.updatedAt.slice(0, 16).replace('T', ' ') },
          ]}
        />
      </Card>
      <Card title={<h2 className="tb-card-title">{t('catalogue.admin.published')}</h2>}>
        <Input.Search
          aria-label={t('catalogue.admin.searchLabel')}
          placeholder={t('catalogue.admin.searchLabel')}
          enterButton={t('home.search')}
          allowClear
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 480, marginBottom: 16 }}
        />
        <Table
          rowKey="code"
          size="middle"
          loading={search.isPending}
          dataSource={search.data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('catalogue.admin.code'),
              dataIndex: 'code',
              render: (code: string) => <Link to={`/admin/catalogue/${code}`}>{code}</Link>,
            },
            {
              title: t('catalogue.admin.name'),
              render: (_, v) => (
                <>
                  {loc(v.name, lang)} {v.isBundle && <Tag color="blue">{t('catalogue.bundle')}</Tag>}
                </>
              ),
            },
            { title: t('catalogue.search.department'), render: (_, v) => loc(v.department.name, lang) },
            { title: t('catalogue.search.type'), render: (_, v) => loc(itemTypeLabels[v.type], lang) },
            { title: t('catalogue.admin.version'), dataIndex: 'version', width: 80 },
          ]}
        />
      </Card>
    </div>
  );
}
