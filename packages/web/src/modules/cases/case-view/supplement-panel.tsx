import { ExclamationCircleFilled } from '@ant-design/icons';
import type { CaseDetail } from '@tongban/domain';
import { Alert, App, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplicantAction } from '../cases.api.ts';
import { type ChosenFile, FileField } from '../file-field.tsx';
import { caseErrorMessage, formatDateTime, loc } from '../labels.ts';

type Request = NonNullable<CaseDetail['supplementRequest']>;

/** A missing item the department named without a catalogue material gets its own id for the upload. */
function missingKey(item: Request['missing'][number], index: number): string {
  return item.materialId ?? `supplement-${index + 1}`;
}

/**
 * 补正: exactly what the department asked for, one upload per missing item, and one submit. The
 * case version goes along so a department change in between is noticed rather than overwritten.
 */
export function SupplementPanel({ detail, request, canSupply }: { detail: CaseDetail; request: Request; canSupply: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const { supply } = useApplicantAction(detail.id);
  const [files, setFiles] = useState<Record<string, ChosenFile>>({});
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const noteId = useId();
  const nameOf = (item: Request['missing'][number]) => {
    const known = item.materialId ? detail.materials.find((m) => m.materialId === item.materialId)?.name : undefined;
    return known ? loc(known, lang) : item.description;
  };
  const missingFiles = request.missing.filter((m, i) => !files[missingKey(m, i)]);

  const submit = async () => {
    setTried(true);
    if (missingFiles.length > 0) {
      setError(t('cases.portal.supplement.uploadAll', { count: missingFiles.length }));
      return;
    }
    setError(undefined);
    try {
      await supply.mutateAsync({
        expectedVersion: detail.version,
        materials: request.missing.map((m, i) => ({
          materialId: missingKey(m, i),
          uploadId: (files[missingKey(m, i)] as ChosenFile).uploadId,
        })),
        note: note.trim() || undefined,
      });
      void message.success(t('cases.portal.supplement.sent'));
    } catch (e) {
      setError(caseErrorMessage(t, e, lang));
    }
  };

  return (
    <section className="tb-supplement" aria-labelledby="supplement-title" data-testid="supplement-panel">
      <h2 id="supplement-title" className="tb-section-title">
        <ExclamationCircleFilled aria-hidden className="tb-supplement-icon" /> {t('cases.portal.supplement.title')}
      </h2>
      <p>
        {t('cases.portal.supplement.asked', { at: formatDateTime(request.at, lang) })}
        <strong>{request.reason}</strong>
      </p>
      <h3 className="tb-supplement-subtitle">{t('cases.portal.supplement.missing', { count: request.missing.length })}</h3>
      <ol className="tb-apply-list tb-supplement-list" data-testid="supplement-missing">
        {request.missing.map((item, i) => {
          const key = missingKey(item, i);
          const name = nameOf(item);
          return (
            <li key={key} className="tb-apply-item">
              <div className="tb-apply-item-name">
                <span className="tb-apply-item-title">{name}</span>
              </div>
              {name !== item.description && <p className="tb-apply-item-note">{item.description}</p>}
              {canSupply && (
                <FileField
                  materialName={name}
                  value={files[key]}
                  onChange={(file) =>
                    setFiles((all) => {
                      const next = { ...all };
                      if (file) next[key] = file;
                      else delete next[key];
                      return next;
                    })
                  }
                  missing={tried && !files[key]}
                />
              )}
            </li>
          );
        })}
      </ol>
      {canSupply && (
        <>
          <label htmlFor={noteId} className="tb-field-label">
            {t('cases.portal.supplement.note')}
          </label>
          <Input.TextArea
            id={noteId}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
          {error && <Alert type="error" showIcon role="alert" title={error} className="tb-apply-error" />}
          <div className="tb-apply-footer">
            <Button type="primary" onClick={() => void submit()} loading={supply.isPending}>
              {t('cases.portal.supplement.submit')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
