import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NEED_CATEGORIES, NEED_PRIORITIES, NEED_STATUSES } from '../../../src/modules/needs/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { FilterSelect } from '../app/filter-select.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastOptions, useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { CoverageBar } from './coverage-bar.js';
import { formatDate } from '../app/format/dates.js';
import { NeedsTabs } from './needs-tabs.js';
import { useFacilityNames, useNeedList } from './use-needs.js';

const FILTERS = ['category', 'priority', 'status'] as const;

/** Needs as a table, filters and page in the URL; each row shows how much is committed and delivered. */
export function NeedListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const { filters, update, paging, clear } = useUrlFilters([...FILTERS, 'area'] as const);
  const oblasts = useOblasts();
  const list = useNeedList({ ...filters, cursor: paging.cursor });
  const facilityName = useFacilityNames((list.data?.items ?? []).map((n) => n.facilityId), lang);
  const options: Record<(typeof FILTERS)[number], readonly string[]> = { category: NEED_CATEGORIES, priority: NEED_PRIORITIES, status: NEED_STATUSES };
  return (
    <section>
      <h1>{t('funding.needs.title')}</h1>
      <NeedsTabs />
      {hasAnyRole(session.data, ['admin', 'coordinator', 'facility_reporter']) ? (
        <p>
          <Link className="button" to="/needs/new">
            {t('funding.needs.create')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('funding.needs.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('funding.needs.oblast')} name="area" value={filters.area} all={t('funding.needs.all')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        {FILTERS.map((f) => (
          <FilterSelect key={f} label={t(`funding.needs.${f}`)} name={f} value={filters[f]} all={t('funding.needs.all')} options={options[f].map((v) => ({ value: v, label: t(`funding.needs.${f}Values.${v}`) }))} onChange={(v) => update({ [f]: v })} />
        ))}
      </form>
      <ListTable
        query={list}
        testId="need-table"
        label={t('funding.needs.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('funding.needs.empty')} hint={t('funding.needs.emptyHint')} onClear={clear} />}
        empty={<EmptyState title={t('funding.needs.none')} hint={t('funding.needs.noneHint')} />}
      >
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
                <Link to={`/facilities/${n.facilityId}`}>{facilityName(n.facilityId) ?? t('funding.facilityHidden')}</Link>
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
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
