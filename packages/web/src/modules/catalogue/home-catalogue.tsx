import './catalogue.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type LabelledCount, useEvents, usePopular, useThemes } from './catalogue.api.ts';
import { loc } from './labels.ts';
import { VisitsBadge } from './visits-badge.tsx';

function Chips({ items, param, language }: { items: LabelledCount[]; param: 'theme' | 'event'; language: string }) {
  return (
    <ul className="tb-chip-list">
      {items.map((x) => (
        <li key={x.id}>
          <Link className="tb-chip" to={`/services?${param}=${encodeURIComponent(x.id)}`}>
            {loc(x.label, language)} <span className="tb-chip-count">{x.count}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * The catalogue's part of the portal home: themes, life and business events (with item counts)
 * and the most-used items. Plain HTML: it is in the portal's first load.
 */
export function HomeCatalogue() {
  const { t, i18n } = useTranslation();
  const themes = useThemes().data?.items ?? [];
  const events = useEvents().data?.items ?? [];
  const popular = usePopular().data?.items ?? [];
  const lang = i18n.language;
  return (
    <div className="tb-home-catalogue">
      <section aria-labelledby="home-popular" className="tb-panel">
        <h2 id="home-popular" className="tb-section-title">
          {t('catalogue.home.popular')}
        </h2>
        <ol className="tb-popular-list">
          {popular.map((item) => (
            <li key={item.code}>
              <Link to={`/services/${item.code}`}>{loc(item.name, lang)}</Link>
              <span className="tb-muted">
                {loc(item.department.name, lang)} · <VisitsBadge visits={item.visits} />
              </span>
            </li>
          ))}
        </ol>
        <p className="tb-more">
          <Link to="/services">{t('catalogue.home.allServices')}</Link>
        </p>
      </section>
      <section aria-labelledby="home-events" className="tb-panel">
        <h2 id="home-events" className="tb-section-title">
          {t('catalogue.home.events')}
        </h2>
        <Chips items={events} param="event" language={lang} />
        <h2 id="home-themes" className="tb-section-title" style={{ marginTop: 20 }}>
          {t('catalogue.home.themes')}
        </h2>
        <Chips items={themes} param="theme" language={lang} />
      </section>
    </div>
  );
}
