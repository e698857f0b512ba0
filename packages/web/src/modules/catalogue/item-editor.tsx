import './item-editor.css';
import type { ServiceItemContent } from '@tongban/domain';
import { Alert, App, Button, Card, Form, Tabs } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../ui/api-errors.ts';
import { useCatalogueMutations, type VersionDetail } from './catalogue.api.ts';
import { EditorBasics } from './editor-basics.tsx';
import { EditorFormFields } from './editor-form-fields.tsx';
import { EditorJson } from './editor-json.tsx';
import { EditorMaterials } from './editor-materials.tsx';
import {
  type EditorTab,
  type EditorValues,
  editorTabs,
  type FieldIssue,
  issuesOf,
  messageIn,
  placeIssue,
  tabOfField,
  toContent,
  toFormValues,
} from './editor-model.ts';
import { EditorProcess } from './editor-process.tsx';
import { EditorSituations } from './editor-situations.tsx';

type Props = { detail: VersionDetail; onSaved: () => void };

/** The open tab lives in the URL (`?tab=materials`), so it survives the reload after a save and can be linked. */
function useEditorTab(): [EditorTab, (tab: EditorTab) => void] {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab = (editorTabs as readonly string[]).includes(requested ?? '') ? (requested as EditorTab) : 'basics';
  const setTab = (next: EditorTab) =>
    setParams(
      (p) => {
        p.set('tab', next);
        return p;
      },
      { replace: true },
    );
  return [tab, setTab];
}

