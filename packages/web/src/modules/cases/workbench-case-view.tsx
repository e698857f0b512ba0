import './workbench.css';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../ui/api-errors.ts';
import { Loading } from '../../ui/loading.tsx';
import { StatusResult } from '../../ui/status-result.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useCase } from './cases.api.ts';
import { formatDate, formatDateTime, loc, statusLabel } from './labels.ts';
import { staffStatusColour } from './staff-rules.ts';
import { useDepartmentNames, useGuide, useParentCase } from './workbench.api.ts';
import { CaseActionsPanel } from './workbench-case-actions.tsx';
import { CaseFormPanel, CaseMaterialsPanel, CaseMembersPanel, CaseStepsPanel, CaseTimelinePanel } from './workbench-case-parts.tsx';
import { SlaTag } from './workbench-sla-tag.tsx';

/**
 * One case for staff: key facts and due dates, the actions open to me, then the form next to the
 * materials, the steps and the timeline.
 */
export function WorkbenchCaseView({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useCase(caseId);
  const detail = query.data;
  const guide = useGuide(detail?.itemCode);
  const parent = useParentCase(detail?.parentId);
  const parentGuide = useGuide(parent.data?.itemCode);
  const deptName = useDepartmentNames(lang);
  useDocumentTitle(detail ? `${detail.trackingNumber} ${loc(detail.itemName, lang)}` : t('cases.workbench.case.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <StatusResult kind="notFound" homePath="/workbench/tasks" />;
    return <Alert type="error" showIcon role="alert" title={errorMessage(t, query.error)} />;
  }
  if (!detail) return null;
  const guideData = guide.data?.code === detail.itemCode ? guide.data : undefined;
  const reload = () => void query.refetch();

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Link to="/workbench/tasks">
          <ArrowLeftOutlined aria-hidden /> {t('cases.workbench.case.backToInbox')}
        </Link>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={query.isFetching}>
          {t('cases.workbench.reload')}
        </Button>
      </Flex>
      <Flex vertical gap={4}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {loc(detail.itemName, lang)}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          <Typography.Text className="tb-wb-mono" copyable data-testid="case-tracking-number">
            {detail.trackingNumber}
          </Typography.Text>
          <Tag color={staffStatusColour(detail.status)} data-testid="case-status">
            {statusLabel(detail.status, lang)}
          </Tag>
          {!detail.concludedAt && <SlaTag sla={detail.sla} />}
          {detail.isBundle && <Tag color="purple">{t('cases.workbench.case.bundle')}</Tag>}
        </Flex>
      </Flex>
      {detail.parentId && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              {t('cases.workbench.case.memberOf')}{' '}
              <Link to={`/workbench/cases/${detail.parentId}`}>
                {parent.data ? loc(parent.data.itemName, lang) : t('cases.workbench.case.openParent')}
              </Link>
            </span>
          }
        />
      )}
      {detail.supplementRequest && detail.status === 'supplement_requested' && (
        <Alert
          type="warning"
          showIcon
          data-testid="supplement-request"
          title={t('cases.workbench.case.waitingForSupplement', { date: formatDateTime(detail.supplementRequest.at, lang) })}
          description={
            <Flex vertical>
              <span>{detail.supplementRequest.reason}</span>
              <ul style={{ margin: 0 }}>
                {detail.supplementRequest.missing.map((m) => (
                  <li key={`${m.materialId}-${m.description}`}>{m.description}</li>
                ))}
              </ul>
            </Flex>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="tb-card-title">{t('cases.workbench.case.facts')}</h2>} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'applicant',
                  label: t('cases.workbench.case.applicant'),
                  children: (
                    <span>
                      {detail.applicant.enterpriseName ? `${detail.applicant.enterpriseName} · ` : ''}
                      {detail.applicant.name} <span className="tb-wb-mono">{detail.applicant.idNumberMasked}</span>
                    </span>
                  ),
                },
                {
                  key: 'channel',
                  label: t('cases.workbench.case.channel'),
                  children: `${t(`cases.workbench.channel.${detail.channel}`)}${detail.serviceCentreId ? ` · ${deptName(detail.serviceCentreId)}` : ''}`,
                },
                { key: 'dept', label: t('cases.workbench.case.responsible'), children: deptName(detail.responsibleDepartmentId) },
                { key: 'submitted', label: t('cases.workbench.case.submittedAt'), children: formatDateTime(detail.submittedAt, lang) },
                {
                  key: 'promised',
                  label: t('cases.workbench.case.promisedDate'),
                  children: `${detail.clockStopped ? t('cases.workbench.case.clockStopped') : formatDate(detail.expectedCompletionDate, lang)} · ${t('cases.workbench.case.workingDays', { count: detail.promisedDays })}`,
                },
                {
                  key: 'statutory',
                  label: t('cases.workbench.case.statutoryDate'),
                  children: `${detail.clockStopped ? t('cases.workbench.case.clockStopped') : formatDate(detail.statutoryCompletionDate, lang)} · ${t('cases.workbench.case.workingDays', { count: detail.statutoryDays })}`,
                },
                {
                  key: 'elapsed',
                  label: t('cases.workbench.case.elapsed'),
                  children: t('cases.workbench.case.workingDays', { count: detail.elapsedWorkingDays }),
                },
                ...(detail.concludedAt
                  ? [{ key: 'concluded', label: t('cases.workbench.case.concludedAt'), children: formatDateTime(detail.concludedAt, lang) }]
                  : []),
              ]}
            />
            {detail.result && (
              <Alert
                style={{ marginTop: 12 }}
                type={detail.result.outcome === 'approved' ? 'success' : 'warning'}
                showIcon
                data-testid="case-result"
                title={`${statusLabel(detail.result.outcome, lang)} · ${formatDateTime(detail.result.decidedAt, lang)}`}
                description={
                  <Flex vertical>
                    <span>{detail.result.reasons}</span>
                    {detail.result.legalBasis.length > 0 && (
                      <span>
                        {t('cases.workbench.form.legalBasis')}：
                        {detail.result.legalBasis.map((b) => `${b.law}${b.article ?? ''}`).join('；')}
                      </span>
                    )}
                    {detail.result.certificateNumber && (
                      <span className="tb-wb-mono">
                        {t('cases.workbench.case.certificate')}：{detail.result.certificateNumber}
                      </span>
                    )}
                  </Flex>
                }
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <CaseActionsPanel detail={detail} guide={guideData} onReload={reload} />
        </Col>
      </Row>
      <CaseMembersPanel detail={detail} deptName={deptName} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <CaseFormPanel detail={detail} guide={guideData} situationGuide={parentGuide.data ?? guideData} />
        </Col>
        <Col xs={24} lg={12}>
          <CaseMaterialsPanel detail={detail} guide={guideData} />
        </Col>
      </Row>
      <CaseStepsPanel detail={detail} deptName={deptName} />
      <CaseTimelinePanel detail={detail} deptName={deptName} />
    </Flex>
  );
}
