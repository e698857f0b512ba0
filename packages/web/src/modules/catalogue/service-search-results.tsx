import { Alert, Checkbox, Empty, Input, Pagination, Select, Skeleton, Tag } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../ui/api-errors.ts';
import { type SearchFilters, useCatalogueDepartments, useCatalogueSearch } from './catalogue.api.ts';
import { itemTypeLabels, loc } from './labels.ts';
import { VisitsBadge } from './visits-badge.tsx';

const pageSize = 10;

/** Search results and the catalogue list with filters; every filter lives in the URL. */
export function ServiceSearchResults() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const ids = { department: useId(), type: useId(), applicant: useId() };
  const filters: SearchFilters = {
    q: params.get('q') ?? '',
    department: params.get('department') ?? undefined,
    type: params.get('type') ?? undefined,
    applicantType: params.get('applicantType') ?? undefined,
    theme: params.get('theme') ?? undefined,
    event: params.get('event') ?? undefined,
    zeroVisits: params.get('zeroVisits') === 'true' ? true : undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize,
  };
  const result = useCatalogueSearch(filters);
  const departments = useCatalogueDepartments().data?.items ?? [];

  const set = (key: string, value: string | undefined) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      if (key !== 'page') p.delete('page');
      return p;
    });

  const data = result.data;
  const chosen = filters.theme ?? filters.event;

  return (
    <div className="tb-stack">
      <search className="tb-search-bar">
        <h1 className="tb-page-title">{t('catalogue.search.title')}</h1>
        <Input.Search
          key={filters.q}
          size="large"
          defaultValue={filters.q}
          aria-label={t('home.searchLabel')}
          placeholder={t('home.searchPlaceholder')}
          enterButton={t('home.search')}
          onSearch={(q) => set('q', q.trim())}
        />
      </search>
      <fieldset className="tb-filters">
        <legend className="tb-visually-hidden">{t('catalogue.search.filters')}</legend>
        <div className="tb-filter">
          <label className="tb-filter-label" htmlFor={ids.department}>
            {t('catalogue.search.department')}
          </label>
          <Select
            id={ids.department}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('catalogue.search.any')}
            value={filters.department}
            onChange={(v) => set('department', v)}
            options={departments.map((d) => ({ value: d.id, label: `${loc(d.name, lang)} (${d.count})` }))}
            style={{ width: '100%' }}
          />
        </div>
        <div className="tb-filter">
          <label className="tb-filter-label" htmlFor={ids.type}>
            {t('catalogue.search.type')}
          </label>
          <Select
            id={ids.type}
            allowClear
            placeholder={t('catalogue.search.any')}
            value={filters.type}
            onChange={(v) => set('type', v)}
            options={Object.entries(itemTypeLabels).map(([value, label]) => ({ value, label: loc(label, lang) }))}
            style={{ width: '100%' }}
          />
        </div>
        <div className="tb-filter">
          <label className="tb-filter-label" htmlFor={ids.applicant}>
            {t('catalogue.search.applicantType')}
          </label>
          <Select
            id={ids.applicant}
            allowClear
            placeholder={t('catalogue.search.any')}
            value={filters.applicantType}
            onChange={(v) => set('applicantType', v)}
            options={[
              { value: 'person', label: t('catalogue.applicant.person') },
              { value: 'enterprise', label: t('catalogue.applicant.enterprise') },
            ]}
            style={{ width: '100%' }}
          />
        </div>
        <div className="tb-filter tb-filter-check">
          <Checkbox checked={filters.zeroVisits === true} onChange={(e) => set('zeroVisits', e.target.checked ? 'true' : undefined)}>
            {t('catalogue.search.zeroVisits')}
          </Checkbox>
        </div>
      </fieldset>
      {chosen && (
        <p>
          {filters.theme ? t('catalogue.search.inTheme') : t('catalogue.search.inEvent')}
          <Tag closable onClose={() => set(filters.theme ? 'theme' : 'event', undefined)} style={{ marginInlineStart: 8 }}>
            {chosen}
          </Tag>
        </p>
      )}
      {result.isError && <Alert type="error" showIcon title={errorMessage(t, result.error)} />}
      {result.isPending && <Skeleton active />}
      {data && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="tb-results-count" aria-live="polite">
            {data.match === 'fuzzy'
              ? t('catalogue.search.fuzzy', { count: data.total })
              : t('catalogue.search.count', { count: data.total })}
          </h2>
          {data.items.length === 0 ? (
            <Empty description={t('catalogue.search.none')} />
          ) : (
            <ul className="tb-result-list" data-testid="search-results">
              {data.items.map((item) => (
                <li key={item.code} className="tb-result">
                  <h3>
                    <Link to={`/services/${item.code}`}>{loc(item.name, lang)}</Link>
                    {item.isBundle && <Tag color="blue">{t('catalogue.bundle')}</Tag>}
                  </h3>
                  {item.summary && <p className="tb-result-summary">{loc(item.summary, lang)}</p>}
                  <p className="tb-result-meta">
                    <span>{loc(item.department.name, lang)}</span>
                    <span>{loc(itemTypeLabels[item.type], lang)}</span>
                    <span>
                      {t('catalogue.promisedDaysShort', {
                        days:
                          item.promisedDays === 0
                            ? t('catalogue.guide.immediate')
                            : item.promisedDays === 1
                              ? t('catalogue.oneWorkingDay')
                              : t('catalogue.workingDays', { count: item.promisedDays }),
                      })}
                    </span>
                    <VisitsBadge visits={item.visits} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          {data.total > pageSize && (
            <Pagination
              align="center"
              current={data.page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger={false}
              onChange={(page) => {
                set('page', String(page));
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </section>
      )}
    </div>
  );
}
