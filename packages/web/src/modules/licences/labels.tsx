import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../ui/api-errors.ts';

/** What the holder needs to know about a licence now: the stored status, or expired when past its end date. */
export type WalletStatus = 'valid' | 'suspended' | 'revoked' | 'expired';

export function walletStatus(licence: { status: 'active' | 'suspended' | 'revoked'; expired: boolean }): WalletStatus {
  if (licence.status === 'revoked' || licence.status === 'suspended') return licence.status;
  return licence.expired ? 'expired' : 'valid';
}

const statusLook: Record<WalletStatus, { color: string; Icon: typeof CheckCircleOutlined }> = {
  valid: { color: 'success', Icon: CheckCircleOutlined },
  suspended: { color: 'warning', Icon: PauseCircleOutlined },
  revoked: { color: 'error', Icon: CloseCircleOutlined },
  expired: { color: 'default', Icon: ClockCircleOutlined },
};

/** The status as a word with an icon (never colour alone). */
export function LicenceStatusTag({ status }: { status: WalletStatus }) {
  const { t } = useTranslation();
  const { color, Icon } = statusLook[status];
  return (
    <Tag color={color} icon={<Icon aria-hidden />} data-status={status} className="tb-licence-status">
      {t(`licences.status.${status}`)}
    </Tag>
  );
}

/** Localized text in the current language (English falls back to Chinese). */
export function loc(text: { zh: string; en: string } | null | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') ? text.en || text.zh : text.zh;
}

const zone = 'Asia/Shanghai';

export function formatDate(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: zone }).format(new Date(instant));
}

export function formatDateTime(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}

/** A message for an error of the licence pages, in the current language when the code is one of ours. */
export function licenceErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error) && error.code.startsWith('LICENCES_')) {
    const own = t(`licences.errors.${error.code}` as 'licences.errors.LICENCES_NOT_FOUND', { defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, error);
}

/** The verification page for a QR token, on this site (the server's link may name another origin in development). */
export const verifyPath = (token: string) => `/licences/verify#qr=${token}`;

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
