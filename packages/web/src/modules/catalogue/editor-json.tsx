import { Alert, Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from './editor-model.ts';

/**
 * 高级 (JSON): the whole content as JSON, for what the tabs do not cover (bundle members, field
 * limits). "Apply" loads it into the tabs; saving with unapplied JSON saves the JSON as it is.
 */
export function EditorJson({
  text,
  dirty,
  error,
  issues,
  onChange,
  onApply,
}: {
  text: string;
  dirty: boolean;
  error: string | undefined;
  issues: readonly FieldIssue[];
  onChange: (text: string) => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="tb-editor-tab">
      <p className="tb-muted">{t('catalogue.admin.advancedJsonHelp')}</p>
      <Input.TextArea
        aria-label={t('catalogue.admin.advancedJson')}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 12, maxRows: 30 }}
        className="tb-code"
        spellCheck={false}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('catalogue.editor.issuesTitle', { count: issues.length })}
          description={
            <ul className="tb-issues">
              {issues.map((i) => (
                <li key={`${i.field}-${i.message}`}>
                  <code>{i.field}</code> {i.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <p className="tb-muted" style={{ marginTop: 8 }}>
        {dirty ? t('catalogue.editor.jsonDirty') : t('catalogue.editor.jsonClean')}
      </p>
      <Button onClick={onApply} disabled={!dirty}>
        {t('catalogue.editor.applyJson')}
      </Button>
    </div>
  );
}
