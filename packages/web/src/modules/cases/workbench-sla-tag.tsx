import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { SlaColour } from '@tongban/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { slaTagColour } from './staff-rules.ts';

const icons = {
  green: CheckCircleOutlined,
  amber: ClockCircleOutlined,
  red: ExclamationCircleOutlined,
  paused: PauseCircleOutlined,
} as const;

/** On time / due soon / overdue / clock stopped: an icon and words as well as the colour. */
export function SlaTag({ sla }: { sla: SlaColour | null | undefined }) {
  const { t } = useTranslation();
  if (!sla) return null;
  const Icon = icons[sla];
  return (
    <Tag color={slaTagColour[sla]} icon={<Icon aria-hidden />} data-testid="sla-tag" data-sla={sla}>
      {t(`cases.workbench.sla.${sla}`)}
    </Tag>
  );
}
