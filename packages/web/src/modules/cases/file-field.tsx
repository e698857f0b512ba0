import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { caseErrorMessage, formatBytes, messageIn } from './labels.ts';
import { acceptedFiles, type Upload, uploadFile } from './upload.ts';

export type ChosenFile = { uploadId: string; fileName: string; sizeBytes: number | null };

/**
 * A file picker for one material: a real `<input type="file">` (visually hidden, still focusable,
 * named "上传：<material>") behind a button-like label; the file is sent at once and the server's
 * verdict on type and size is shown right under it.
 */
export function FileField({
  materialName,
  value,
  onChange,
  missing,
}: {
  materialName: string;
  value: ChosenFile | undefined;
  onChange: (file: ChosenFile | undefined) => void;
  /** Shown when the applicant tried to go on without this required file. */
  missing?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const upload: Upload = await uploadFile(file);
      onChange({ uploadId: upload.id, fileName: upload.fileName, sizeBytes: upload.sizeBytes });
    } catch (e) {
      // Upload refusals (type, size, malware, empty file) carry the server's exact words.
      setError(
        isApiError(e) && e.status >= 400 && e.status < 500 ? messageIn(e.message, i18n.language) : caseErrorMessage(t, e, i18n.language),
      );
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const errorId = `${id}-error`;
  const describedBy = error || missing ? errorId : undefined;
  return (
    <div className="tb-upload-field" data-testid="file-field">
      {value && (
        <p className="tb-upload-chosen" data-testid="file-chosen">
          <PaperClipOutlined aria-hidden /> <span className="tb-upload-name">{value.fileName || t('cases.portal.file.unnamed')}</span>
          {value.sizeBytes !== null && <span className="tb-muted"> · {formatBytes(value.sizeBytes)}</span>}
        </p>
      )}
      <div className="tb-upload-actions">
        <input
          ref={input}
          id={id}
          type="file"
          className="tb-upload-input"
          accept={acceptedFiles}
          aria-label={t('cases.portal.file.uploadFor', { name: materialName })}
          aria-describedby={describedBy}
          aria-invalid={error || missing ? true : undefined}
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        <label htmlFor={id} className={`tb-upload-button${busy ? ' tb-upload-button-busy' : ''}`} aria-hidden>
          {busy ? <LoadingOutlined /> : <UploadOutlined />}
          <span>{busy ? t('cases.portal.file.uploading') : value ? t('cases.portal.file.replace') : t('cases.portal.file.choose')}</span>
        </label>
        {value && !busy && (
          <Button
            icon={<DeleteOutlined aria-hidden />}
            onClick={() => onChange(undefined)}
            aria-label={t('cases.portal.file.removeFor', { name: materialName })}
          >
            {t('cases.portal.file.remove')}
          </Button>
        )}
      </div>
      {error && (
        <Alert id={errorId} type="error" showIcon role="alert" className="tb-upload-error" title={error} data-testid="upload-error" />
      )}
      {!error && missing && (
        <p id={errorId} className="tb-field-error" role="alert">
          {t('cases.portal.file.required')}
        </p>
      )}
    </div>
  );
}
