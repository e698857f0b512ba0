import { Alert, App, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { type UsageEntry, useFileObjection } from './datahub.api.ts';

/** "I object": the person says why (4–1000 characters); the 12345 hotline follows it up with the department. */
export function ObjectionDialog({ entry, describe, onClose }: { entry: UsageEntry; describe: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useFileObjection();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const reasonId = useId();

  const send = async () => {
    if (reason.trim().length < 4) {
      setError(t('datahub.citizen.objection.reasonRule'));
      return;
    }
    setError(undefined);
    try {
      await file.mutateAsync({ entryId: entry.id, reason: reason.trim() });
      void message.success(t('datahub.citizen.objection.sent'));
      onClose();
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  return (
    <Modal
      open
      title={t('datahub.citizen.objection.title')}
      okText={t('datahub.citizen.objection.send')}
      okButtonProps={{ loading: file.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => void send()}
      onCancel={onClose}
    >
      <p>{describe}</p>
      <p className="tb-muted">{t('datahub.citizen.objection.help')}</p>
      <label htmlFor={reasonId} className="tb-field-label">
        {t('datahub.citizen.objection.reason')}
      </label>
      <Input.TextArea
        id={reasonId}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={1000}
        autoSize={{ minRows: 3, maxRows: 6 }}
        aria-invalid={error ? true : undefined}
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
