import { Alert, Card, Flex, Select, Table } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { type ContentChange, useCompare } from './catalogue.api.ts';

/** The form label of a top-level element, for the comparison's first column. */
const elementLabels: Record<string, string> = {
  name: 'catalogue.admin.name',
  summary: 'catalogue.admin.summaryZh',
  promisedDays: 'catalogue.admin.promisedDays',
  statutoryDays: 'catalogue.admin.statutoryDays',
  visits: 'catalogue.admin.visits',
  fee: 'catalogue.admin.fee',
  conditions: 'catalogue.guide.conditions',
  materials: 'catalogue.guide.materials',
  legalBasis: 'catalogue.guide.legalBasis',
  process: 'catalogue.guide.process',
  channels: 'catalogue.guide.channels',
  whereToApply: 'catalogue.guide.where',
  result: 'catalogue.guide.result',
};

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1);
}

/** Two versions side by side: every changed element with its value in each. */
export function VersionCompareView({ code, versions }: { code: string; versions: number[] }) {
  const { t } = useTranslation();
  const ids = { a: useId(), b: useId() };
  const [a, setA] = useState(versions[versions.length - 2]);
  const [b, setB] = useState(versions[versions.length - 1]);
  const compare = useCompare(code, a, b);
  const options = versions.map((v) => ({ value: v, label: t('catalogue.admin.versionN', { version: v }) }));
  return (
    <Card title={<h2 className="tb-card-title">{t('catalogue.admin.compare')}</h2>}>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <span>
          <label htmlFor={ids.a}>{t('catalogue.admin.compareFrom')}</label>{' '}
          <Select id={ids.a} value={a} onChange={setA} options={options} style={{ width: 120 }} />
        </span>
        <span>
          <label htmlFor={ids.b}>{t('catalogue.admin.compareTo')}</label>{' '}
          <Select id={ids.b} value={b} onChange={setB} options={options} style={{ width: 120 }} />
        </span>
      </Flex>
      {compare.isError && <Alert type="error" showIcon title={errorMessage(t, compare.error)} />}
      {a === b ? (
        <p className="tb-muted">{t('catalogue.admin.sameVersion')}</p>
      ) : (
        <Table<ContentChange>
          rowKey="path"
          size="small"
          loading={compare.isFetching}
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={compare.data?.changes ?? []}
          locale={{ emptyText: t('catalogue.admin.noChanges') }}
          onRow={() => ({ 'data-testid': 'change-row' }) as never}
          columns={[
            {
              title: t('catalogue.admin.element'),
              dataIndex: 'path',
              width: 220,
              render: (p: string) => {
                const label = elementLabels[p.split(/[.[]/)[0] ?? ''];
                return (
                  <>
                    {label && <div>{t(label as 'catalogue.admin.name')}</div>}
                    <code>{p}</code>
                  </>
                );
              },
            },
            {
              title: t('catalogue.admin.versionN', { version: a }),
              render: (_, c) => <pre className={`tb-diff ${c.kind === 'added' ? '' : 'tb-diff-before'}`}>{show(c.before)}</pre>,
            },
            {
              title: t('catalogue.admin.versionN', { version: b }),
              render: (_, c) => <pre className={`tb-diff ${c.kind === 'removed' ? '' : 'tb-diff-after'}`}>{show(c.after)}</pre>,
            },
          ]}
        />
      )}
    </Card>
  );
}
