import { useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StockMove, StockMoveList } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { Pager } from '../app/pager.js';
import { ColumnRows, useListTable } from '../app/column-rows.js';
import { NoMatch } from '../app/list-table.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useUrlFilters, type Paging } from '../app/use-url-filters.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { LocationSelect } from './pickers.js';
import { Field } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useLocations, useSupplyFormat, useSupplyRefresh } from './use-supply.js';
import { locationName } from './location-name.js';

const column = createColumnHelper<StockMove>();

/** The ledger, newest first: moves are never edited; a mistake is undone by a reversal move. */
export function MovesPage() {
  const { t } = useTranslation();
  const { filters, update, paging, clear } = useUrlFilters(['locationId', 'lotId'] as const);
  return (
    <section>
      <h1>{t('supply.moves.title')}</h1>
      <p className="muted">{t('supply.moves.hint')}</p>
      <form className="filters" aria-label={t('supply.filters')} onSubmit={(e) => e.preventDefault()}>
        <LocationSelect label={t('supply.location')} value={filters.locationId ?? ''} empty={t('supply.all')} onChange={(locationId) => update({ locationId })} />
      </form>
      <MoveTable filters={{ locationId: filters.locationId, lotId: filters.lotId }} paging={paging} filtered={filters.locationId !== undefined || filters.lotId !== undefined} onClear={clear} />
    </section>
  );
}

/**
 * Moves of the ledger (for a lot, a location or all), with a reversal for writers. `filtered`: the reader chose the
 * filters (the ledger page), so an empty answer says that nothing matches them rather than that there are no moves.
 */
export function MoveTable({ filters, paging, filtered = false, onClear }: { filters: { lotId?: string | undefined; locationId?: string | undefined }; paging?: Paging; filtered?: boolean; onClear?: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const locations = useLocations();
  const [reversing, setReversing] = useState<string | null>(null);
  const cursor = paging?.cursor;
  const list = useQuery({
    queryKey: ['supply', 'moves', filters, cursor],
    queryFn: () => api<Static<typeof StockMoveList>>(`/api/v1/stock/moves${queryString({ ...filters, cursor, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });
  const place = (id: string | null) => {
    const l = id === null ? undefined : locations.data?.items.find((x) => x.id === id);
    // A place outside the first page of locations is rare; a dash beats a fragment of its id.
    return l === undefined ? '—' : locationName(l, i18n.language);
  };
  // Not memoised: the reversal form opens in a row (state) and places are named as the locations arrive.
  const columns = [
    column.accessor('at', { header: () => t('supply.moves.at'), cell: (c) => f.dateTime(c.getValue()) }),
    column.accessor('kind', {
      header: () => t('supply.moves.kind'),
      cell: ({ row: { original: m } }) => (
        <>
          {t(`supply.moveKind.${m.kind}`)}
          {m.reason === null ? null : (
            <>
              <br />
              <span className="muted">{m.reason}</span>
            </>
          )}
        </>
      ),
    }),
    column.accessor('fromLocationId', { header: () => t('supply.moves.from'), cell: (c) => place(c.getValue()) }),
    column.accessor('toLocationId', { header: () => t('supply.moves.to'), cell: (c) => place(c.getValue()) }),
    column.accessor('quantity', { header: () => t('supply.quantity'), cell: (c) => f.number(c.getValue()) }),
    column.accessor('lotId', { header: () => t('supply.lot'), cell: (c) => <Link to={`/supply/lots/${c.getValue()}`}>{t('supply.moves.openLot')}</Link> }),
    column.accessor('actor', { header: () => t('supply.moves.by') }),
    ...(canWrite
      ? [
          column.display({
            id: 'actions',
            header: () => t('supply.actions'),
            cell: ({ row: { original: m } }) =>
              m.kind === 'reversal' ? null : reversing === m.id ? (
                <ReverseForm move={m} onDone={() => setReversing(null)} />
              ) : (
                <button type="button" className="small" onClick={() => setReversing(m.id)}>
                  {t('supply.moves.reverse')}
                </button>
              ),
          }),
        ]
      : []),
  ];
  const table = useListTable(list.data?.items, columns);
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data?.items.length === 0) return filtered ? <NoMatch onClear={onClear} /> : <EmptyState title={t('supply.moves.empty')} />;
  return (
    <>
      <div className="table-wrap">
        <table className="data" data-testid="move-table" aria-busy={list.isFetching}>
          <ColumnRows table={table} numeric={['quantity']} rowData={(m) => ({ 'data-kind': m.kind })} />
        </table>
      </div>
      {paging === undefined ? null : <Pager paging={paging} nextCursor={list.data?.nextCursor} />}
    </>
  );
}

function ReverseForm({ move, onDone }: { move: StockMove; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [reason, setReason] = useState('');
  const reverse = useMutation({
    mutationFn: () => api<StockMove>(`/api/v1/stock/moves/${move.id}/reverse`, { method: 'POST', body: { reason: reason.trim() } }),
    onSuccess: () => {
      onDone();
      refresh();
    },
  });
  const errors = fieldErrorsOf(reverse.error);
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        reverse.mutate();
      }}
    >
      <Field label={t('supply.moves.reverseReason')} error={errors.get('/reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="small" disabled={reverse.isPending}>
          {t('supply.moves.reverse')}
        </button>
        <button type="button" className="small secondary" onClick={onDone}>
          {t('supply.cancel')}
        </button>
      </div>
      <FormProblems error={reverse.error} fields={['/reason']} />
    </form>
  );
}
