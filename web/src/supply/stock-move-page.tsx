import { useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MANUAL_MOVE_KINDS, type Balance, type BalanceList, type MoveCreate, type StockMove } from '../../../src/modules/supply/stock.schema.js';
import { api, queryString } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { LocationSelect, ProductPicker } from './pickers.js';
import { Field } from './supply-bits.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

type ManualKind = (typeof MANUAL_MOVE_KINDS)[number];
const FIELDS = ['/kind', '/fromLocationId', '/lotId', '/quantity', '/toLocationId', '/reason'];
const isKind = (k: string | null): k is ManualKind => (MANUAL_MOVE_KINDS as readonly string[]).includes(k ?? '');
/** The server's date (UTC): a lot expiring today is still usable today. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Whether a lot may be offered for this kind of move. Transfers and consumption take only usable
 * stock (as assertLotUsable on the server); write-offs exist to clear blocked or expired stock.
 */
function offeredFor(kind: ManualKind, b: Pick<Balance, 'quantity' | 'lotStatus' | 'expiry'>, today: string): boolean {
  if (b.quantity <= 0) return false;
  if (kind === 'transfer' || kind === 'consumption') return b.lotStatus === 'available' && (b.expiry === null || b.expiry >= today);
  return true;
}

/** A manual move of one lot: transfer, consumption, expiry or damage write-off. The server checks the balance and the lot again. */
export function StockMovePage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const refresh = useSupplyRefresh();
  const id = useId();
  const [params] = useSearchParams();
  // A link from the stock or lot page may preset what it already knows.
  const [kind, setKind] = useState<ManualKind>(isKind(params.get('kind')) ? (params.get('kind') as ManualKind) : 'transfer');
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [productId, setProductId] = useState(params.get('productId') ?? '');
  const [lotId, setLotId] = useState(params.get('lotId') ?? '');
  const [quantity, setQuantity] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const here = useQuery({
    queryKey: ['supply', 'stock', { locationId: from, productId, move: true }],
    queryFn: () => api<Static<typeof BalanceList>>(`/api/v1/stock${queryString({ locationId: from, productId, limit: 500 })}`),
    enabled: from !== '' && productId !== '',
  });
  const today = todayUtc();
  const lots = (here.data?.items ?? []).filter((b) => offeredFor(kind, b, today));
  // A lot that is no longer offered (another kind, another place, used up) is not silently sent.
  const lot = lots.find((b) => b.lotId === lotId);
  const save = useMutation({
    mutationFn: (body: MoveCreate) => api<StockMove>('/api/v1/stock/moves', { method: 'POST', body }),
    onSuccess: () => {
      setQuantity('');
      setReason('');
      refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  // The lot chosen, or the one just moved when the move used it up here.
  const shownLot = lot?.lotId ?? save.data?.lotId;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({
      kind,
      lotId: lot?.lotId ?? '',
      fromLocationId: from,
      ...(kind === 'transfer' ? { toLocationId: to } : {}),
      quantity: quantity.trim() === '' ? Number.NaN : Number(quantity),
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    });
  };
  return (
    <section>
      <p>
        <Link to="/supply/stock">← {t('supply.stock.title')}</Link>
      </p>
      <h1>{t('supply.move.title')}</h1>
      <p className="muted">{t('supply.move.hint')}</p>
      <form className="form-grid" data-testid="move-form" noValidate onSubmit={submit}>
        <Field label={t('supply.move.kind')} error={errors.get('/kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ManualKind)}>
              {MANUAL_MOVE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`supply.move.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('supply.move.from')} error={errors.get('/fromLocationId')}>
          {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={from} empty={t('supply.choose')} onChange={setFrom} />}
        </Field>
        <ProductPicker
          label={t('supply.product')}
          value={productId}
          empty={t('supply.choose')}
          onChange={(p) => {
            setProductId(p);
            setLotId('');
          }}
        />
        <Field label={t('supply.move.lot')} error={errors.get('/lotId')}>
          {(props) => (
            <select {...props} value={lot?.lotId ?? ''} onChange={(e) => setLotId(e.target.value)} disabled={from === '' || productId === ''}>
              <option value="">{from === '' || productId === '' ? t('supply.move.chooseFirst') : lots.length === 0 && here.isSuccess ? t('supply.move.noLots') : t('supply.choose')}</option>
              {lots.map((b) => (
                <option key={b.lotId} value={b.lotId}>
                  {b.lotStatus === 'available'
                    ? t('supply.move.lotOption', { lot: b.lotCode, expiry: f.date(b.expiry), n: f.number(b.quantity) })
                    : t('supply.move.lotOptionBlocked', { lot: b.lotCode, status: t(`supply.lotStatus.${b.lotStatus}`), n: f.number(b.quantity) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('supply.quantity')} error={errors.get('/quantity')}>
          {(props) => <input {...props} type="number" inputMode="numeric" min={1} step={1} max={lot?.quantity} value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
        </Field>
        {kind === 'transfer' ? (
          <Field label={t('supply.move.to')} error={errors.get('/toLocationId')}>
            {(props) => <LocationSelect id={props.id} describedBy={props['aria-describedby']} invalid={props['aria-invalid']} value={to} empty={t('supply.choose')} onChange={setTo} />}
          </Field>
        ) : null}
        <Field label={t('supply.move.reason')} error={errors.get('/reason')}>
          {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {kind === 'transfer' || kind === 'consumption' ? <p className="muted span-all">{t('supply.move.usableOnly')}</p> : null}
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('supply.move.submit')}
          </button>
        </div>
        <FormProblems error={save.error} fields={FIELDS} />
      </form>
      {save.data === undefined ? null : (
        <p className="ok" role="status" data-testid="move-done">
          {t('supply.move.done', { kind: t(`supply.moveKind.${save.data.kind}`), n: f.number(save.data.quantity) })}
        </p>
      )}
      {shownLot === undefined ? null : <LotOnHand lotId={shownLot} headingId={`${id}-onhand`} />}
    </section>
  );
}

/** Where the chosen lot is now, as the API has it: refreshed with every move. */
function LotOnHand({ lotId, headingId }: { lotId: string; headingId: string }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const balances = useQuery({
    queryKey: ['supply', 'stock', { lotId, move: true }],
    queryFn: () => api<Static<typeof BalanceList>>(`/api/v1/stock${queryString({ lotId, limit: 500 })}`),
  });
  if (balances.data === undefined || balances.data.items.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('supply.move.onHandNow')}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="lot-on-hand" aria-busy={balances.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t('supply.location')}</th>
              <th scope="col">{t('supply.lot')}</th>
              <th scope="col" className="num">
                {t('supply.onHand')}
              </th>
            </tr>
          </thead>
          <tbody>
            {balances.data.items.map((b) => (
              <tr key={b.locationId} data-location={b.locationId}>
                <td>{b.locationName}</td>
                <td>
                  <code>{b.lotCode}</code>
                </td>
                <td className="num">{f.number(b.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
