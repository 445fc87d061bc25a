import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LOCATION_KINDS } from '../../../src/modules/supply/locations.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { useOblasts } from '../facilities/use-areas.js';
import { organizationNameById, useOrganizations } from '../funding/use-funding.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, type Locations } from './use-supply.js';
import { areaName as localAreaName } from '../facilities/area-names.js';
import { locationName } from './location-name.js';

const column = createColumnHelper<Locations['items'][number]>();

/** Warehouses and facility locations, the kind filter in the URL; writers may add a warehouse. */
export function LocationListPage() {
  const { t, i18n } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const oblasts = useOblasts();
  const orgs = useOrganizations();
  const { filters, update, paging, clear } = useUrlFilters(['kind'] as const);
  // The warehouse form comes back here with the name it created.
  const created = (useLocation().state as { created?: string } | null)?.created;
  const list = useQuery({
    queryKey: ['supply', 'locations', 'list', filters, paging.cursor],
    queryFn: () => api<Locations>(`/api/v1/locations${queryString({ ...filters, cursor: paging.cursor, limit: 100 })}`),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(() => {
    // A warehouse may sit in a raion or hromada: the oblast's name when it is one, its code otherwise.
    const areaName = (katottg: string) => {
      const area = oblasts.data?.items.find((a) => a.katottg === katottg);
      return area === undefined ? katottg : localAreaName(area, i18n.language);
    };
    return [
      column.display({ id: 'name', header: () => t('supply.locations.name'), cell: (c) => locationName(c.row.original, i18n.language) }),
      column.accessor('kind', { header: () => t('supply.locations.kind'), cell: (c) => t(`supply.locations.kinds.${c.getValue()}`) }),
      column.accessor('areaKatottg', { header: () => t('supply.locations.area'), cell: (c) => areaName(c.getValue()) }),
      column.accessor('operatorOrgId', { header: () => t('supply.locations.operator'), cell: (c) => (c.getValue() === null ? t('supply.locations.noOperator') : organizationNameById(orgs.data, c.getValue() ?? '', i18n.language)) }),
      column.accessor('createdAt', { header: () => t('supply.locations.registered'), cell: (c) => f.date(c.getValue().slice(0, 10)) }),
      column.display({ id: 'stock', header: () => t('supply.locations.stock'), cell: (c) => <Link to={`/supply/stock?locationId=${c.row.original.id}`}>{t('supply.locations.seeStock')}</Link> }),
    ];
  }, [t, f, i18n.language, oblasts.data, orgs.data]);
  const table = useListTable(list.data?.items, columns);
  return (
    <section>
      <h1>{t('supply.locations.title')}</h1>
      <p className="muted">{t('supply.locations.hint')}</p>
      {created === undefined ? null : (
        <p className="ok" role="status" data-testid="warehouse-created">
          {t('supply.locations.created', { name: created })}
        </p>
      )}
      {canWrite ? (
        <p className="actions">
          <Link className="button" to="/supply/locations/new">
            {t('supply.locations.new')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('supply.locations.kind')} name="kind" value={filters.kind} all={t('supply.all')} options={LOCATION_KINDS.map((k) => ({ value: k, label: t(`supply.locations.kinds.${k}`) }))} onChange={(kind) => update({ kind })} />
      </form>
      <ListTable
        query={list}
        testId="location-table"
        label={t('supply.locations.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('supply.locations.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.locations.none')} hint={t('supply.locations.noneHint')} />}
      >
        <ColumnRows table={table} rowData={(l) => ({ 'data-location': l.id })} />
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
