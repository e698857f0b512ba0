import { ReloadOutlined } from '@ant-design/icons';
import { type ActionBodies, type CaseDetail, type ItemGuide, specialProcedures, visitReasons, type WorkflowAction } from '@tongban/domain';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseErrorMessage, loc } from './labels.ts';
import { cleanLegalBasis, isLostRace, returnTargetsOf } from './staff-rules.ts';
import type { Upload } from './upload.ts';
import { useCaseAction } from './workbench.api.ts';
import { FileField, LegalBasisList, MissingList, textRules } from './workbench-action-fields.tsx';

type Allowed = CaseDetail['allowedActions'][number];
type Values = {
  opinion?: string;
  note?: string;
  reason?: string;
  reasons?: string;
  toStepId?: string;
  procedure?: (typeof specialProcedures)[number];
  outcome?: 'approved' | 'refused';
  visitReason?: (typeof visitReasons)[number];
  legalBasis?: { law?: string; article?: string }[];
  missing?: { materialId?: string; description: string }[];
  files?: { materialId?: string; upload?: Upload }[];
};

const positive: readonly WorkflowAction[] = ['accept', 'approve', 'decide', 'resume', 'collect_result'];
const negative: readonly WorkflowAction[] = ['refuse_acceptance', 'reject'];

/** The request body of each action from the dialog's values (the dialog's rules checked them first). */
function bodyOf(action: WorkflowAction, v: Values, stepId: string | undefined, expectedVersion: number): ActionBodies[WorkflowAction] {
  const step = { stepId, expectedVersion };
  const trimmed = (s?: string) => (s?.trim() ? s.trim() : undefined);
  switch (action) {
    case 'accept':
    case 'approve':
      return { ...step, opinion: trimmed(v.opinion) };
    case 'resume':
      return { ...step, note: trimmed(v.note) };
    case 'request_supplement':
      return {
        ...step,
        reason: v.reason ?? '',
        missing: (v.missing ?? []).map((m) => ({ materialId: m.materialId || undefined, description: m.description })),
      };
    case 'refuse_acceptance':
      return { ...step, reason: v.reason ?? '' };
    case 'return':
      return { ...step, toStepId: v.toStepId ?? '', reason: v.reason ?? '' };
    case 'reject':
      return { ...step, reason: v.reason ?? '', legalBasis: cleanLegalBasis(v.legalBasis) };
    case 'suspend':
      return { ...step, procedure: v.procedure ?? 'inspection', reason: v.reason ?? '' };
    case 'decide':
      return { ...step, outcome: v.outcome ?? 'approved', reasons: v.reasons ?? '', legalBasis: cleanLegalBasis(v.legalBasis) };
    case 'supply_supplement':
      return {
        expectedVersion,
        note: trimmed(v.note),
        materials: (v.files ?? []).map((f) => ({ materialId: f.materialId ?? '', uploadId: f.upload?.id ?? '' })),
      };
    case 'record_visit':
      return { reason: v.visitReason ?? 'other', note: trimmed(v.note) };
    case 'collect_result':
      return { expectedVersion };
    default:
      return { expectedVersion, reason: v.reason ?? '' };
  }
}

