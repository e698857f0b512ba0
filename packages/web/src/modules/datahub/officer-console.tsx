import '../../ui/console.css';
import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDepartmentResources } from './officer.api.ts';
import { OfficerExchanges } from './officer-exchanges.tsx';
import { OfficerGrants } from './officer-grants.tsx';
import { OfficerResources } from './officer-resources.tsx';

const tabs = ['grants', 'exchanges', 'resources'] as const;
type Tab = (typeof tabs)[number];

/**
 * The data officer's console: grant requests to decide, the exchange log of the department's
 * data, its resources and fields. The tab is in the address (`?tab=`), so it survives a reload
 * and can be linked to.
 */
export function DataOfficerConsole({ departmentId, canDecide }: { departmentId: string | null; canDecide: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const resources = useDepartmentResources(departmentId);
  const wanted = params.get('tab') as Tab | null;
  const available = tabs.filter((k) => k !== 'grants' || canDecide);
  const active = wanted && available.includes(wanted) ? wanted : available[0];
  return (
    <Flex vertical gap={16} className="tb-watch">
      <div>
        <h1 className="tb-watch-title">{t('datahub.officer.title')}</h1>
        <Typography.Paragraph className="tb-muted" style={{ margin: 0 }}>
          {t('datahub.officer.intro')}
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={available.map((key) => ({
          key,
          label: t(`datahub.officer.tabs.${key}`),
          children:
            key === 'grants' ? (
              <OfficerGrants />
            ) : key === 'exchanges' ? (
              <OfficerExchanges resources={resources.data ?? []} />
            ) : (
              <OfficerResources departmentId={departmentId} />
            ),
        }))}
      />
    </Flex>
  );
}
