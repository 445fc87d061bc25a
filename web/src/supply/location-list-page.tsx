import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LOCATION_KINDS } from '../../../src/modules/supply/locations.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
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
  // A warehouse may sit in a raion or hromada: the oblast's name when it is one, its code otherwise.
  const areaName = (katottg: string) => {
    const area = oblasts.data?.items.find((a) => a.katottg === katottg);
    return area === undefined ? katottg : localAreaName(area, i18n.language);
  };
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
        <thead>
          <tr>
            <th scope="col">{t('supply.locations.name')}</th>
            <th scope="col">{t('supply.locations.kind')}</th>
            <th scope="col">{t('supply.locations.area')}</th>
            <th scope="col">{t('supply.locations.operator')}</th>
            <th scope="col">{t('supply.locations.registered')}</th>
            <th scope="col">{t('supply.locations.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((l) => (
            <tr key={l.id} data-location={l.id}>
              <td>{locationName(l, i18n.language)}</td>
              <td>{t(`supply.locations.kinds.${l.kind}`)}</td>
              <td>{areaName(l.areaKatottg)}</td>
              <td>{l.operatorOrgId === null ? t('supply.locations.noOperator') : organizationNameById(orgs.data, l.operatorOrgId, i18n.language)}</td>
              <td>{f.date(l.createdAt.slice(0, 10))}</td>
              <td>
                <Link to={`/supply/stock?locationId=${l.id}`}>{t('supply.locations.seeStock')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
