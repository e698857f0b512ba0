import type { CaseDetail } from '@tongban/domain';
import { Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../../identity/index.ts';
import { DepartmentName } from '../department-name.tsx';
import { formatDateTime, loc } from '../labels.ts';

type Entry = CaseDetail['timeline'][number];

const colours: Partial<Record<Entry['kind'], string>> = {
  supplement_requested: 'orange',
  acceptance_refused: 'red',
  step_rejected: 'red',
  step_returned: 'orange',
  withdrawn: 'gray',
  decided: 'green',
  bundle_concluded: 'green',
};

/** Every action on the case, oldest first: what, when, which department, in which role, with the note given. */
export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const memberName = (code: string) => detail.members.find((m) => m.itemCode === code)?.itemName;

  const items = detail.timeline.map((e) => {
    const step = e.stepId ? detail.steps.find((s) => s.id === e.stepId) : undefined;
    const departmentId = e.actor.departmentId ?? step?.departmentId ?? (e.actor.type === 'staff' ? null : undefined);
    const role =
      e.actor.type === 'user'
        ? t('cases.portal.timeline.applicant')
        : e.actor.type === 'system'
          ? t('cases.portal.timeline.system')
          : step
            ? roleLabel(step.role as never, lang)
            : t('cases.portal.timeline.staff');
    const outcome = typeof e.detail.outcome === 'string' ? e.detail.outcome : undefined;
    // What the department asked for, item by item, stays in the history after it was supplied.
    const missing = Array.isArray(e.detail.missing) ? (e.detail.missing as { materialId?: string; description?: string }[]) : [];
    const member = detail.isBundle && e.itemCode !== detail.itemCode ? memberName(e.itemCode) : undefined;
    return {
      key: `${e.caseId}-${e.seq}`,
      color: colours[e.kind] ?? 'blue',
      content: (
        <div className="tb-timeline-entry" data-testid="timeline-entry" data-kind={e.kind}>
          <p className="tb-timeline-title">
            <strong>{t(`cases.portal.action.${e.kind}`)}</strong>
            {step && <span> · {loc(step.name, lang)}</span>}
            {outcome && <span> · {t(`cases.portal.outcome.${outcome}`, { defaultValue: outcome })}</span>}
          </p>
          <p className="tb-muted tb-timeline-meta">
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            {' · '}
            {role}
            {departmentId && (
              <>
                {' · '}
                <DepartmentName id={departmentId} />
              </>
            )}
            {member && ` · ${loc(member, lang)}`}
          </p>
          {e.note && <p className="tb-timeline-note">{e.note}</p>}
          {missing.length > 0 && (
            <ul className="tb-plain-list tb-timeline-missing">
              {missing.map((m) => (
                <li key={`${m.materialId ?? ''}:${m.description ?? ''}`}>{m.description}</li>
              ))}
            </ul>
          )}
        </div>
      ),
    };
  });

  return <Timeline items={items} className="tb-case-timeline" />;
}
