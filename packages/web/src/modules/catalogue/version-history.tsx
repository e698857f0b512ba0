import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from './catalogue.api.ts';
import { StatusTag } from './status-tag.tsx';

/**
 * Every version of an item, newest first, with who published it and why one was sent back or
 * withdrawn. On a phone the author and publisher columns give way, so the table fits without a
 * sideways-scrolling region (which keyboard users could not reach).
 */
export function VersionHistory({ items }: { items: readonly VersionSummary[] }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="tb-card-title">{t('catalogue.admin.history')}</h2>}>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={[...items].sort((a, b) => b.version - a.version)}
        onRow={() => ({ 'data-testid': 'version-row' }) as never}
        columns={[
          { title: t('catalogue.admin.version'), dataIndex: 'version', width: 64 },
          { title: t('catalogue.admin.status'), render: (_, v) => <StatusTag status={v.status} /> },
          { title: t('catalogue.admin.author'), dataIndex: 'authorId', responsive: ['md'] },
          { title: t('catalogue.admin.updatedAt'), render: (_, v) => v.updatedAt.slice(0, 16).replace('T', ' ') },
          {
            title: t('catalogue.admin.publishedBy'),
            responsive: ['md'],
            render: (_, v) => (v.publishedBy ? `${v.publishedBy} · ${v.publishedAt?.slice(0, 16).replace('T', ' ')}` : '—'),
          },
          { title: t('catalogue.admin.reason'), render: (_, v) => v.withdrawnReason ?? v.rejectedReason ?? '—' },
        ]}
      />
    </Card>
  );
}
