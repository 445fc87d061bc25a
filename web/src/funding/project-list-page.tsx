import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_STATUSES } from '../../../src/modules/funding/projects.schema.js';
import { FilterSelect } from '../app/filter-select.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';
import { localText } from './project-text.js';
import { organizationNameById, useOrganizations, useProjects } from './use-funding.js';
import { organizationName } from '../app/format/organization-name.js';

/** Projects (IATI activities) as a table; filters and the page cursor live in the URL. */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update, paging, clear } = useUrlFilters(['organizationId', 'status'] as const);
  const orgs = useOrganizations();
  const list = useProjects({ ...filters, cursor: paging.cursor });
  return (
    <section>
      <p>
        <Link to="/funding">← {t('funding.dashboard')}</Link>
      </p>
      <h1>{t('funding.projects')}</h1>
      <form className="filters" aria-label={t('funding.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('funding.organization')}
          name="organizationId"
          value={filters.organizationId}
          all={t('funding.allOrganizations')}
          options={(orgs.data?.items ?? []).filter((o) => o.type !== 'regional_health_dept' && o.type !== 'facility_operator').map((o) => ({ value: o.id, label: organizationName(o, lang) }))}
          onChange={(organizationId) => update({ organizationId })}
        />
        <FilterSelect label={t('funding.status')} name="status" value={filters.status} all={t('funding.allStatuses')} options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`funding.activityStatus.${s}`) }))} onChange={(status) => update({ status })} />
      </form>
      <ListTable
        query={list}
        testId="project-table"
        label={t('funding.projects')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('funding.noProjects')} hint={t('funding.noProjectsHint')} onClear={clear} />}
        empty={<EmptyState title={t('funding.noProjectsYet')} hint={t('funding.noProjectsYetHint')} />}
      >
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
              <td>{organizationNameById(orgs.data, p.reportingOrgId, lang)}</td>
              <td>{t(`funding.activityStatus.${p.status}`)}</td>
              <td>
                {formatDate(p.startDate, lang)} – {p.endDate === null ? t('funding.open') : formatDate(p.endDate, lang)}
              </td>
              <td>{p.reconstruction === null ? '—' : `${t(`funding.phases.${p.reconstruction.phase}`)} · ${p.reconstruction.percentComplete} %`}</td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
