import { BankOutlined, IdcardOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { features } from '../../app/features.ts';
import { HomeCatalogue } from '../../modules/catalogue/index.ts';
import { useMe } from '../../modules/identity/index.ts';
import { ButtonLink } from '../../ui/button-link.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

// Loaded on demand: the search box needs antd's Input, which the rest of the home page does not.
const ServiceSearch = lazy(() => import('./service-search.tsx'));

type Entry = { key: string; icon: ReactNode; title: string; text: string; actions: { to: string; label: string; primary?: boolean }[] };

/**
 * Portal home: welcome and the ways in that exist today. Plain HTML on purpose: this page is in the
 * portal's first load, which must stay under 250 KB of gzipped JavaScript.
 */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(undefined);
  const me = useMe().data;

  const entries: Entry[] = [
    {
      key: 'citizen',
      icon: <IdcardOutlined aria-hidden />,
      title: t('home.citizen.title'),
      text: t('home.citizen.text'),
      actions:
        me?.kind === 'user'
          ? [{ to: '/account', label: t('nav.account'), primary: true }]
          : [
              { to: '/login?tab=citizen', label: t('nav.login'), primary: true },
              { to: '/register', label: t('nav.register') },
            ],
    },
    {
      key: 'enterprise',
      icon: <BankOutlined aria-hidden />,
      title: t('home.enterprise.title'),
      text: t('home.enterprise.text'),
      actions:
        me?.kind === 'user'
          ? [{ to: '/account', label: t('home.enterprise.manage'), primary: true }]
          : [{ to: '/login?tab=enterprise', label: t('nav.login'), primary: true }],
    },
    {
      key: 'staff',
      icon: <SolutionOutlined aria-hidden />,
      title: t('home.staff.title'),
      text: t('home.staff.text'),
      actions:
        me?.kind === 'staff'
          ? [{ to: '/workbench', label: t('nav.workbench'), primary: true }]
          : [{ to: '/login?tab=staff', label: t('home.staff.login'), primary: true }],
    },
  ];

  return (
    <div className="tb-stack">
      <section className="tb-hero" aria-labelledby="home-title">
        <h1 id="home-title">{me ? t('home.welcomeBack', { name: me.name }) : t('home.title')}</h1>
        <p>{t('home.subtitle')}</p>
        {features.catalogue && (
          <Suspense fallback={null}>
            <ServiceSearch />
          </Suspense>
        )}
      </section>
      {features.catalogue && <HomeCatalogue />}
      <section aria-labelledby="home-entries">
        <h2 id="home-entries" className="tb-section-title">
          {t('home.entries')}
        </h2>
        <ul className="tb-entry-grid">
          {entries.map((e) => (
            <li key={e.key} className="tb-entry" data-testid={`home-entry-${e.key}`}>
              <h3>
                <span className="tb-entry-icon">{e.icon}</span>
                {e.title}
              </h3>
              <p>{e.text}</p>
              <div className="tb-entry-actions">
                {e.actions.map((a) => (
                  <ButtonLink key={a.to} to={a.to} type={a.primary ? 'primary' : 'default'}>
                    {a.label}
                  </ButtonLink>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
