import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptEntry, Shipment, ShipmentLine } from '../../../src/modules/supply/shipments.schema.js';
import { enqueue } from '../offline/outbox-runner.js';

/** What the user entered for one line; `scan` is set when the line was found by its GS1 code. */
interface LineInput {
  received: string;
  rejected: string;
  reason: string;
  serials: string;
  scan: string | null;
}

const EMPTY: LineInput = { received: '', rejected: '', reason: '', serials: '', scan: null };
const tracksLots = (kind: string) => kind === 'medicine' || kind === 'consumable';

/**
 * The GTIN of a GS1 element string as a scanner or a person types it: "(01)" or "01" and 14 digits first,
 * after an optional symbology identifier (]C1, ]d2, ]Q3). The server reads the rest (lot, expiry, serial).
 */
export function gtinOfScan(code: string): string | null {
  const m = /^(?:\][A-Za-z]\d)?(?:\(01\)|01)(\d{14})/.exec(code.trim());
  return m?.[1] ?? null;
}

const count = (s: string): number => (s.trim() === '' ? 0 : Number(s));

/**
 * Proof of delivery on the phone: line by line, what arrived and what was refused (with why), each line chosen
 * by scanning the GS1 code on the box or by entering its quantities. It goes to the outbox as a `receipt` record,
 * so it works offline and is stored once however often it is sent.
 */
export function DeliveryConfirm({ shipment, onDone }: { shipment: Shipment; onDone: (label: string) => void }) {
  const { t } = useTranslation();
  const open = shipment.lines.filter((l) => l.outstandingQuantity > 0);
  const [inputs, setInputs] = useState<Record<string, LineInput>>({});
  const [scan, setScan] = useState('');
  const [scanProblem, setScanProblem] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const input = (line: ShipmentLine) => inputs[line.id] ?? EMPTY;
  const update = (id: string, change: Partial<LineInput>) => setInputs((prev) => ({ ...prev, [id]: { ...(prev[id] ?? EMPTY), ...change } }));

  function findByScan(e: React.FormEvent) {
    e.preventDefault();
    const gtin = gtinOfScan(scan);
    if (gtin === null) return setScanProblem(t('myFacility.deliveries.scanBad'));
    const line = open.find((l) => l.gtin === gtin);
    if (line === undefined) return setScanProblem(t('myFacility.deliveries.scanUnknown', { gtin }));
    setScanProblem(null);
    update(line.id, { scan: scan.trim() });
    setScan('');
    window.setTimeout(() => document.getElementById(`received-${line.id}`)?.focus(), 0);
  }

  function entriesOrProblems(): { entries: ReceiptEntry[]; problems: string[] } {
    const entries: ReceiptEntry[] = [];
    const found: string[] = [];
    for (const line of open) {
      const i = input(line);
      const received = count(i.received);
      const rejected = count(i.rejected);
      if (!Number.isInteger(received) || !Number.isInteger(rejected) || received < 0 || rejected < 0) {
        found.push(t('myFacility.stock.wholeNumber'));
        continue;
      }
      if (received + rejected === 0) continue;
      if (received + rejected > line.outstandingQuantity) found.push(t('myFacility.deliveries.tooMany', { no: line.lineNo, count: received + rejected, outstanding: line.outstandingQuantity }));
      if (rejected > 0 && i.reason.trim() === '') found.push(t('myFacility.deliveries.reasonNeeded', { no: line.lineNo }));
      const serials = i.serials.split(/[\s,;]+/).filter((s) => s !== '');
      entries.push({
        ...(i.scan === null ? { lineId: line.id } : { scan: i.scan }),
        quantity: received,
        ...(rejected > 0 ? { rejectedQuantity: rejected, rejectReason: i.reason.trim() } : {}),
        ...(!tracksLots(line.productKind) && serials.length > 0 ? { serials } : {}),
      });
    }
    if (entries.length === 0 && found.length === 0) found.push(t('myFacility.deliveries.nothing'));
    return { entries, problems: found };
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const { entries, problems: found } = entriesOrProblems();
    setProblems(found);
    if (found.length > 0) return;
    const label = t('myFacility.deliveries.label', { ref: shipment.donorReference });
    await enqueue({ kind: 'receipt', body: { shipmentId: shipment.id, entries }, label });
    onDone(label);
  }

  return (
    <div className="mf-panel" data-testid="delivery-confirm">
      <form onSubmit={findByScan} className="mf-row">
        <label className="mf-grow">
          {t('myFacility.deliveries.scan')}
          <input name="scan" value={scan} autoFocus autoComplete="off" autoCapitalize="off" spellCheck={false} placeholder={t('myFacility.deliveries.scanHint')} onChange={(e) => setScan(e.target.value)} />
        </label>
        <button type="submit" className="secondary">
          {t('myFacility.deliveries.find')}
        </button>
      </form>
      {scanProblem === null ? null : (
        <p className="error" role="alert">
          {scanProblem}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        {open.map((line) => {
          const i = input(line);
          return (
            <fieldset key={line.id} className={i.scan === null ? 'mf-line' : 'mf-line mf-scanned'} data-testid={`line-${line.lineNo}`}>
              <legend>{t('myFacility.deliveries.line', { no: line.lineNo, product: line.productName })}</legend>
              <p className="muted">
                {line.lotCode === null ? null : `${t('myFacility.deliveries.lotExpiry', { lot: line.lotCode, expiry: line.expiry ?? '—' })} · `}
                {t('myFacility.deliveries.outstanding', { count: line.outstandingQuantity })}
                {i.scan === null ? null : ` · ${t('myFacility.deliveries.scanned')}`}
              </p>
              <div className="mf-row">
                <label>
                  {t('myFacility.deliveries.received')}
                  <input id={`received-${line.id}`} name={`received-${line.lineNo}`} inputMode="numeric" value={i.received} onChange={(e) => update(line.id, { received: e.target.value })} />
                </label>
                <label>
                  {t('myFacility.deliveries.rejected')}
                  <input name={`rejected-${line.lineNo}`} inputMode="numeric" value={i.rejected} onChange={(e) => update(line.id, { rejected: e.target.value })} />
                </label>
              </div>
              {count(i.rejected) > 0 ? (
                <label>
                  {t('myFacility.deliveries.rejectReason')}
                  <input name={`reason-${line.lineNo}`} maxLength={500} value={i.reason} onChange={(e) => update(line.id, { reason: e.target.value })} />
                </label>
              ) : null}
              {tracksLots(line.productKind) ? null : (
                <label>
                  {t('supply.receiving.serials')}
                  <input name={`serials-${line.lineNo}`} value={i.serials} onChange={(e) => update(line.id, { serials: e.target.value })} />
                </label>
              )}
            </fieldset>
          );
        })}
        {problems.length === 0 ? null : (
          <ul className="error" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <p className="actions">
          <button type="submit">{t('myFacility.deliveries.submit')}</button>
        </p>
      </form>
    </div>
  );
}
