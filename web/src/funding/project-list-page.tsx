import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ACTIVITY_STATUSES } from '../../../src/modules/funding/projects.schema.js';
import { EmptyState, ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from './money.js';
import { localText } from './project-text.js';
import { organizationName, useOrganizations, useProjects } from './use-funding.js';

/** Projects (IATI activities) as a table; filters and the page cursor live in the URL. */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const orgs = useOrganizations();
  const filters = { organizationId: params.get('organizationId') ?? undefined, status: params.get('status') ?? undefined, cursor: params.get('cursor') ?? undefined };
  const list = useProjects(filters);
  const update = (changes: Record<string, string | undefined>) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
      if (!('cursor' in changes)) next.delete('cursor');
      return next;
    });
  return (
    <section>
      <p>
        <Link to="/funding">← {t('funding.dashboard')}</Link>
      </p>
      <h1>{t('funding.projects')}</h1>
      <form className="filters" aria-label={t('funding.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('funding.organization')}
          <select value={filters.organizationId ?? ''} onChange={(e) => update({ organizationId: e.target.value })}>
            <option value="">{t('funding.allOrganizations')}</option>
            {(orgs.data?.items ?? [])
              .filter((o) => o.type !== 'regional_health_dept' && o.type !== 'facility_operator')
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {lang === 'uk' ? o.nameUk : o.nameEn}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('funding.status')}
          <select value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('funding.allStatuses')}</option>
            {ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`funding.activityStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data !== undefined && list.data.items.length === 0 ? (
        <EmptyState title={t('funding.noProjects')} hint={t('funding.noProjectsHint')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="project-table" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('funding.project')}</th>
                <th scope="col">{t('funding.reportingOrg')}</th>
                <th scope="col">{t('funding.status')}</th>
                <th scope="col">{t('funding.dates')}</th>
                <th scope="col">{t('funding.phase')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/funding/projects/${p.id}`}>{localText(p.title, lang)}</Link>
                    <br />
                    <code className="muted">{p.iatiIdentifier}</code>
                  </td>
                  <td>{organizationName(orgs.data, p.reportingOrgId, lang)}</td>
                  <td>{t(`funding.activityStatus.${p.status}`)}</td>
                  <td>
                    {formatDate(p.startDate, lang)} – {p.endDate === null ? t('funding.open') : formatDate(p.endDate, lang)}
                  </td>
                  <td>{p.reconstruction === null ? '—' : `${t(`funding.phases.${p.reconstruction.phase}`)} · ${p.reconstruction.percentComplete} %`}</td>
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
