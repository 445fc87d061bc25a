import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Balance } from '../../../src/modules/supply/stock.schema.js';
import { enqueue } from '../offline/outbox-runner.js';
import { useOutbox } from '../offline/use-outbox.js';
import { ReasonAndSave } from './reason-and-save.js';

type Action = 'use' | 'lose' | 'count';
const LOSSES = ['expiry_write_off', 'damage'] as const;

/**
 * What is on hand now as far as this phone knows: the server's balance less what was used or lost here and not
 * yet sent (a count waiting to be sent sets the figure).
 */
function onHandHere(balance: Balance, records: ReturnType<typeof useOutbox>['records']): number {
  let quantity = balance.quantity;
  for (const r of records) {
    const b = r.body;
    if (r.kind === 'stock_move' && b.lotId === balance.lotId && b.fromLocationId === balance.locationId) quantity -= Number(b.quantity);
    if (r.kind === 'stock_count' && b.locationId === balance.locationId) {
      const entry = (b.entries as { lotId?: string; countedQuantity: number }[]).find((e) => e.lotId === balance.lotId);
      if (entry !== undefined) quantity = entry.countedQuantity;
    }
  }
  return Math.max(0, quantity);
}

/** One lot on hand, with its three actions: use (consumption), write off (expiry or damage), count. Each goes through the outbox. */
function StockRow({ balance, onHand, onSaved }: { balance: Balance; onHand: number; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [quantity, setQuantity] = useState('');
  const [loss, setLoss] = useState<(typeof LOSSES)[number]>('expiry_write_off');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const n = Number(quantity);
    if (quantity.trim() === '' || !Number.isInteger(n) || n < (action === 'count' ? 0 : 1)) return setProblem(t('myFacility.stock.wholeNumber'));
    if (action !== 'count' && n > onHand) return setProblem(t('myFacility.stock.tooMany', { count: onHand }));
    setProblem(null);
    const product = balance.productName;
    const note = reason.trim() === '' ? {} : { reason: reason.trim() };
    if (action === 'count') {
      const label = t('myFacility.stock.labelCount', { product, quantity: n });
      await enqueue({ kind: 'stock_count', body: { locationId: balance.locationId, entries: [{ lotId: balance.lotId, countedQuantity: n }], ...note }, label });
      onSaved(label);
    } else {
      const kind = action === 'use' ? 'consumption' : loss;
      const label = t(action === 'use' ? 'myFacility.stock.labelUse' : 'myFacility.stock.labelLoss', { product, quantity: n });
      await enqueue({ kind: 'stock_move', body: { kind, lotId: balance.lotId, fromLocationId: balance.locationId, quantity: n, ...note }, label });
      onSaved(label);
    }
    setAction(null);
    setQuantity('');
    setReason('');
  }

  return (
    <li className="mf-card" data-testid={`stock-${balance.lotCode}`}>
      <strong>{balance.productName}</strong>
      <p className="muted">{t('myFacility.stock.lot', { lot: balance.lotCode, expiry: balance.expiry ?? '—', quantity: onHand })}</p>
      <p className="actions">
        {(['use', 'lose', 'count'] as const).map((a) => (
          <button key={a} type="button" className={action === a ? '' : 'secondary'} aria-pressed={action === a} onClick={() => setAction(action === a ? null : a)}>
            {t(`myFacility.stock.${a}`)}
          </button>
        ))}
      </p>
      {action === null ? null : (
        <form onSubmit={(e) => void save(e)} className="mf-panel">
          {action === 'lose' ? (
            <label>
              {t('myFacility.stock.lossKind')}
              <select name="loss" value={loss} onChange={(e) => setLoss(e.target.value as (typeof LOSSES)[number])}>
                {LOSSES.map((l) => (
                  <option key={l} value={l}>
                    {t(`myFacility.stock.losses.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t(action === 'count' ? 'myFacility.stock.counted' : 'myFacility.stock.quantity')}
            <input name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <ReasonAndSave reasonLabel="myFacility.stock.reason" reason={reason} onReason={setReason} problem={problem} saveLabel="myFacility.stock.save" />
        </form>
      )}
    </li>
  );
}

export function StockSection({ balances, onSaved }: { balances: readonly Balance[]; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const { records } = useOutbox();
  if (balances.length === 0) return <p className="muted">{t('myFacility.stock.none')}</p>;
  return (
    <ul className="mf-cards">
      {balances.map((b) => (
        <StockRow key={b.lotId} balance={b} onHand={onHandHere(b, records)} onSaved={onSaved} />
      ))}
    </ul>
  );
}
