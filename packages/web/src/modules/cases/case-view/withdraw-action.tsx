import { RollbackOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@tongban/domain';
import { Alert, App, Button, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplicantAction } from '../cases.api.ts';
import { caseErrorMessage } from '../labels.ts';

/** Withdraw before the decision: a confirmation that says what it means, and the reason (2–1000 characters). */
export function WithdrawAction({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { withdraw } = useApplicantAction(detail.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const reasonId = useId();

  const confirm = async () => {
    if (reason.trim().length < 2) {
      setError(t('cases.portal.withdraw.reasonRule'));
      return;
    }
    setError(undefined);
    try {
      await withdraw.mutateAsync({ expectedVersion: detail.version, reason: reason.trim() });
      setOpen(false);
      void message.success(t('cases.portal.withdraw.done'));
    } catch (e) {
      setError(caseErrorMessage(t, e, i18n.language));
    }
  };

  return (
    <>
      <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('cases.portal.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('cases.portal.withdraw.title')}
        okText={t('cases.portal.withdraw.confirm')}
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('cases.portal.withdraw.explain', { trackingNumber: detail.trackingNumber })}</p>
        <label htmlFor={reasonId} className="tb-field-label">
          {t('cases.portal.withdraw.reason')}
        </label>
        <Input.TextArea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          autoSize={{ minRows: 3, maxRows: 6 }}
          aria-invalid={error ? true : undefined}
        />
        {error && <Alert type="error" showIcon role="alert" title={error} className="tb-apply-error" />}
      </Modal>
    </>
  );
}
