import './catalogue.css';
import { CheckCircleFilled, CloudDownloadOutlined, FileTextOutlined, FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { evaluateConditional, type GuideMaterial, type SituationAnswers } from '@tongban/domain';
import { Alert, Button, Radio, Skeleton, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../ui/api-errors.ts';
import { ButtonLink } from '../../ui/button-link.tsx';
import { StatusResult } from '../../ui/status-result.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type ItemGuide, useItemGuide } from './catalogue.api.ts';
import { loc, sourceHolder } from './labels.ts';
import { VisitsBadge } from './visits-badge.tsx';

type Lang = string;

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="tb-fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function MaterialRow({ m, lang, state }: { m: GuideMaterial; lang: Lang; state: 'yes' | 'unknown' }) {
  const { t } = useTranslation();
  const holder = sourceHolder(m.source);
  return (
    <li className="tb-material" data-testid="material">
      <div className="tb-material-name">
        {m.supply === 'platform' ? (
          <CheckCircleFilled aria-hidden className="tb-material-icon-ok" />
        ) : (
          <FileTextOutlined aria-hidden className="tb-material-icon" />
        )}
        <span className="tb-material-title">{loc(m.name, lang)}</span>
        {state === 'unknown' && <Tag color="gold">{t('catalogue.guide.dependsOnSituation')}</Tag>}
        {m.requirement === 'optional' && <Tag>{t('catalogue.guide.optional')}</Tag>}
      </div>
      {m.supply === 'platform' ? (
        <p className="tb-material-note tb-material-shared">
          {m.source.kind === 'earlier_step'
            ? t('catalogue.guide.producedEarlier')
            : t('catalogue.guide.sharedBy', { holder: loc(holder, lang) })}
        </p>
      ) : (
        <p className="tb-material-note">
          {t(`catalogue.materialForm.${m.form}`)} · {t('catalogue.guide.copies', { count: m.count })}
          {m.notes ? ` · ${m.notes}` : ''}
        </p>
      )}
    </li>
  );
}

/** Situation questions (情形引导) and the materials they select, narrowed live as the applicant answers. */
function MaterialsWithQuestions({ guide, lang }: { guide: ItemGuide; lang: Lang }) {
  const { t } = useTranslation();
  const situations = guide.bundle?.situations ?? guide.content.situations;
  const all = guide.bundle ? guide.bundle.materials : guide.materials;
  const [answers, setAnswers] = useState<SituationAnswers>({});
  const materials = useMemo(() => {
    const list = [...all.applicant, ...all.platform].map((m) => ({ m, state: evaluateConditional(m, answers) }));
    const shown = list.filter((x) => x.state !== 'no') as { m: GuideMaterial; state: 'yes' | 'unknown' }[];
    return {
      applicant: shown.filter((x) => x.m.supply === 'applicant'),
      platform: shown.filter((x) => x.m.supply === 'platform'),
      excluded: list.length - shown.length,
    };
  }, [all, answers]);
  const answered = Object.keys(answers).length;

  return (
    <section aria-labelledby="guide-materials" className="tb-panel">
      <h2 id="guide-materials" className="tb-section-title">
        {t('catalogue.guide.materials')}
      </h2>
      {situations.length > 0 && (
        <div className="tb-questionnaire" data-testid="questionnaire">
          <h3>{t('catalogue.guide.whichSituation')}</h3>
          <p className="tb-muted">{t('catalogue.guide.whichSituationHelp')}</p>
          {situations.map((q) => (
            <fieldset key={q.id} className="tb-question">
              <legend>{loc(q.question, lang)}</legend>
              <Radio.Group
                value={answers[q.id]}
                onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value as string }))}
                options={q.options.map((o) => ({ value: o.id, label: loc(o.label, lang) }))}
              />
            </fieldset>
          ))}
          {answered > 0 && (
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => setAnswers({})}>
              {t('catalogue.guide.resetAnswers')}
            </Button>
          )}
        </div>
      )}
      <p aria-live="polite" className="tb-materials-summary" data-testid="materials-summary">
        {t('catalogue.guide.materialsSummary', { bring: materials.applicant.length, shared: materials.platform.length })}
        {materials.excluded > 0 && ` ${t('catalogue.guide.excluded', { count: materials.excluded })}`}
      </p>
      <div className="tb-materials-grid">
        <div>
          <h3 className="tb-materials-heading">
            {t('catalogue.guide.bring')} <span className="tb-chip-count">{materials.applicant.length}</span>
          </h3>
          <ul className="tb-material-list" data-testid="materials-applicant">
            {materials.applicant.map(({ m, state }) => (
              <MaterialRow key={m.id} m={m} lang={lang} state={state} />
            ))}
          </ul>
        </div>
        <div>
          <h3 className="tb-materials-heading tb-materials-heading-shared">
            {t('catalogue.guide.noNeed')} <span className="tb-chip-count">{materials.platform.length}</span>
          </h3>
          <p className="tb-muted">{t('catalogue.guide.noNeedHelp')}</p>
          <ul className="tb-material-list" data-testid="materials-platform">
            {materials.platform.map(({ m, state }) => (
              <MaterialRow key={m.id} m={m} lang={lang} state={state} />
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function daysText(t: TFunction, days: number) {
  if (days === 0) return t('catalogue.guide.immediate');
  return days === 1 ? t('catalogue.oneWorkingDay') : t('catalogue.workingDays', { count: days });
}

/** The item guide (办事指南) of a published item or bundle. */
export function ServiceGuide({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useItemGuide(code);
  const guide = query.data;
  useDocumentTitle(guide ? loc(guide.content.name, lang) : t('catalogue.guide.title'));

  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <StatusResult kind="notFound" />;
    return <Alert type="error" showIcon title={errorMessage(t, query.error)} />;
  }
  if (!guide) return null;
  const c = guide.content;
  const bundle = guide.bundle;

  return (
    <article className="tb-stack tb-guide" data-testid="service-guide" data-version={guide.version}>
      <nav aria-label={t('catalogue.guide.breadcrumb')} className="tb-breadcrumb">
        <Link to="/">{t('nav.home')}</Link> / <Link to="/services">{t('nav.services')}</Link> /{' '}
        <span aria-current="page">{loc(c.name, lang)}</span>
      </nav>
      <header className="tb-guide-header">
        <p className="tb-guide-kicker">
          {bundle ? <Tag color="blue">{t('catalogue.bundle')}</Tag> : null}
          {loc(guide.typeLabel, lang)} · {loc(guide.department.name, lang)}
        </p>
        <h1>{loc(c.name, lang)}</h1>
        {c.summary && <p className="tb-guide-summary">{loc(c.summary, lang)}</p>}
        <p className="tb-muted tb-guide-version">
          {t('catalogue.guide.codeVersion', { code: guide.code, version: guide.version, date: guide.publishedAt.slice(0, 10) })}
        </p>
        {c.channels.includes('online') && (
          <p className="tb-guide-apply">
            <ButtonLink
              to={`/apply/${guide.code}`}
              type="primary"
              size="large"
              icon={<FormOutlined aria-hidden />}
              data-testid="apply-online"
            >
              {t('catalogue.guide.applyOnline')}
            </ButtonLink>
            <span className="tb-muted">{t('catalogue.guide.applyOnlineHint')}</span>
          </p>
        )}
      </header>

      <dl className="tb-facts" aria-label={t('catalogue.guide.keyFacts')}>
        <Fact label={t('catalogue.guide.promised')} testId="fact-promised">
          <strong>{daysText(t, bundle ? bundle.promisedDays : c.promisedDays)}</strong>
          <span className="tb-muted">{t('catalogue.guide.statutory', { days: daysText(t, c.statutoryDays) })}</span>
        </Fact>
        <Fact label={t('catalogue.guide.visits')}>
          <VisitsBadge visits={bundle ? bundle.visits : c.visits} />
        </Fact>
        <Fact label={t('catalogue.guide.fee')}>
          {c.fee.kind === 'free' ? (
            <strong>{t('catalogue.guide.free')}</strong>
          ) : (
            <>
              <strong>{t('catalogue.guide.yuan', { amount: c.fee.amountYuan })}</strong>
              {c.fee.description && <span className="tb-muted">{loc(c.fee.description, lang)}</span>}
              <span className="tb-muted">
                {c.fee.legalBasis.law} {c.fee.legalBasis.article ?? ''}
              </span>
            </>
          )}
        </Fact>
        <Fact label={t('catalogue.guide.channels')}>
          {c.channels.map((ch) => t(`catalogue.channel.${ch}`)).join(t('catalogue.listSeparator'))}
          <span className="tb-muted">{t(`catalogue.onlineDepth.${c.onlineDepth}`)}</span>
        </Fact>
      </dl>

      {c.conditions.length > 0 && (
        <section aria-labelledby="guide-conditions" className="tb-panel">
          <h2 id="guide-conditions" className="tb-section-title">
            {t('catalogue.guide.conditions')}
          </h2>
          <ul className="tb-bullets">
            {c.conditions.map((x) => (
              <li key={x.zh}>{loc(x, lang)}</li>
            ))}
          </ul>
        </section>
      )}

      <MaterialsWithQuestions guide={guide} lang={lang} />

      {bundle && (
        <section aria-labelledby="guide-members" className="tb-panel">
          <h2 id="guide-members" className="tb-section-title">
            {t('catalogue.guide.members', { count: bundle.members.length })}
          </h2>
          <p className="tb-muted">{t('catalogue.guide.membersHelp', { days: bundle.parallelDays })}</p>
          <ol className="tb-member-list" data-testid="bundle-members">
            {bundle.members.map((m) => (
              <li key={m.code}>
                <Link to={`/services/${m.code}`}>{loc(m.name, lang)}</Link>
                <span className="tb-muted">
                  {loc(m.department.name, lang)} · {daysText(t, m.promisedDays)} · <VisitsBadge visits={m.visits} />
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      {!bundle && c.process.length > 0 && (
        <section aria-labelledby="guide-process" className="tb-panel">
          <h2 id="guide-process" className="tb-section-title">
            {t('catalogue.guide.process')}
          </h2>
          <ol className="tb-steps">
            {c.process.map((s) => (
              <li key={s.id}>
                <strong>{loc(s.name, lang)}</strong>
                <span className="tb-muted">
                  {loc(guide.stepDepartments[s.id]?.name, lang)} · {daysText(t, s.workingDays)}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="guide-where" className="tb-panel">
        <h2 id="guide-where" className="tb-section-title">
          {t('catalogue.guide.howToApply')}
        </h2>
        <dl className="tb-definition">
          {c.whereToApply && (
            <>
              <dt>{t('catalogue.guide.where')}</dt>
              <dd>{loc(c.whereToApply, lang)}</dd>
            </>
          )}
          <dt>{t('catalogue.guide.responsible')}</dt>
          <dd>{loc(guide.department.name, lang)}</dd>
          {guide.implementingDepartments.length > 0 && (
            <>
              <dt>{t('catalogue.guide.implementing')}</dt>
              <dd>{guide.implementingDepartments.map((d) => loc(d.name, lang)).join(t('catalogue.listSeparator'))}</dd>
            </>
          )}
          {(bundle?.results.length || c.result) && (
            <>
              <dt>{t('catalogue.guide.result')}</dt>
              <dd>
                {c.result
                  ? loc(c.result.name, lang)
                  : bundle?.results.map((r) => loc(r.result.name, lang)).join(t('catalogue.listSeparator'))}
                {c.result?.licenceType && (
                  <Tag icon={<CloudDownloadOutlined aria-hidden />} color="green" style={{ marginInlineStart: 8 }}>
                    {t('catalogue.guide.eLicence')}
                  </Tag>
                )}
              </dd>
            </>
          )}
          <dt>{t('catalogue.guide.consultation')}</dt>
          <dd>{c.contacts.consultation}</dd>
          <dt>{t('catalogue.guide.complaint')}</dt>
          <dd>{c.contacts.complaint}</dd>
        </dl>
      </section>

      <section aria-labelledby="guide-law" className="tb-panel">
        <h2 id="guide-law" className="tb-section-title">
          {t('catalogue.guide.legalBasis')}
        </h2>
        <ul className="tb-bullets">
          {c.legalBasis.map((l) => (
            <li key={`${l.law}${l.article ?? ''}`}>
              {l.law}
              {l.article ? ` ${l.article}` : ''}
            </li>
          ))}
        </ul>
      </section>

      {guide.partOf.length > 0 && (
        <section aria-labelledby="guide-part-of" className="tb-panel">
          <h2 id="guide-part-of" className="tb-section-title">
            {t('catalogue.guide.partOf')}
          </h2>
          <ul className="tb-bullets">
            {guide.partOf.map((b) => (
              <li key={b.code}>
                <Link to={`/services/${b.code}`}>{loc(b.name, lang)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
