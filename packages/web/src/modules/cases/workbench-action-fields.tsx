import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography, Upload } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseErrorMessage } from './labels.ts';
import { acceptedFiles, type Upload as StoredUpload, uploadFile } from './upload.ts';

/** Form parts shared by the action dialogs: reasons, legal basis rows, missing-material rows, scanned files. */

export function textRules(t: TFunction, { required, min = 2, max }: { required: boolean; min?: number; max: number }): Rule[] {
  const rules: Rule[] = [{ max, message: t('cases.workbench.form.tooLong', { max }) }];
  if (required) {
    rules.unshift({ required: true, whitespace: true, message: t('common.required') });
    rules.push({ min, message: t('cases.workbench.form.tooShort', { min }) });
  }
  return rules;
}

/** One or more laws (and articles) the decision rests on; at least one is required. */
export function LegalBasisList({ name = 'legalBasis' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_r, rows?: { law?: string }[]) => {
            if (!rows?.some((r) => r?.law?.trim())) throw new Error(t('cases.workbench.form.legalBasisRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="tb-wb-fieldset">
          <legend>{t('cases.workbench.form.legalBasis')}</legend>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item
                name={[field.name, 'law']}
                label={t('cases.workbench.form.law', { n: index + 1 })}
                rules={textRules(t, { required: true, max: 200 })}
                style={{ flex: '2 1 220px', marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name={[field.name, 'article']}
                label={t('cases.workbench.form.article', { n: index + 1 })}
                rules={[{ max: 100, message: t('cases.workbench.form.tooLong', { max: 100 }) }]}
                style={{ flex: '1 1 120px', marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
              {fields.length > 1 && (
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('cases.workbench.form.removeLaw', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 30 }}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ law: '', article: '' })}>
            {t('cases.workbench.form.addLaw')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

/** What is missing (一次性告知): every row a description, optionally tied to one of the item's materials. */
export function MissingList({ materialOptions }: { materialOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name="missing"
      rules={[
        {
          validator: async (_r, rows?: unknown[]) => {
            if (!rows || rows.length === 0) throw new Error(t('cases.workbench.form.missingRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="tb-wb-fieldset">
          <legend>{t('cases.workbench.form.missing')}</legend>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item
                name={[field.name, 'materialId']}
                label={t('cases.workbench.form.missingMaterial', { n: index + 1 })}
                style={{ flex: '1 1 200px', marginBottom: 8 }}
              >
                <Select allowClear options={materialOptions} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'description']}
                label={t('cases.workbench.form.missingDescription', { n: index + 1 })}
                rules={textRules(t, { required: true, max: 500 })}
                style={{ flex: '2 1 240px', marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
              {fields.length > 1 && (
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('cases.workbench.form.removeMissing', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 30 }}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ description: '' })}>
            {t('cases.workbench.form.addMissing')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

/**
 * A file picker that uploads at once (scanned papers or a file the person brought) and holds the
 * stored upload as the form value.
 */
export function FileField({
  value,
  onChange,
  label,
  id,
}: {
  value?: StoredUpload | undefined;
  onChange?: (upload: StoredUpload | undefined) => void;
  label: string;
  id?: string;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const buttonText = value ? t('cases.workbench.form.replaceFile') : t('cases.workbench.form.chooseFile');
  return (
    <Flex vertical gap={4}>
      <Upload
        accept={acceptedFiles}
        showUploadList={false}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(undefined);
          try {
            onChange?.(await uploadFile(file as File));
          } catch (e) {
            setError(caseErrorMessage(t, e, i18n.language));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button id={id} icon={<UploadOutlined aria-hidden />} loading={busy} aria-label={`${buttonText}：${label}`}>
          {buttonText}
        </Button>
      </Upload>
      {value && (
        <Typography.Text type="success" data-testid="uploaded-file">
          {t('cases.workbench.form.uploaded', { name: value.fileName })}
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}
