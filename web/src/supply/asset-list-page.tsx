import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ASSET_KINDS, ASSET_STATUSES, type AssetList } from '../../../src/modules/assets/assets.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { ListTable, NoMatch } from '../app/list-table.js';
import { Pager } from '../app/pager.js';
import { EmptyState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { StatusBadge } from './supply-bits.js';
import { useSupplyFormat } from './use-supply.js';

/** Equipment and generators in service: status, rating of generators, and when maintenance is due (the due/overdue filter is the work list). */
export function AssetListPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { filters, update, paging, clear } = useUrlFilters(['status', 'maintenance', 'kind'] as const);
  const list = useQuery({
    queryKey: ['supply', 'assets', filters, paging.cursor],
    queryFn: () => api<Static<typeof AssetList>>(`/api/v1/assets${queryString({ ...filters, cursor: paging.cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  return (
    <section>
      <h1>{t('supply.assets.title')}</h1>
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('supply.status')} name="status" value={filters.status} all={t('supply.all')} options={ASSET_STATUSES.map((s) => ({ value: s, label: t(`supply.assetStatus.${s}`) }))} onChange={(status) => update({ status })} />
        <FilterSelect label={t('supply.assets.assetKind')} name="kind" value={filters.kind} all={t('supply.all')} options={ASSET_KINDS.map((k) => ({ value: k, label: t(`supply.assets.assetKinds.${k}`) }))} onChange={(kind) => update({ kind })} />
        <label>
          {t('supply.assets.maintenance')}
          <select value={filters.maintenance ?? ''} onChange={(e) => update({ maintenance: e.target.value })}>
            <option value="">{t('supply.all')}</option>
            <option value="due">{t('supply.assets.dueOrOverdue')}</option>
            <option value="overdue">{t('supply.maintenanceStatus.overdue')}</option>
          </select>
        </label>
      </form>
      <ListTable
        query={list}
        testId="asset-table"
        label={t('supply.assets.title')}
        filtered={Object.values(filters).some((v) => v !== undefined)}
        noMatch={<NoMatch title={t('supply.assets.empty')} onClear={clear} />}
        empty={<EmptyState title={t('supply.assets.none')} hint={t('supply.assets.noneHint')} />}
      >
        <thead>
          <tr>
            <th scope="col">{t('supply.assets.serial')}</th>
            <th scope="col">{t('supply.product')}</th>
            <th scope="col">{t('supply.assets.rating')}</th>
            <th scope="col">{t('supply.status')}</th>
            <th scope="col">{t('supply.assets.installed')}</th>
            <th scope="col">{t('supply.assets.nextDue')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/supply/assets/${a.id}`}>
                  <code>{a.serial}</code>
                </Link>
              </td>
              <td>{a.productName}</td>
              <td>{a.generator === null ? '—' : `${f.number(a.generator.ratingKw)} kW`}</td>
              <td>
                <StatusBadge group="asset" status={a.status} />
              </td>
              <td>{f.date(a.installedOn)}</td>
              <td>
                {f.date(a.nextMaintenanceDue)} {a.maintenanceState === null ? null : <StatusBadge group="maintenance" status={a.maintenanceState} />}
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <Pager paging={paging} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
