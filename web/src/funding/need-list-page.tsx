import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NEED_CATEGORIES, NEED_PRIORITIES, NEED_STATUSES } from '../../../src/modules/funding/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { CoverageBar } from './coverage-bar.js';
import { formatDate } from './money.js';
import { NeedsTabs } from './needs-tabs.js';
import { useFacilityNames, useNeedList } from './use-needs.js';

const FILTERS = ['category', 'priority', 'status'] as const;

/** Needs as a table, filters and page in the URL; each row shows how much is committed and delivered. */
export function NeedListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string | undefined> = { cursor: params.get('cursor') ?? undefined };
  for (const f of [...FILTERS, 'area']) filters[f] = params.get(f) ?? undefined;
  const oblasts = useOblasts();
  const list = useNeedList(filters);
  const facilityName = useFacilityNames((list.data?.items ?? []).map((n) => n.facilityId), lang);
  const update = (changes: Record<string, string | undefined>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      if (!('cursor' in changes)) next.delete('cursor');
      return next;
    });
  const options: Record<(typeof FILTERS)[number], readonly string[]> = { category: NEED_CATEGORIES, priority: NEED_PRIORITIES, status: NEED_STATUSES };
  return (
    <section>
      <h1>{t('funding.needs.title')}</h1>
      <NeedsTabs />
      {hasAnyRole(session.data, ['admin', 'coordinator']) ? (
        <p>
          <Link className="button" to="/needs/new">
            {t('funding.needs.create')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('funding.needs.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('funding.needs.oblast')}
          <select name="area" value={filters.area ?? ''} onChange={(e) => update({ area: e.target.value })}>
            <option value="">{t('funding.needs.all')}</option>
            {(oblasts.data?.items ?? []).map((a) => (
              <option key={a.katottg} value={a.iso3166_2 ?? a.katottg}>
                {lang === 'uk' ? a.nameUk : (a.nameEn ?? a.nameUk)}
              </option>
            ))}
          </select>
        </label>
        {FILTERS.map((f) => (
          <label key={f}>
            {t(`funding.needs.${f}`)}
            <select name={f} value={filters[f] ?? ''} onChange={(e) => update({ [f]: e.target.value })}>
              <option value="">{t('funding.needs.all')}</option>
              {options[f].map((v) => (
                <option key={v} value={v}>
                  {t(`funding.needs.${f}Values.${v}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data !== undefined && list.data.items.length === 0 ? (
        <EmptyState title={t('funding.needs.empty')} hint={t('funding.needs.emptyHint')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="need-table" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('funding.needs.need')}</th>
                <th scope="col">{t('funding.needs.facility')}</th>
                <th scope="col">{t('funding.needs.priority')}</th>
                <th scope="col">{t('funding.needs.neededBy')}</th>
                <th scope="col">{t('funding.needs.status')}</th>
                <th scope="col">{t('funding.needs.coverage')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/needs/${n.id}`}>{n.specification}</Link>
                    <br />
                    <span className="muted">{t(`funding.needs.categoryValues.${n.category}`)}</span>
                  </td>
                  <td>
                    <Link to={`/facilities/${n.facilityId}`}>{facilityName(n.facilityId) ?? t('funding.facilityN', { n: n.facilityId.slice(0, 8) })}</Link>
                  </td>
                  <td>
                    <span className={`priority priority-${n.priority}`}>{t(`funding.needs.priorityValues.${n.priority}`)}</span>
                  </td>
                  <td>{n.neededBy === null ? '—' : formatDate(n.neededBy, lang)}</td>
                  <td>
                    {t(`funding.needs.statusValues.${n.status}`)}
                    {n.approved ? null : <span className="muted"> · {t('funding.needs.unapproved')}</span>}
                  </td>
                  <td>
                    <CoverageBar need={n} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.nextCursor === null || list.data === undefined ? null : (
        <p className="pager">
          {filters.cursor === undefined ? null : (
            <button type="button" onClick={() => update({ cursor: undefined })}>
              {t('funding.firstPage')}
            </button>
          )}
          <button type="button" onClick={() => update({ cursor: list.data.nextCursor ?? undefined })}>
            {t('funding.nextPage')}
          </button>
        </p>
      )}
    </section>
  );
}
