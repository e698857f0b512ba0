import type { Delivery, ItemGuide, Me } from '@tongban/domain';
import { Alert, App, Skeleton } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { useFetchPreview, usePrefill } from '../../datahub/index.ts';
import { type Draft, useApplicationPreview, useSaveDraft, useSubmitCase } from '../cases.api.ts';
import { caseErrorMessage } from '../labels.ts';
import {
  type ApplyState,
  applicableValues,
  applicantChoices,
  definitionOf,
  draftBodyOf,
  initialState,
  materialRefs,
  newIdempotencyKey,
  resumeStep,
  type StepKey,
  stepsFor,
} from './apply-model.ts';
import { ApplyProgress } from './apply-progress.tsx';
import { StepApplicant } from './step-applicant.tsx';
import { StepConsent } from './step-consent.tsx';
import { StepForm } from './step-form.tsx';
import type { StepNavigation } from './step-frame.tsx';
import { StepMaterials } from './step-materials.tsx';
import { StepReview } from './step-review.tsx';
import { StepSituation } from './step-situation.tsx';

/** The apply wizard for one published item or one-go service: state, the steps' order, drafts and submission. */
export function ApplyWizard({ guide, me, draft }: { guide: ItemGuide; me: Me; draft: Draft | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const definition = useMemo(() => definitionOf(guide), [guide]);
  const choices = applicantChoices(guide, me);
  const [state, setState] = useState<ApplyState>(() => initialState(guide, me, draft));
  const [moved, setMoved] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  // One Idempotency-Key per submission attempt: a retry of the same application reuses it, so the
  // server answers with the case it already filed instead of filing a second one.
  const attempt = useRef<{ key: string; payload: string }>(undefined);
  const saveDraft = useSaveDraft();
  const submitCase = useSubmitCase();

  const enterprise = state.enterpriseCreditCode;
  const answersComplete = definition.situations.every((q) => Boolean(state.answers[q.id]));
  const hub = useFetchPreview({ item: guide.code, enterprise });
  const preview = useApplicationPreview(
    { itemCode: guide.code, answers: state.answers, enterpriseCreditCode: enterprise },
    answersComplete,
  );
  const applicable = new Set(preview.data?.materials.map((m) => m.materialId));
  const consentMaterials = (hub.data?.materials ?? []).filter((m) => m.consentRequired && (!preview.data || applicable.has(m.materialId)));
  const steps = stepsFor(guide, definition, state.answers, consentMaterials.length > 0);
  const [current, setCurrent] = useState<StepKey>(() => (draft ? resumeStep(steps, definition, state) : (steps[0] ?? 'materials')));
  const step = steps.includes(current) ? current : (steps.find((s) => s !== 'applicant') ?? 'review');
  const index = steps.indexOf(step);
  const prefill = usePrefill({ item: guide.code, enterprise }, step === 'form');

  const go = (key: StepKey | undefined) => {
    if (!key) return;
    setMoved(true);
    setSubmitError(undefined);
    setCurrent(key);
  };
  const patch = (p: Partial<ApplyState>) => setState((s) => ({ ...s, ...p }));
  const advance = (p: Partial<ApplyState> = {}) => {
    patch(p);
    go(steps[index + 1]);
  };

  const save = async () => {
    try {
      const saved = await saveDraft.mutateAsync({ id: state.draftId, body: draftBodyOf(guide.code, state) });
      patch({ draftId: saved.id });
      void message.success(t('cases.portal.apply.draftSaved'));
    } catch (e) {
      if (isApiError(e) && e.code === 'CASES_DRAFT_NOT_FOUND') patch({ draftId: undefined });
      void message.error(caseErrorMessage(t, e, lang));
    }
  };

  const nav: StepNavigation = {
    onBack: index > 0 ? () => go(steps[index - 1]) : undefined,
    onSaveDraft: () => void save(),
    savingDraft: saveDraft.isPending,
    focusHeading: moved,
  };

  const submit = async (delivery: Delivery) => {
    const next = { ...state, delivery };
    setState(next);
    const body = {
      itemCode: guide.code,
      answers: next.answers,
      form: applicableValues(definition, next.answers, next.form),
      materials: materialRefs(next),
      enterpriseCreditCode: next.enterpriseCreditCode,
      contact: {},
      delivery,
      draftId: next.draftId,
    };
    const payload = JSON.stringify(body);
    if (attempt.current?.payload !== payload) attempt.current = { key: newIdempotencyKey(), payload };
    setSubmitError(undefined);
    try {
      const filed = await submitCase.mutateAsync({ body, idempotencyKey: attempt.current.key });
      void navigate(`/my/cases/${filed.caseId}/receipt`, { replace: true });
    } catch (e) {
      const text = caseErrorMessage(t, e, lang);
      if (isApiError(e) && e.code === 'CASES_DRAFT_NOT_FOUND') patch({ draftId: undefined });
      if (isApiError(e) && e.code === 'CASES_FORM_INVALID' && steps.includes('form')) {
        go('form');
        void message.error(text);
      } else if (isApiError(e) && e.code === 'CASES_MATERIAL_MISSING') {
        go('materials');
        void message.error(text);
      } else setSubmitError(text);
    }
  };

  const waiting = <Skeleton active paragraph={{ rows: 6 }} />;
  const failed = (error: unknown) => <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, error, lang)} />;

  const body = (() => {
    switch (step) {
      case 'applicant':
        return (
          <StepApplicant
            choices={choices}
            enterpriseOnly={guide.content.applicantType === 'enterprise'}
            value={state.enterpriseCreditCode ?? (guide.content.applicantType === 'enterprise' ? undefined : 'self')}
            nav={nav}
            onNext={(creditCode) =>
              // Another applicant means other registry data: the form starts again from the new pre-fill.
              advance(creditCode === state.enterpriseCreditCode ? {} : { enterpriseCreditCode: creditCode, form: {} })
            }
          />
        );
      case 'situation':
        return (
          <StepSituation
            questions={definition.situations}
            value={state.answers}
            nav={nav}
            onChange={(answers) => patch({ answers })}
            onNext={(answers) => advance({ answers })}
          />
        );
      case 'form':
        if (prefill.isPending || (answersComplete && preview.isPending)) return waiting;
        return (
          <StepForm
            definition={definition}
            answers={state.answers}
            values={state.form}
            prefill={prefill.data}
            prefillFailed={prefill.isError}
            nav={nav}
            onChange={(form) => patch({ form })}
            onNext={(form) => advance({ form: { ...state.form, ...form } })}
          />
        );
      case 'materials':
        if (preview.isPending || hub.isPending) return waiting;
        if (preview.isError) return failed(preview.error);
        return (
          <StepMaterials
            materials={preview.data.materials}
            definition={definition.materials}
            hub={hub.data}
            value={state.uploads}
            nav={nav}
            onChange={(uploads) => patch({ uploads })}
            onNext={(uploads) => advance({ uploads })}
          />
        );
      case 'consent':
        return (
          <StepConsent
            itemCode={guide.code}
            enterpriseCreditCode={enterprise}
            materials={consentMaterials}
            nav={nav}
            onNext={() => advance()}
          />
        );
      default:
        if (preview.isPending) return waiting;
        if (preview.isError) return failed(preview.error);
        return (
          <StepReview
            definition={definition}
            state={state}
            preview={preview.data}
            applicant={choices.find((c) => c.creditCode === state.enterpriseCreditCode)}
            offersMail={guide.content.channels.includes('mail_result')}
            steps={steps}
            nav={nav}
            submitting={submitCase.isPending}
            error={submitError}
            onEdit={go}
            onSubmit={(delivery) => void submit(delivery)}
          />
        );
    }
  })();

  return (
    <div className="tb-apply" data-testid="apply-wizard" data-step={step}>
      <ApplyProgress steps={steps} current={index} />
      {body}
    </div>
  );
}
