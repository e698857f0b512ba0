import { Alert, Empty, Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { type DataResource, useDepartmentResources } from './officer.api.ts';

type Field = DataResource['fields'][number];

const loc = (text: { zh: string; en: string }, lang: string) => (lang.startsWith('zh') ? text.zh : text.en);

/** The fields of one resource, with what makes them delicate. */
function FieldTable({ resource }: { resource: DataResource }) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<Field> = [
    { title: t('datahub.officer.resources.fieldName'), key: 'name', render: (_v, f) => <code>{f.name}</code> },
    { title: t('datahub.officer.resources.fieldLabel'), key: 'label', render: (_v, f) => loc(f.label, i18n.language) },
    { title: t('datahub.officer.resources.fieldType'), key: 'type', render: (_v, f) => (f.format ? `${f.type} (${f.format})` : f.type) },
    {
      title: t('datahub.officer.resources.fieldFlags'),
      key: 'flags',
      render: (_v, f) => (
        <Flex gap={4} wrap>
          {f.personal && <Tag>{t('datahub.officer.resources.personal')}</Tag>}
          {f.sensitive && <Tag color="orange">{t('datahub.officer.resources.sensitive')}</Tag>}
          {f.consentRequired && <Tag color="purple">{t('datahub.officer.resources.consent')}</Tag>}
        </Flex>
      ),
    },
  ];
  return (
    <Table
      rowKey="name"
      size="small"
      columns={columns}
      dataSource={resource.fields}
      pagination={false}
      aria-label={`${t('datahub.officer.resources.fields')}: ${loc(resource.name, i18n.language)}`}
    />
  );
}

/** The department's data resources; each row opens to its fields. */
export function OfficerResources({ departmentId }: { departmentId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const resources = useDepartmentResources(departmentId);
  const columns: ColumnsType<DataResource> = [
    { title: t('datahub.officer.resources.code'), key: 'code', render: (_v, r) => <code>{r.code}</code> },
    {
      title: t('datahub.officer.resources.name'),
      key: 'name',
      render: (_v, r) => (
        <Flex gap={6} wrap>
          <span>{loc(r.name, lang)}</span>
          {r.status === 'retired' && <Tag>{t('datahub.officer.resources.retired')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('datahub.officer.resources.subject'),
      key: 'subject',
      render: (_v, r) => t(`datahub.officer.resources.subjectKind.${r.subjectKind}`),
    },
    {
      title: t('datahub.officer.resources.sharing'),
      key: 'sharing',
      render: (_v, r) => t(`datahub.officer.resources.sharingClass.${r.sharingClass}`),
    },
    {
      title: t('datahub.officer.resources.frequency'),
      key: 'frequency',
      render: (_v, r) => t(`datahub.officer.resources.updateFrequency.${r.updateFrequency}`),
    },
    {
      title: t('datahub.officer.resources.fields'),
      key: 'fields',
      render: (_v, r) => t('datahub.officer.resources.fieldCount', { count: r.fields.length }),
    },
  ];
  return (
    <Flex vertical gap={12}>
      {resources.isError && <Alert type="error" showIcon role="alert" title={t('errors.INTERNAL')} />}
      <Table
        rowKey="code"
        columns={columns}
        dataSource={resources.data ?? []}
        loading={resources.isFetching}
        scroll={{ x: 760 }}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <FieldTable resource={r} /> }}
        locale={{ emptyText: <Empty description={t('datahub.officer.resources.empty')} /> }}
        data-testid="officer-resources"
      />
    </Flex>
  );
}
