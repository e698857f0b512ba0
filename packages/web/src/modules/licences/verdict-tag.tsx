import {
  CheckCircleFilled,
  ClockCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  PauseCircleFilled,
  QuestionCircleFilled,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { VerificationResult } from './licences.api.ts';

type Status = VerificationResult['status'];
export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

/** How each verification answer looks; the words carry the meaning, colour and icon only repeat it. */
export const verdictLook: Record<Status, { tone: Tone; Icon: typeof CheckCircleFilled }> = {
  valid: { tone: 'good', Icon: CheckCircleFilled },
  revoked: { tone: 'bad', Icon: CloseCircleFilled },
  tampered: { tone: 'bad', Icon: ExclamationCircleFilled },
  unknown_issuer: { tone: 'bad', Icon: ExclamationCircleFilled },
  suspended: { tone: 'warn', Icon: PauseCircleFilled },
  expired: { tone: 'warn', Icon: ClockCircleFilled },
  not_yet_valid: { tone: 'warn', Icon: ClockCircleFilled },
  malformed: { tone: 'neutral', Icon: QuestionCircleFilled },
};

/** A compact verdict (shared view): the status word and its one-line explanation. */
export function VerdictTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  const { tone, Icon } = verdictLook[status];
  return (
    <div className={`tb-verdict-inline tb-verdict-${tone}`} data-status={status} data-testid="verdict">
      <Icon aria-hidden className="tb-verdict-icon-small" />
      <div>
        <strong>{t(`licences.result.${status}.title`)}</strong>
        <div>{t(`licences.result.${status}.text`)}</div>
      </div>
    </div>
  );
}
