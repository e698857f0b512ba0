import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** Asks for the reason of a withdrawal or a send-back (kept with the version, shown to the author). */
export function ReasonModal({
  title,
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  title: string;
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      onOk={() => void form.validateFields().then((v) => onSubmit(v.reason.trim()))}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('catalogue.admin.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('catalogue.admin.reasonRule') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
