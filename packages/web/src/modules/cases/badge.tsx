import type { CaseStatus } from '@tongban/domain';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { statusLabel, statusTone, type Tone } from './labels.ts';

/** A tag in one of the readable tones (see `statusTone`). */
export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <Tag className={`tb-badge tb-badge-${tone}`} data-testid={testId}>
      {children}
    </Tag>
  );
}

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Badge tone={statusTone(status)} testId={testId}>
      {statusLabel(status, i18n.language)}
    </Badge>
  );
}