function ActionDialog({
  detail,
  guide,
  allowed,
  onClose,
  onReload,
}: {
  detail: CaseDetail;
  guide: ItemGuide | undefined;
  allowed: Allowed;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useCaseAction(detail.id);
  const [error, setError] = useState<{ text: string; lostRace: boolean }>();
  const { action } = allowed;
  const stepId = allowed.stepId ?? undefined;
  const step = detail.steps.find((s) => s.id === stepId);

  const materialOptions = (() => {
    const seen = new Map<string, string>();
    for (const m of guide?.bundle?.materials.applicant ?? guide?.materials.applicant ?? []) seen.set(m.id, loc(m.name, lang));
    for (const m of detail.materials) if (!seen.has(m.materialId)) seen.set(m.materialId, loc(m.name, lang) || m.materialId);
    for (const m of detail.supplementRequest?.missing ?? [])
      if (m.materialId && !seen.has(m.materialId)) seen.set(m.materialId, m.materialId);
    return [...seen].map(([value, label]) => ({ value, label }));
  })();
  const initialValues: Values = {
    outcome: 'approved',
    legalBasis: guide?.content.legalBasis.slice(0, 1).map((b) => ({ law: b.law, article: b.article ?? '' })) ?? [{ law: '', article: '' }],
    missing: [{ description: '' }],
    files: (detail.supplementRequest?.missing ?? []).map((m) => ({ materialId: m.materialId ?? undefined })),
    visitReason: 'consultation',
  };
  if ((initialValues.files ?? []).length === 0) initialValues.files = [{}];

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      await mutation.mutateAsync({ action, body: bodyOf(action, values, stepId, detail.version) });
      void message.success(t('cases.workbench.actions.done', { action: t(`cases.workbench.action.${action}`) }));
      onClose();
    } catch (e) {
      setError(
        isLostRace(e)
          ? { text: t('cases.workbench.actions.lostRace'), lostRace: true }
          : { text: caseErrorMessage(t, e, lang), lostRace: false },
      );
    }
  };

  const targets = action === 'return' && stepId ? returnTargetsOf(detail, stepId) : [];
  const reasonLabel = action === 'suspend' ? t('cases.workbench.form.suspendReason') : t('cases.workbench.form.reason');
  return (
    <Modal
      open
      title={`${t(`cases.workbench.action.${action}`)}${step ? ` · ${loc(step.name, lang)}` : ''}`}
      onCancel={onClose}
      okText={t(`cases.workbench.action.${action}`)}
      okButtonProps={{ danger: negative.includes(action) }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues} name={`action-${action}`}>
        {error && (
          <Alert
            type={error.lostRace ? 'warning' : 'error'}
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={error.text}
            action={
              error.lostRace ? (
                <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={onReload}>
                  {t('cases.workbench.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Typography.Paragraph type="secondary">{t(`cases.workbench.actionHelp.${action}`)}</Typography.Paragraph>
        {action === 'decide' && (
          <Form.Item name="outcome" label={t('cases.workbench.form.outcome')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group
              options={[
                { value: 'approved', label: t('cases.workbench.form.outcomeApproved') },
                { value: 'refused', label: t('cases.workbench.form.outcomeRefused') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'suspend' && (
          <Form.Item
            name="procedure"
            label={t('cases.workbench.form.procedure')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group options={specialProcedures.map((p) => ({ value: p, label: t(`cases.workbench.procedure.${p}`) }))} />
          </Form.Item>
        )}
        {action === 'return' && (
          <Form.Item name="toStepId" label={t('cases.workbench.form.returnTo')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={targets.map((s) => ({ value: s.id, label: loc(s.name, lang) }))} />
          </Form.Item>
        )}
        {action === 'record_visit' && (
          <Form.Item name="visitReason" label={t('cases.workbench.form.visitReason')} rules={[{ required: true }]}>
            <Select options={visitReasons.map((r) => ({ value: r, label: t(`cases.workbench.visitReason.${r}`) }))} />
          </Form.Item>
        )}
        {['request_supplement', 'refuse_acceptance', 'return', 'reject', 'suspend'].includes(action) && (
          <Form.Item name="reason" label={reasonLabel} rules={textRules(t, { required: true, max: 1000 })}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
        {action === 'decide' && (
          <Form.Item name="reasons" label={t('cases.workbench.form.reasons')} rules={textRules(t, { required: true, max: 1000 })}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
        {action === 'request_supplement' && <MissingList materialOptions={materialOptions} />}
        {(action === 'reject' || action === 'decide') && <LegalBasisList />}
        {action === 'supply_supplement' && (
          <Form.List name="files">
            {(fields) =>
              fields.map((field, index) => (
                <Flex key={field.key} gap={8} wrap align="start">
                  <Form.Item
                    name={[field.name, 'materialId']}
                    label={t('cases.workbench.form.missingMaterial', { n: index + 1 })}
                    rules={[{ required: true, message: t('common.required') }]}
                    style={{ flex: '1 1 220px' }}
                  >
                    <Select options={materialOptions} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'upload']}
                    label={t('cases.workbench.form.file', { n: index + 1 })}
                    rules={[{ required: true, message: t('cases.workbench.form.fileRequired') }]}
                  >
                    <FileField label={t('cases.workbench.form.file', { n: index + 1 })} />
                  </Form.Item>
                </Flex>
              ))
            }
          </Form.List>
        )}
        {(action === 'accept' || action === 'approve') && (
          <Form.Item name="opinion" label={t('cases.workbench.form.opinion')} rules={textRules(t, { required: false, max: 1000 })}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
        {(action === 'resume' || action === 'record_visit' || action === 'supply_supplement') && (
          <Form.Item name="note" label={t('cases.workbench.form.note')} rules={textRules(t, { required: false, max: 500 })}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The actions the signed-in member of staff may take now (the server's allowed-actions answer), grouped by step. */
export function CaseActionsPanel({ detail, guide, onReload }: { detail: CaseDetail; guide: ItemGuide | undefined; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [open, setOpen] = useState<Allowed>();
  const groups = new Map<string, Allowed[]>();
  for (const a of detail.allowedActions) {
    const key = a.stepId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <Card title={<h2 className="tb-card-title">{t('cases.workbench.actions.title')}</h2>} data-testid="case-actions">
      {detail.allowedActions.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.workbench.actions.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {[...groups].map(([stepId, actions]) => {
            const step = detail.steps.find((s) => s.id === stepId);
            return (
              <Flex key={stepId} vertical gap={6}>
                {step && <Typography.Text strong>{t('cases.workbench.actions.onStep', { step: loc(step.name, lang) })}</Typography.Text>}
                <Flex gap={8} wrap>
                  {actions.map((a) => (
                    <Button
                      key={a.action}
                      type={positive.includes(a.action) ? 'primary' : 'default'}
                      danger={negative.includes(a.action)}
                      onClick={() => setOpen(a)}
                    >
                      {t(`cases.workbench.action.${a.action}`)}
                    </Button>
                  ))}
                </Flex>
              </Flex>
            );
          })}
        </Flex>
      )}
      {open && (
        <ActionDialog
          detail={detail}
          guide={guide}
          allowed={open}
          onClose={() => setOpen(undefined)}
          onReload={() => {
            setOpen(undefined);
            onReload();
          }}
        />
      )}
    </Card>
  );
}
