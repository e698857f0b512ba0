import './workbench.css';
import { SendOutlined } from '@ant-design/icons';
import { type CaseSubmitResponse, isValidResidentId, type PersonLookup } from '@tongban/domain';
import { Alert, Button, Card, Flex, Form, type InputRef, Steps, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { usePrefill } from '../datahub/index.ts';
import { caseErrorMessage, formatDate, loc } from './labels.ts';
import { idNumberState } from './staff-rules.ts';
import type { Upload } from './upload.ts';
import { useGuide, useIntakePreview, usePersonLookup, useWindowIntake } from './workbench.api.ts';
import { WorkbenchCaseLookup } from './workbench-case-lookup.tsx';
import { IntakeFormFields, IntakeItemPicker, IntakeMaterials, IntakeSituations } from './workbench-intake-form.tsx';
import { IntakePerson } from './workbench-intake-person.tsx';
import { IntakeReceipt } from './workbench-intake-receipt.tsx';

type FormValues = Record<string, unknown> & { materials?: Record<string, Upload | undefined> };

function Section({ n, title, children, testId }: { n: number; title: string; children: ReactNode; testId: string }) {
  return (
    <Card data-testid={testId}>
      <section aria-labelledby={`intake-section-${n}`}>
        <h2 id={`intake-section-${n}`} className="tb-card-title" style={{ marginBottom: 12 }}>
          <span className="tb-wb-step-number" aria-hidden>
            {n}
          </span>{' '}
          {title}
        </h2>
        {children}
      </section>
    </Card>
  );
}

/**
 * Window intake for a walk-in person (any service centre, any item offered at a window): ID number →
 * person → item → situations → form → scans → submit → receipt. Each section opens when the one
 * before it is done; Enter moves on.
 */
function NewIntake({ centreId }: { centreId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [idNumber, setIdNumber] = useState('');
  const [itemCode, setItemCode] = useState<string>();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<{
    response: CaseSubmitResponse;
    person: PersonLookup;
    itemName: { zh: string; en: string };
    departmentName: { zh: string; en: string };
  }>();
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<FormValues>();
  const idempotencyKey = useRef<string | undefined>(undefined);
  const idRef = useRef<InputRef>(null);
  const itemRef = useRef<{ focus: () => void } | null>(null);
  const itemId = useId();
  const focusNext = useRef(false);

  const validId = idNumberState(idNumber, isValidResidentId) === 'valid' ? idNumber.trim().toUpperCase() : undefined;
  const person = usePersonLookup(validId);
  const found = validId && person.data?.alive ? person.data : undefined;
  const guide = useGuide(found ? itemCode : undefined);
  const questions = guide.data ? (guide.data.bundle?.situations ?? guide.data.content.situations) : [];
  const answered = questions.every((q) => answers[q.id] !== undefined);
  const windowOffered = guide.data ? guide.data.content.channels.includes('window') : true;
  const preview = useIntakePreview(
    found && guide.data && answered && windowOffered
      ? { itemCode: guide.data.code, answers, applicantIdNumber: validId as string }
      : undefined,
  );
  // What the registries hold for the person present, through the data hub: each read is logged
  // for that person to see ("who used my data").
  const prefill = usePrefill({ item: guide.data?.code ?? '', applicant: validId }, Boolean(found && guide.data && windowOffered));
  const submit = useWindowIntake();

  // Keyboard flow: once the item's guide is there, go on to its first question (or the first empty field).
  const afterItem = useRef<HTMLDivElement>(null);
  const guideCode = guide.data?.code;
  // Without questions the form comes first: wait for its pre-filled values to find the first empty field.
  const readyToFocus = Boolean(guideCode) && (questions.length > 0 || prefill.isFetched);
  useEffect(() => {
    if (!readyToFocus || !focusNext.current) return;
    focusNext.current = false;
    // The guide arrived; its sections render in the next frame.
    requestAnimationFrame(() => {
      const root = afterItem.current;
      const radio = root?.querySelector<HTMLInputElement>('input[type=radio]');
      const fields = [...(root?.querySelectorAll<HTMLInputElement>('input:not([type=file]), textarea') ?? [])];
      (radio ?? fields.find((f) => f.value === '') ?? fields[0])?.focus();
    });
  }, [readyToFocus]);

  // Fill what the registries already know, leaving anything the clerk typed alone.
  useEffect(() => {
    if (!prefill.data) return;
    for (const [key, value] of Object.entries(prefill.data.values)) {
      if (!form.isFieldTouched(key)) form.setFieldValue(key, value);
    }
  }, [prefill.data, form]);

  const reset = () => {
    setIdNumber('');
    setItemCode(undefined);
    setAnswers({});
    setReceipt(undefined);
    setFormError(undefined);
    form.resetFields();
    idempotencyKey.current = undefined;
    setTimeout(() => idRef.current?.focus(), 0);
  };

  const onFinish = async (values: FormValues) => {
    if (!found || !guide.data || !preview.data) return;
    setFormError(undefined);
    const { materials = {}, ...formValues } = values;
    const cleaned = Object.fromEntries(
      Object.entries(formValues)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [k, typeof v === 'number' ? v : String(v).trim()]),
    ) as Record<string, string | number>;
    // One key per attempt: a retry after a lost answer is answered by the server, not filed twice.
    idempotencyKey.current ??= crypto.randomUUID();
    try {
      const response = await submit.mutateAsync({
        idempotencyKey: idempotencyKey.current,
        body: {
          itemCode: guide.data.code,
          applicantIdNumber: validId as string,
          answers,
          form: cleaned,
          materials: Object.entries(materials)
            .filter((e): e is [string, Upload] => e[1] !== undefined)
            .map(([materialId, upload]) => ({ materialId, uploadId: upload.id })),
          contact: {},
          // The result waits at this centre unless the person asks otherwise.
          delivery: centreId ? { method: 'pickup', serviceCentreId: centreId } : { method: 'download' },
        },
      });
      idempotencyKey.current = undefined;
      setReceipt({ response, person: found, itemName: guide.data.content.name, departmentName: guide.data.department.name });
    } catch (e) {
      const fieldMap = Object.fromEntries(Object.keys(cleaned).map((k) => [`form.${k}`, k]));
      setFormError(showErrorOnForm(form, t, e, fieldMap) && caseErrorMessage(t, e, lang));
    }
  };

  if (receipt)
    return (
      <IntakeReceipt
        receipt={receipt.response}
        person={receipt.person}
        itemName={receipt.itemName}
        departmentName={receipt.departmentName}
        onNext={reset}
      />
    );

  const current = !found ? 0 : !guide.data ? 1 : !answered ? 2 : 3;
  return (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        current={current}
        items={[
          { title: t('cases.workbench.intake.stepPerson') },
          { title: t('cases.workbench.intake.stepItem') },
          { title: t('cases.workbench.intake.stepSituations') },
          { title: t('cases.workbench.intake.stepForm') },
        ]}
      />
      <Section n={1} title={t('cases.workbench.intake.stepPerson')} testId="intake-person">
        <IntakePerson
          value={idNumber}
          onChange={(v) => {
            setIdNumber(v);
            setItemCode(undefined);
            setAnswers({});
            form.resetFields();
          }}
          onEnter={() => itemRef.current?.focus()}
          inputRef={idRef}
        />
      </Section>
      {found && (
        <Section n={2} title={t('cases.workbench.intake.stepItem')} testId="intake-item">
          <Flex vertical gap={8}>
            <label htmlFor={itemId} className="tb-wb-field-label">
              {t('cases.workbench.intake.item')}
            </label>
            <Typography.Text type="secondary" id={`${itemId}-help`}>
              {t('cases.workbench.intake.itemPlaceholder')}
            </Typography.Text>
            <IntakeItemPicker
              id={itemId}
              value={itemCode}
              selectRef={itemRef as never}
              onChange={(code) => {
                focusNext.current = true;
                setItemCode(code);
                setAnswers({});
                form.resetFields();
              }}
            />
            {guide.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, guide.error)} />}
            {guide.data && !windowOffered && <Alert type="warning" showIcon role="alert" title={t('cases.workbench.intake.notAtWindow')} />}
            {guide.data && (
              <Typography.Text type="secondary">
                {t('cases.workbench.intake.itemFacts', {
                  days: guide.data.content.promisedDays,
                  department: loc(guide.data.department.name, lang),
                })}
              </Typography.Text>
            )}
          </Flex>
        </Section>
      )}
      <div ref={afterItem} style={{ display: 'contents' }}>
        {found && guide.data && windowOffered && questions.length > 0 && (
          <Section n={3} title={t('cases.workbench.intake.stepSituations')} testId="intake-situations">
            <IntakeSituations questions={questions} answers={answers} onChange={setAnswers} />
          </Section>
        )}
        {found && guide.data && windowOffered && answered && (
          <Section n={questions.length > 0 ? 4 : 3} title={t('cases.workbench.intake.stepForm')} testId="intake-form">
            <Form form={form} layout="vertical" onFinish={onFinish} name="intake" scrollToFirstError>
              {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
              {preview.isError && <Alert type="error" showIcon role="alert" title={caseErrorMessage(t, preview.error, lang)} />}
              <IntakeFormFields guide={guide.data} answers={answers} />
              <h3 className="tb-wb-subtitle">{t('cases.workbench.intake.papers')}</h3>
              {preview.data && <IntakeMaterials preview={preview.data} />}
              <Flex gap={12} align="center" wrap style={{ marginTop: 16 }}>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  icon={<SendOutlined aria-hidden />}
                  loading={submit.isPending}
                  disabled={!preview.data}
                >
                  {t('cases.workbench.intake.submit')}
                </Button>
                {preview.data && (
                  <Typography.Text type="secondary">
                    {t('cases.workbench.intake.promised', { date: formatDate(preview.data.expectedCompletionDate, lang) })}
                  </Typography.Text>
                )}
              </Flex>
            </Form>
          </Section>
        )}
      </div>
    </Flex>
  );
}

/** The window: file a new case for the person present, or continue one of theirs by tracking number. */
export function WorkbenchIntake({ centreId }: { centreId: string | null }) {
  const { t } = useTranslation();
  const compact = useMediaQuery(phoneQuery);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('cases.workbench.intake.title')}
      </Typography.Title>
      <Tabs
        size={compact ? 'middle' : 'large'}
        items={[
          { key: 'new', label: t('cases.workbench.intake.tabNew'), children: <NewIntake centreId={centreId} /> },
          { key: 'lookup', label: t('cases.workbench.intake.tabLookup'), children: <WorkbenchCaseLookup /> },
        ]}
      />
    </Flex>
  );
}
