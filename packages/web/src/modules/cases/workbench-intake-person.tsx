import { CheckCircleFilled, CloseCircleFilled, IdcardOutlined } from '@ant-design/icons';
import { isValidResidentId, type PersonLookup } from '@tongban/domain';
import { Alert, Button, Descriptions, Flex, Input, type InputRef, Tag, Typography } from 'antd';
import { type Ref, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/api-errors.ts';
import { idNumberState } from './staff-rules.ts';
import { usePersonLookup, useReadIdCard } from './workbench.api.ts';

/**
 * The walk-in person's resident ID number, checked as it is typed (length, then the GB 11643 check
 * character), then looked up in the population registry (the page reads the same cached lookup).
 */
export function IntakePerson({
  value,
  onChange,
  onEnter,
  inputRef,
}: {
  value: string;
  onChange: (idNumber: string) => void;
  /** Enter pressed with a person found: go on to the next section. */
  onEnter: (person: PersonLookup) => void;
  inputRef?: Ref<InputRef>;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const state = idNumberState(value, isValidResidentId);
  const normalised = value.trim().toUpperCase();
  // The person's presence: their ID card read at this seat (the registry lookup waits for it).
  const readCard = useReadIdCard();
  const cardRead = readCard.isSuccess && readCard.variables === normalised ? readCard.data : undefined;
  const person = usePersonLookup(state === 'valid' ? normalised : undefined);
  const found = state === 'valid' ? person.data : undefined;

  const status =
    state === 'valid' ? (
      <Typography.Text type="success">
        <CheckCircleFilled aria-hidden /> {t('cases.workbench.intake.idValid')}
      </Typography.Text>
    ) : state === 'invalid' ? (
      <Typography.Text type="danger">
        <CloseCircleFilled aria-hidden /> {t('cases.workbench.intake.idInvalid')}
      </Typography.Text>
    ) : state === 'typing' ? (
      <Typography.Text type="secondary">{t('cases.workbench.intake.idTyping', { count: 18 - normalised.length })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('cases.workbench.intake.idHelp')}</Typography.Text>
    );

  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <label htmlFor={id} className="tb-wb-field-label">
          {t('cases.workbench.intake.idNumber')}
        </label>
        <Input
          id={id}
          ref={inputRef}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\s/g, '').toUpperCase().slice(0, 18))}
          onPressEnter={() => found?.alive && onEnter(found)}
          prefix={<IdcardOutlined aria-hidden />}
          size="large"
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          status={state === 'invalid' ? 'error' : undefined}
          aria-describedby={`${id}-status`}
          aria-invalid={state === 'invalid'}
          style={{ maxWidth: 360 }}
          className="tb-wb-mono"
          autoFocus
        />
        <div id={`${id}-status`} aria-live="polite" data-testid="id-status">
          {status}
        </div>
        <Flex gap={8} align="center" wrap>
          <Button
            icon={<IdcardOutlined aria-hidden />}
            onClick={() => readCard.mutate(normalised)}
            loading={readCard.isPending}
            disabled={state !== 'valid'}
            data-testid="read-id-card"
          >
            {t('cases.workbench.intake.readCard')}
          </Button>
          {cardRead ? (
            <Tag className="tb-wb-ok" data-testid="card-read">
              {t('cases.workbench.intake.cardRead', {
                time: new Date(cardRead.expiresAt).toLocaleTimeString(i18n.language, {
                  hour: '2-digit',
                  minute: '2-digit',
                  timeZone: 'Asia/Shanghai',
                }),
              })}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{t('cases.workbench.intake.readCardHelp')}</Typography.Text>
          )}
        </Flex>
        {readCard.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, readCard.error)} />}
      </Flex>
      {state === 'valid' && person.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, person.error)} />}
      {found && (
        <Flex vertical gap={8} data-testid="person-found">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'name', label: t('cases.workbench.intake.name'), children: <strong>{found.name}</strong> },
              {
                key: 'id',
                label: t('cases.workbench.intake.idNumber'),
                children: <span className="tb-wb-mono">{found.idNumberMasked}</span>,
              },
              {
                key: 'sex',
                label: t('cases.workbench.intake.sex'),
                children: t(`cases.workbench.intake.${found.sex}`),
              },
              { key: 'birth', label: t('cases.workbench.intake.birthDate'), children: found.birthDate },
              { key: 'address', label: t('cases.workbench.intake.address'), children: found.residenceAddressMasked },
              { key: 'mobile', label: t('cases.workbench.intake.mobile'), children: found.mobileMasked ?? '—' },
            ]}
          />
          <Flex gap={8} wrap>
            {found.hasAccount ? (
              <Tag color="blue">{t('cases.workbench.intake.hasAccount')}</Tag>
            ) : (
              <Tag>{t('cases.workbench.intake.noAccount')}</Tag>
            )}
          </Flex>
          {!found.alive && <Alert type="error" showIcon role="alert" title={t('cases.workbench.intake.deceased')} />}
        </Flex>
      )}
    </Flex>
  );
}
