import { CloudServerOutlined, ExclamationCircleOutlined, FileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { type CaseDetail, type ItemGuide, type Material, visitReasons } from '@tongban/domain';
import { Card, Descriptions, Empty, Flex, List, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { formatBytes, formatDate, formatDateTime, loc, statusLabel } from './labels.ts';
import { labelledFormValues, staffStatusColour } from './staff-rules.ts';
import { SlaTag } from './workbench-sla-tag.tsx';

type DeptName = (id: string | null | undefined) => string;
type Step = CaseDetail['steps'][number];

const title = (text: string) => <h2 className="tb-card-title">{text}</h2>;

/** What the applicant answered and entered, labelled as in the item's form. */
export function CaseFormPanel({
  detail,
  guide,
  situationGuide,
}: {
  detail: CaseDetail;
  guide: ItemGuide | undefined;
  /** Whose questions the answers are: a bundle member's come from its one-go service. */
  situationGuide: ItemGuide | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const situations = situationGuide?.bundle?.situations ?? situationGuide?.content.situations ?? [];
  const form = guide?.bundle?.form ?? guide?.content.form ?? [];
  const answers = Object.entries(detail.answers).map(([question, option]) => {
    const q = situations.find((s) => s.id === question);
    return {
      key: question,
      label: q ? loc(q.question, lang) : question,
      value: loc(q?.options.find((o) => o.id === option)?.label, lang) || option,
    };
  });
  const values = labelledFormValues(form, detail.form);
  return (
    <Card title={title(t('cases.workbench.case.formData'))} style={{ height: '100%' }} data-testid="case-form">
      {answers.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={<h3 className="tb-wb-subtitle">{t('cases.workbench.case.situations')}</h3>}
          items={answers.map((a) => ({ key: a.key, label: a.label, children: a.value }))}
          style={{ marginBottom: 16 }}
        />
      )}
      {values.length === 0 ? (
        <Empty description={t('cases.workbench.case.noFormData')} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={values.map((v) => ({
            key: v.key,
            label: v.label ? loc(v.label, lang) : v.key,
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{v.option ? loc(v.option, lang) : String(v.value)}</span>,
          }))}
        />
      )}
    </Card>
  );
}

function sourceOf(guide: ItemGuide | undefined, materialId: string): Material['source'] | undefined {
  const all = [...(guide?.content.materials ?? []), ...(guide?.bundle?.materials.platform ?? [])];
  return all.find((m) => m.id === materialId)?.source;
}

/** The materials: uploaded files open in a new tab; platform-supplied ones say where they came from; pending ones stand out. */
export function CaseMaterialsPanel({ detail, guide }: { detail: CaseDetail; guide: ItemGuide | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const materials = [...detail.materials].sort((a, b) => Number(a.state === 'replaced') - Number(b.state === 'replaced'));
  const pending = materials.filter((m) => m.state === 'pending').length;
  return (
    <Card
      title={title(t('cases.workbench.case.materials'))}
      extra={pending > 0 ? <Tag color="warning">{t('cases.workbench.case.pendingCount', { count: pending })}</Tag> : null}
      style={{ height: '100%' }}
      data-testid="case-materials"
    >
      <List
        dataSource={materials}
        locale={{ emptyText: <span className="tb-wb-empty">{t('cases.workbench.case.noMaterials')}</span> }}
        renderItem={(m) => {
          const source = sourceOf(guide, m.materialId);
          const fromPlatform = m.provenance === 'datahub' || m.provenance === 'licence' || m.provenance === 'earlier_step';
          return (
            <List.Item data-testid="material-row" data-state={m.state} style={m.state === 'replaced' ? { opacity: 0.7 } : undefined}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong delete={m.state === 'replaced'}>
                    {loc(m.name, lang) || m.materialId}
                  </Typography.Text>
                  <Flex gap={4} wrap>
                    <Tag
                      icon={
                        fromPlatform ? (
                          m.provenance === 'licence' ? (
                            <SafetyCertificateOutlined aria-hidden />
                          ) : (
                            <CloudServerOutlined aria-hidden />
                          )
                        ) : (
                          <FileOutlined aria-hidden />
                        )
                      }
                      color={fromPlatform ? 'geekblue' : undefined}
                    >
                      {t(`cases.workbench.provenance.${m.provenance}`)}
                    </Tag>
                    {m.state === 'pending' && (
                      <Tag color="warning" icon={<ExclamationCircleOutlined aria-hidden />}>
                        {t('cases.workbench.case.pending')}
                      </Tag>
                    )}
                    {m.state === 'replaced' && <Tag>{t('cases.workbench.case.replaced')}</Tag>}
                  </Flex>
                </Flex>
                {m.fileName ? (
                  <Typography.Text>
                    <a
                      href={`/api/v1/cases/${detail.id}/materials/${m.id}/file`}
                      target="_blank"
                      rel="noreferrer"
                      className="tb-wb-inline-link"
                    >
                      {t('cases.workbench.case.viewFile', { name: m.fileName })}
                    </a>{' '}
                    <Typography.Text type="secondary">
                      {m.sizeBytes ? formatBytes(m.sizeBytes) : ''} · {formatDateTime(m.suppliedAt, lang)}
                    </Typography.Text>
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">
                    {m.state === 'pending'
                      ? t('cases.workbench.case.pendingHelp')
                      : t('cases.workbench.case.platformSupplied', {
                          source:
                            source?.kind === 'datahub'
                              ? source.resource
                              : source?.kind === 'licence'
                                ? source.licenceType
                                : source?.kind === 'earlier_step'
                                  ? source.stepId
                                  : t(`cases.workbench.provenance.${m.provenance}`),
                          at: formatDateTime(m.suppliedAt, lang),
                        })}
                    {m.sourceRef ? (
                      <>
                        {' '}
                        · <span className="tb-wb-mono">{m.sourceRef}</span>
                      </>
                    ) : null}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** Every planned step with its department, state, due date and SLA. */
export function CaseStepsPanel({ detail, deptName }: { detail: CaseDetail; deptName: DeptName }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Phones get a list: a table scrolling sideways would be a region keyboards cannot reach.
  const compact = useMediaQuery(phoneQuery);
  if (detail.steps.length === 0) return null;
  const state = (s: Step) => <Tag color={s.state === 'open' ? 'blue' : undefined}>{t(`cases.workbench.stepState.${s.state}`)}</Tag>;
  const due = (s: Step) =>
    s.state === 'open' || s.state === 'suspended' ? (
      <Flex gap={4} wrap>
        <span>{formatDate(s.dueDate, lang) || '—'}</span>
        <SlaTag sla={s.sla} />
      </Flex>
    ) : (
      formatDateTime(s.closedAt, lang)
    );
  return (
    <Card title={title(t('cases.workbench.case.steps'))}>
      {compact ? (
        <List
          size="small"
          dataSource={detail.steps}
          renderItem={(s) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{loc(s.name, lang)}</Typography.Text>
                  {state(s)}
                </Flex>
                <Typography.Text type="secondary">{deptName(s.departmentId)}</Typography.Text>
                {due(s)}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<Step>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.steps}
          columns={[
            { title: t('cases.workbench.case.step'), key: 'name', render: (_v, s) => loc(s.name, lang) },
            { title: t('cases.workbench.case.department'), key: 'dept', render: (_v, s) => deptName(s.departmentId) },
            { title: t('cases.workbench.case.stepState'), key: 'state', render: (_v, s) => state(s) },
            { title: t('cases.workbench.inbox.due'), key: 'due', render: (_v, s) => due(s) },
          ]}
        />
      )}
    </Card>
  );
}

/** The one timeline of the case (a bundle's shows its members' actions too). */
export function CaseTimelinePanel({ detail, deptName }: { detail: CaseDetail; deptName: DeptName }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // A bundle's timeline carries its members' steps, which the parent's plan does not name: those show no step.
  const stepName = (id: string | null) => {
    const step = id ? detail.steps.find((s) => s.id === id) : undefined;
    return step ? loc(step.name, lang) : undefined;
  };
  const entries = [...detail.timeline].reverse();
  // A visit's note is its reason code when nothing else was written.
  const noteOf = (e: CaseDetail['timeline'][number]) =>
    e.kind === 'visit_recorded' && (visitReasons as readonly string[]).includes(e.note ?? '')
      ? t(`cases.workbench.visitReason.${e.note as (typeof visitReasons)[number]}`)
      : e.note;
  return (
    <Card title={title(t('cases.workbench.case.timeline'))} data-testid="case-timeline">
      <Timeline
        items={entries.map((e) => ({
          key: `${e.caseId}-${e.seq}`,
          color: e.kind === 'step_rejected' || e.kind === 'acceptance_refused' ? 'red' : e.kind === 'decided' ? 'green' : 'blue',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text strong>
                {t(`cases.workbench.actionKind.${e.kind}`)}
                {stepName(e.stepId) ? ` · ${stepName(e.stepId)}` : ''}
                {detail.isBundle && e.caseId !== detail.id
                  ? ` · ${loc(detail.members.find((m) => m.caseId === e.caseId)?.itemName, lang)}`
                  : ''}
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(e.at, lang)} ·{' '}
                {e.actor.name ??
                  t(`cases.workbench.actorType.${e.actor.type === 'user' ? 'user' : e.actor.type === 'staff' ? 'staff' : 'system'}`)}
                {e.actor.departmentId ? ` · ${deptName(e.actor.departmentId)}` : ''}
              </Typography.Text>
              {e.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{noteOf(e)}</Typography.Text>}
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

/** A bundle's member cases, each in its own department, with links. */
export function CaseMembersPanel({ detail, deptName }: { detail: CaseDetail; deptName: DeptName }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (detail.members.length === 0) return null;
  return (
    <Card title={title(t('cases.workbench.case.members', { count: detail.members.length }))} data-testid="case-members">
      <List
        dataSource={detail.members}
        renderItem={(m) => (
          <List.Item data-testid="member-row">
            <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
              <Flex vertical>
                <Link to={`/workbench/cases/${m.caseId}`}>{loc(m.itemName, lang)}</Link>
                <Typography.Text type="secondary">
                  <span className="tb-wb-mono">{m.trackingNumber}</span> · {deptName(m.departmentId)}
                </Typography.Text>
              </Flex>
              <Tag color={staffStatusColour(m.status)}>{statusLabel(m.status, lang)}</Tag>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
