import type { Permission } from '@tongban/domain';
import { Alert, App, Button, Card, Flex, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../ui/api-errors.ts';
import { useCatalogueMutations, useVersion, useVersions, type WorkflowAction } from './catalogue.api.ts';
import { ItemEditor } from './item-editor.tsx';
import { loc } from './labels.ts';
import { ReasonModal } from './reason-modal.tsx';
import { StatusTag } from './status-tag.tsx';
import { VersionCompareView } from './version-compare.tsx';
import { VersionHistory } from './version-history.tsx';

type Props = { code: string; permissions: readonly Permission[] };

/** One item for staff: its versions, the open draft's editor, the workflow actions, and a comparison. */
export function CatalogueItemAdmin({ code, permissions }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const versions = useVersions(code);
  const items = versions.data?.items ?? [];
  const latest = items.reduce<(typeof items)[number] | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  const detail = useVersion(code, latest?.version);
  const { act } = useCatalogueMutations(code);
  const [reasonFor, setReasonFor] = useState<'withdraw' | 'reject'>();
  const [actionError, setActionError] = useState<string>();
  const canEdit = permissions.includes('catalogue.edit');
  const canPublish = permissions.includes('catalogue.publish');

  if (versions.isError) return <Alert type="error" showIcon title={errorMessage(t, versions.error)} />;
  if (versions.isPending || !latest) return <Skeleton active />;

  const run = (action: WorkflowAction, reason?: string) => {
    setActionError(undefined);
    act.mutate(
      { action, reason },
      {
        onSuccess: () => {
          setReasonFor(undefined);
          message.success(t(`catalogue.admin.done.${action}`));
        },
        onError: (error) => {
          setReasonFor(undefined);
          setActionError(errorMessage(t, error));
        },
      },
    );
  };
  const published = versions.data.publishedVersion;

  return (
    <div className="tb-stack">
      <div>
        <p className="tb-breadcrumb">
          <Link to="/admin/catalogue">{t('catalogue.admin.title')}</Link> / {code}
        </p>
        <h1 className="tb-page-title">{loc(latest.name, lang)}</h1>
        <Space wrap>
          <span>
            {t('catalogue.admin.latest', { version: latest.version })} <StatusTag status={latest.status} />
          </span>
          <span data-testid="published-version">
            {published ? t('catalogue.admin.publishedVersion', { version: published }) : t('catalogue.admin.notPublished')}
          </span>
          {published && <Link to={`/services/${code}`}>{t('catalogue.admin.viewOnPortal')}</Link>}
        </Space>
      </div>

      {actionError && <Alert type="error" showIcon title={actionError} closable onClose={() => setActionError(undefined)} />}
      {latest.status === 'draft' && latest.rejectedReason && (
        <Alert type="warning" showIcon title={t('catalogue.admin.rejectedBecause', { reason: latest.rejectedReason })} />
      )}

      <Card title={<h2 className="tb-card-title">{t('catalogue.admin.workflow')}</h2>}>
        <Flex gap={8} wrap align="center">
          {latest.status === 'draft' && canEdit && (
            <Button type="primary" loading={act.isPending} onClick={() => run('submit')}>
              {t('catalogue.admin.submit')}
            </Button>
          )}
          {latest.status === 'submitted' && canPublish && (
            <>
              <Button type="primary" loading={act.isPending} onClick={() => run('publish')}>
                {t('catalogue.admin.publish')}
              </Button>
              <Button onClick={() => setReasonFor('reject')}>{t('catalogue.admin.reject')}</Button>
            </>
          )}
          {published !== null && canPublish && (
            <Button danger onClick={() => setReasonFor('withdraw')}>
              {t('catalogue.admin.withdraw')}
            </Button>
          )}
          <span className="tb-muted">{t(`catalogue.admin.hint.${latest.status}`)}</span>
        </Flex>
      </Card>

      {canEdit && latest.status !== 'submitted' && detail.data && (
        <ItemEditor key={`${detail.data.id}-${detail.data.updatedAt}`} detail={detail.data} onSaved={() => void versions.refetch()} />
      )}

      <VersionHistory items={items} />

      {items.length > 1 && <VersionCompareView code={code} versions={items.map((v) => v.version).sort((a, b) => a - b)} />}

      <ReasonModal
        title={reasonFor === 'withdraw' ? t('catalogue.admin.withdraw') : t('catalogue.admin.reject')}
        open={reasonFor !== undefined}
        busy={act.isPending}
        onCancel={() => setReasonFor(undefined)}
        onSubmit={(reason) => reasonFor && run(reasonFor, reason)}
      />
    </div>
  );
}
