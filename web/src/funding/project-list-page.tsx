import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_STATUSES } from '../../../src/modules/funding/projects.schema.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';
import { localText } from './project-text.js';
import { organizationNameById, useOrganizations, useProjects, type Projects } from './use-funding.js';
import { organizationName } from '../app/format/organization-name.js';

const column = createColumnHelper<Projects['items'][number]>();

/** Projects (IATI activities) as a table; filters and the page cursor live in the URL. */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update, paging, clear } = useUrlFilters(['organizationId', 'status'] as const);
  const orgs = useOrganizations();
  const list = useProjects({ ...filters, cursor: paging.cursor });
  const columns = useMemo(
    () => [
      column.accessor('title', {
        header: () => t('funding.project'),
        cell: (c) => (
          <>
            <Link to={`/funding/projects/${c.row.original.id}`}>{localText(c.getValue(), lang)}</Link>
            <br />
            <code className="muted">{c.row.original.iatiIdentifier}</code>
          </>
        ),
      }),
      column.accessor('reportingOrgId', { header: () => t('funding.reportingOrg'), cell: (c) => organizationNameById(orgs.data, c.getValue(), lang) }),
      column.accessor('status', { header: () => t('funding.status'), cell: (c) => t(`funding.activityStatus.${c.getValue()}`) }),
      column.display({
        id: 'dates',
        header: () => t('funding.dates'),
        cell: ({ row: { original: p } }) => (
          <>
            {formatDate(p.startDate, lang)} – {p.endDate === null ? t('funding.open') : formatDate(p.endDate, lang)}
          </>
        ),
      }),
      column.accessor('reconstruction', { header: () => t('funding.phase'), cell: (c) => { const r = c.getValue(); return r === null ? '—' : `${t(`funding.phases.${r.phase}`)} · ${r.percentComplete} %`; } }),
    ],
    [t, lang, orgs.data],
  );
  const table = useListTable(list.data?.items, columns);
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
        <ColumnRows table={table} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
