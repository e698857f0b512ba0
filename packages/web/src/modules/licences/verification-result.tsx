import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Descriptions, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, loc } from './labels.tsx';
import type { VerificationResult } from './licences.api.ts';
import { verdictLook } from './verdict-tag.tsx';

const checkKeys = ['signature', 'issuer', 'revocation', 'suspension', 'validity', 'digest'] as const;

/**
 * The verdict, in words first (有效 / 已撤销 / 已过期 / 已被篡改 …) with an icon and colour as extras,
 * then who issued it and when, the licence's contents and each check. The verdict takes focus
 * when it appears, so a screen reader announces it.
 */
export function VerificationResultView({ result, fromQr }: { result: VerificationResult; fromQr: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const heading = useRef<HTMLHeadingElement>(null);
  const { tone, Icon } = verdictLook[result.status];
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again when a new check answers.
  useEffect(() => heading.current?.focus(), [result.checkedAt]);
  const holder = result.holder
    ? `${result.holder.name}${result.holder.id ? `（${result.holder.id}）` : ''}${
        result.holder.kind === 'person' || result.holder.kind === 'enterprise' ? ` · ${t(`licences.holderKind.${result.holder.kind}`)}` : ''
      }`
    : null;
  return (
    <section className={`tb-verdict tb-verdict-${tone}`} aria-labelledby="tb-verdict-title" data-testid="verification-result">
      <Flex align="center" gap={12} className="tb-verdict-head">
        <Icon aria-hidden className="tb-verdict-icon" />
        <div>
          <h2 id="tb-verdict-title" ref={heading} tabIndex={-1} className="tb-verdict-title" data-status={result.status}>
            <span className="tb-visually-hidden">{t('licences.verify.resultTitle')}：</span>
            {t(`licences.result.${result.status}.title`)}
          </h2>
          <p className="tb-verdict-text">{t(`licences.result.${result.status}.text`)}</p>
        </div>
      </Flex>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" className="tb-verdict-facts">
        {result.licenceName && <Descriptions.Item label={t('licences.field.type')}>{loc(result.licenceName, lang)}</Descriptions.Item>}
        {result.licenceNumber && (
          <Descriptions.Item label={t('licences.field.licenceNumber')}>
            <span className="tb-licence-number">{result.licenceNumber}</span>
          </Descriptions.Item>
        )}
        {holder && <Descriptions.Item label={t('licences.field.holder')}>{holder}</Descriptions.Item>}
        {result.issuer && <Descriptions.Item label={t('licences.field.issuer')}>{loc(result.issuer.name, lang)}</Descriptions.Item>}
        {result.issuedAt && (
          <Descriptions.Item label={t('licences.field.issuedAt')}>{formatDateTime(result.issuedAt, lang)}</Descriptions.Item>
        )}
        {result.validFrom && (
          <Descriptions.Item label={t('licences.field.validFrom')}>{formatDate(result.validFrom, lang)}</Descriptions.Item>
        )}
        {result.issuer && result.validFrom && (
          <Descriptions.Item label={t('licences.field.validUntil')}>
            {result.validUntil ? formatDate(result.validUntil, lang) : t('licences.field.noEnd')}
          </Descriptions.Item>
        )}
        {result.statusChangedAt && (
          <Descriptions.Item label={t('licences.result.statusChangedAt')}>{formatDateTime(result.statusChangedAt, lang)}</Descriptions.Item>
        )}
        {(result.fields ?? []).map((f) => (
          <Descriptions.Item key={f.key} label={loc(f.label, lang)}>
            <span className="tb-licence-value">{String(f.value)}</span>
          </Descriptions.Item>
        ))}
        {result.keyId && (
          <Descriptions.Item label={t('licences.result.keyId')}>
            <span className="tb-licence-number">{result.keyId}</span>
            {result.keyCurrent === false && <span className="tb-muted"> {t('licences.result.keyRotated')}</span>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {fromQr && result.issuer && (
        <Typography.Paragraph className="tb-muted" style={{ marginTop: 8 }}>
          {t('licences.result.fromQrNote')}
        </Typography.Paragraph>
      )}
      <h3 className="tb-subheading">{t('licences.result.checks')}</h3>
      <ul className="tb-check-list">
        {checkKeys
          .filter((k) => result.checks[k] !== 'not_checked')
          .map((k) => {
            const value = result.checks[k];
            const passed = value === 'ok' || value === 'known';
            return (
              <li key={k} data-check={k} data-value={value}>
                {passed ? (
                  <CheckCircleFilled aria-hidden className="tb-check-ok" />
                ) : (
                  <CloseCircleFilled aria-hidden className="tb-check-bad" />
                )}
                <span>{t(`licences.result.check.${k}`)}</span>
                <strong>{t(`licences.result.checkValue.${value}`)}</strong>
              </li>
            );
          })}
      </ul>
      <p className="tb-muted tb-verdict-time">{t('licences.verify.checkedAt', { time: formatDateTime(result.checkedAt, lang) })}</p>
    </section>
  );
}