function EditorForm({
  detail,
  base,
  onSaved,
  onReplace,
}: Props & { base: ServiceItemContent; onReplace: (c: ServiceItemContent) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const { save } = useCatalogueMutations(detail.code);
  const [tab, setTab] = useEditorTab();
  // Filled when the JSON tab is opened; here too when the editor opens on it (a link, or after "apply").
  const [json, setJson] = useState(() => ({ text: tab === 'json' ? JSON.stringify(base, null, 2) : '', dirty: false }));
  const [jsonError, setJsonError] = useState<string>();
  const [jsonIssues, setJsonIssues] = useState<FieldIssue[]>([]);
  // The cause, not its wording, so a language switch re-words it.
  const [topError, setTopError] = useState<{ error: unknown } | 'fix'>();
  // A tab's fields exist once it has been opened (antd renders a panel on first view and keeps it):
  // editing the basics never pays for fifty materials. Server issues of a tab not opened yet wait
  // in `pending` until it is; issues no field encloses (the steps' total time) go in `unplaced`.
  const [visited, setVisited] = useState<ReadonlySet<EditorTab>>(() => new Set([tab]));
  const [pending, setPending] = useState<FieldIssue[]>([]);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [focusIssue, setFocusIssue] = useState<string>();
  const [fieldErrorCounts, setFieldErrorCounts] = useState<Partial<Record<EditorTab, number>>>({});

  useEffect(() => setVisited((v) => (v.has(tab) ? v : new Set([...v, tab]))), [tab]);

  const countFieldErrors = () => {
    const counts: Partial<Record<EditorTab, number>> = {};
    for (const f of form.getFieldsError()) {
      if (f.errors.length === 0) continue;
      const key = tabOfField(f.name.join('.'));
      counts[key] = (counts[key] ?? 0) + 1;
    }
    // Called on every keystroke: re-render the whole editor only when a tab's count changed.
    setFieldErrorCounts((previous) => (JSON.stringify(previous) === JSON.stringify(counts) ? previous : counts));
  };
  const errorCount = (key: EditorTab) =>
    (fieldErrorCounts[key] ?? 0) + [...unplaced, ...pending].filter((i) => tabOfField(i.field) === key).length;

  // Focus moves to a field once its tab is shown (a hidden field cannot take focus).
  const [focusTarget, setFocusTarget] = useState<NamePath>();
  const scrollTo = (name: NamePath) => setFocusTarget(name);
  useEffect(() => {
    if (focusTarget === undefined || tabOfField([focusTarget].flat().join('.')) !== tab) return;
    form.scrollToField(focusTarget, { block: 'center' });
    form.focusField(focusTarget);
    setFocusTarget(undefined);
  }, [focusTarget, tab, form]);

  const describe = (issue: FieldIssue, placedOn: string) => {
    const text =
      issue.code === 'VALIDATION_FAILED'
        ? t('catalogue.editor.invalidValue', { detail: issue.message })
        : messageIn(issue.message, i18n.language);
    return placedOn === issue.field ? text : `${issue.field.slice(placedOn.length + 1)}: ${text}`;
  };

  // Puts the pending issues of opened tabs on their fields, once those fields exist.
  useEffect(() => {
    const ready = pending.filter((i) => visited.has(tabOfField(i.field)));
    if (ready.length === 0) return;
    const registered = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name as NamePath]));
    const placed = new Map<string, string[]>();
    const loose: FieldIssue[] = [];
    for (const issue of ready) {
      const name = placeIssue(issue.field, [...registered.keys()]);
      if (name) placed.set(name, [...(placed.get(name) ?? []), describe(issue, name)]);
      else loose.push({ ...issue, message: messageIn(issue.message, i18n.language) });
    }
    form.setFields([...placed].map(([name, errors]) => ({ name: registered.get(name) as NamePath, errors })));
    setUnplaced((u) => [...u, ...loose]);
    setPending((p) => p.filter((i) => !ready.includes(i)));
    countFieldErrors();
    const target = focusIssue && ready.some((i) => i.field === focusIssue) ? placeIssue(focusIssue, [...registered.keys()]) : undefined;
    if (target) {
      scrollTo(registered.get(target) as NamePath);
      setFocusIssue(undefined);
    }
  });

  const showServerErrors = (error: unknown, fromJson: boolean) => {
    const issues = issuesOf(error);
    setTopError({ error });
    if (fromJson) {
      setJsonIssues(issues.map((i) => ({ ...i, message: messageIn(i.message, i18n.language) })));
      setTab('json');
      return;
    }
    setPending(issues);
    const first = issues[0];
    if (first) {
      setFocusIssue(first.field);
      setTab(tabOfField(first.field));
    }
  };

  const onSave = async () => {
    setTopError(undefined);
    setUnplaced([]);
    setPending([]);
    setJsonIssues([]);
    let content: ServiceItemContent;
    const fromJson = json.dirty;
    if (fromJson) {
      try {
        content = JSON.parse(json.text) as ServiceItemContent;
        setJsonError(undefined);
      } catch (error) {
        setJsonError(t('catalogue.admin.jsonInvalid', { message: (error as Error).message }));
        setTab('json');
        return;
      }
    } else {
      try {
        await form.validateFields();
      } catch (error) {
        const first = (error as { errorFields?: { name: NamePath }[] }).errorFields?.[0];
        countFieldErrors();
        setTopError('fix');
        if (first) {
          setTab(tabOfField((first.name as (string | number)[]).join('.')));
          scrollTo(first.name);
        }
        return;
      }
      content = toContent(form.getFieldsValue(true), base);
    }
    try {
      const saved = await save.mutateAsync(content);
      message.success(saved.created ? t('catalogue.admin.newDraftCreated', { version: saved.version }) : t('common.saved'));
      onSaved();
    } catch (error) {
      showServerErrors(error, fromJson);
    }
  };

  const openTab = (next: string) => {
    // The JSON shows what the tabs hold now, unless it has edits of its own.
    if (next === 'json' && !json.dirty)
      setJson({ text: JSON.stringify(toContent(form.getFieldsValue(true), base), null, 2), dirty: false });
    setTab(next as EditorTab);
  };

  const applyJson = () => {
    try {
      onReplace(JSON.parse(json.text) as ServiceItemContent);
    } catch (error) {
      setJsonError(t('catalogue.admin.jsonInvalid', { message: (error as Error).message }));
    }
  };

  const looseAlert = (key: EditorTab) => {
    const list = unplaced.filter((i) => tabOfField(i.field) === key);
    if (list.length === 0) return null;
    return <Alert type="error" showIcon className="tb-editor-alert" title={list.map((i) => i.message).join(' ')} />;
  };

  // The same elements on every render, so React skips the tabs' big subtrees when only the tab,
  // the error counts or the JSON text change (they re-render themselves on the form fields they watch).
  const panes = useMemo<Record<Exclude<EditorTab, 'json'>, React.ReactNode>>(
    () => ({
      basics: <EditorBasics code={detail.code} />,
      situations: <EditorSituations />,
      materials: <EditorMaterials />,
      form: <EditorFormFields />,
      process: <EditorProcess />,
    }),
    [detail.code],
  );
  const paneOf = (key: EditorTab) =>
    key === 'json' ? (
      <EditorJson
        text={json.text}
        dirty={json.dirty}
        error={jsonError}
        issues={jsonIssues}
        onChange={(text) => setJson({ text, dirty: true })}
        onApply={applyJson}
      />
    ) : (
      panes[key]
    );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toFormValues(base)}
      onFieldsChange={countFieldErrors}
      // Enter in a field saves too; onSave validates and shows what is wrong either way.
      onFinish={() => void onSave()}
      onFinishFailed={() => void onSave()}
      className="tb-item-editor"
    >
      {topError && (
        <Alert
          type="error"
          showIcon
          title={topError === 'fix' ? t('catalogue.editor.fixMarked') : errorMessage(t, topError.error)}
          className="tb-editor-alert"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={openTab}
        items={editorTabs.map((key) => {
          const errors = errorCount(key);
          return {
            key,
            label: (
              <span className="tb-tab-label" data-errors={errors || undefined}>
                {t(`catalogue.editor.tab.${key}`)}
                {errors > 0 && (
                  <>
                    <span className="tb-tab-errors" aria-hidden>
                      {errors}
                    </span>
                    <span className="tb-visually-hidden">{t('catalogue.editor.tabErrors', { count: errors })}</span>
                  </>
                )}
              </span>
            ),
            children: (
              <>
                {looseAlert(key)}
                {paneOf(key)}
              </>
            ),
          };
        })}
      />
      <div className="tb-editor-actions">
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending}>
          {t('catalogue.admin.saveDraft')}
        </Button>
        {json.dirty && <span className="tb-muted">{t('catalogue.editor.savesJson')}</span>}
      </div>
    </Form>
  );
}

/** The draft's editor: every element of the item in tabs, one "save draft" for all of them. */
export function ItemEditor({ detail, onSaved }: Props) {
  const { t } = useTranslation();
  const [base, setBase] = useState(detail.content);
  const [generation, setGeneration] = useState(0);
  return (
    <Card title={<h2 className="tb-card-title">{t('catalogue.admin.editTitle', { version: detail.version })}</h2>}>
      {detail.status !== 'draft' && (
        <Alert type="info" showIcon title={t('catalogue.admin.editCreatesDraft')} className="tb-editor-alert" />
      )}
      <EditorForm
        key={generation}
        detail={detail}
        base={base}
        onSaved={onSaved}
        onReplace={(content) => {
          setBase(content);
          setGeneration((g) => g + 1);
        }}
      />
    </Card>
  );
}
