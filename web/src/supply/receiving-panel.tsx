import { useMutation } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReceiptCreate, ReceiptEntry, ReceiptResult, Shipment } from '../../../src/modules/supply/shipments.schema.js';
import type { ScanResult } from '../../../src/modules/supply/stock.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { ScanField, showSeparators } from './scan-field.js';
import { Field } from './supply-bits.js';
import { tracksLots, type ShipmentLine } from './use-shipment.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

/** One entry of the receipt being prepared; quantities are text while typed. */
interface Draft {
  key: number;
  line: ShipmentLine;
  scan: string | null;
  scanned: ScanResult | null;
  quantity: string;
  rejected: string;
  rejectReason: string;
  lotCode: string;
  expiry: string;
  serials: string;
}

const ENTRY_FIELDS = ['quantity', 'rejectedQuantity', 'rejectReason', 'lotCode', 'expiry', 'serials', 'scan', 'lineId'] as const;

/**
 * Receiving: scan a barcode (or pick a line), check what it says against the notice, enter what
 * arrived and what was refused, and submit the receipt; the server answers each field it refuses.
 */
export function ReceivingPanel({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [last, setLast] = useState<{ result: ScanResult; code: string } | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<Static<typeof ReceiptResult> | null>(null);

  const add = (line: ShipmentLine, scan: string | null, scanned: ScanResult | null) =>
    setDrafts((ds) => {
      const pending = ds.filter((d) => d.line.id === line.id).reduce((n, d) => n + (Number(d.quantity) || 0), 0);
      // Equipment is scanned unit by unit (one serial each); other goods default to what is still outstanding.
      const quantity = !tracksLots(line.productKind) && (scanned?.serial ?? null) !== null ? 1 : Math.max(0, line.outstandingQuantity - pending);
      return [...ds, { key: Date.now() + ds.length, line, scan, scanned, quantity: String(quantity), rejected: '0', rejectReason: '', lotCode: '', expiry: '', serials: '' }];
    });


  const submit = useMutation({
    mutationFn: (body: ReceiptCreate) => api<Static<typeof ReceiptResult>>(`/api/v1/shipments/${s.id}/receipts`, { method: 'POST', body }),
    onSuccess: (result) => {
      setDrafts([]);
      setLast(null);
      setNote('');
      setDone(result);
      refresh();
    },
  });
  const errors = fieldErrorsOf(submit.error);
  const lineOf = (id: string | null) => s.lines.find((l) => l.id === id);
  const matched = last === null ? undefined : lineOf(last.result.lineId);
  const placed = drafts.flatMap((_, i) => [`/entries/${i}`, ...ENTRY_FIELDS.map((f) => `/entries/${i}/${f}`)]);

  return (
    <section aria-labelledby="receiving-h" className="receiving" data-testid="receiving">
      <h2 id="receiving-h">{t('supply.receiving.title')}</h2>
      <ScanField
        shipmentId={s.id}
        onScanned={(result, code) => {
          setDone(null);
          setLast({ result, code });
        }}
      />
      {last === null ? null : (
        <div className="scan-result" data-testid="scan-result" role="status">
          <h3>{t('supply.scan.result')}</h3>
          <p className="muted">
            <code>{showSeparators(last.code)}</code>
          </p>
          <ScanFacts result={last.result} />
          {matched === undefined ? (
            <p className="bad" data-testid="scan-no-line">
              {last.result.productId === null ? t('supply.scan.unknownProduct') : t('supply.scan.noLine')}
            </p>
          ) : (
            <p data-testid="scan-line">
              {t('supply.scan.matches', { n: matched.lineNo, product: matched.productName, outstanding: matched.outstandingQuantity })}{' '}
              <button type="button" onClick={() => (add(matched, last.code, last.result), setLast(null))}>
                {t('supply.receiving.add')}
              </button>
            </p>
          )}
        </div>
      )}
      <LinePicker lines={s.lines} onPick={(line) => add(line, null, null)} />
      {drafts.length === 0 ? null : (
        <form
          data-testid="receipt-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate({ version: s.version, entries: drafts.map(entryOf), ...(note.trim() === '' ? {} : { note: note.trim() }) });
          }}
        >
          {drafts.map((d, i) => (
            <DraftEntry
              key={d.key}
              draft={d}
              index={i}
              errors={errors}
              onChange={(next) => setDrafts((ds) => ds.map((x) => (x.key === d.key ? next : x)))}
              onRemove={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}
            />
          ))}
          <Field label={t('supply.receiving.note')} error={errors.get('/note')}>
            {(props) => <input {...props} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" disabled={submit.isPending} data-testid="submit-receipt">
              {t('supply.receiving.submit', { n: drafts.length })}
            </button>
          </div>
          <FormProblems error={submit.error} fields={placed} />
        </form>
      )}
      {done === null ? null : (
        <p className="ok" role="status" data-testid="receipt-done">
          {t('supply.receiving.done', { moves: done.moves, assets: done.assetIds.length })} <Link to={`/supply/stock?locationId=${s.toLocationId}`}>{t('supply.receiving.seeStock')}</Link>
        </p>
      )}
    </section>
  );
}

/** Receiving without a barcode: pick a line that still has units outstanding. */
function LinePicker({ lines, onPick }: { lines: readonly ShipmentLine[]; onPick: (line: ShipmentLine) => void }) {
  const { t } = useTranslation();
  const open = lines.filter((l) => l.outstandingQuantity > 0);
  const [lineId, setLineId] = useState('');
  if (open.length === 0) return null;
  const chosen = open.find((l) => l.id === lineId) ?? open[0];
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== undefined) onPick(chosen);
      }}
    >
      <label>
        {t('supply.receiving.withoutScan')}
        <select value={chosen?.id ?? ''} onChange={(e) => setLineId(e.target.value)}>
          {open.map((l) => (
            <option key={l.id} value={l.id}>
              {t('supply.receiving.lineOption', { n: l.lineNo, product: l.productName, outstanding: l.outstandingQuantity })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('supply.receiving.add')}</button>
    </form>
  );
}

function entryOf(d: Draft): ReceiptEntry {
  const rejected = Number(d.rejected) || 0;
  const serials = d.serials
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return {
    lineId: d.line.id,
    ...(d.scan === null ? {} : { scan: d.scan }),
    // A non-number goes as NaN → null in JSON, so the server names the field rather than the page guessing.
    quantity: d.quantity.trim() === '' ? Number.NaN : Number(d.quantity),
    ...(rejected === 0 ? {} : { rejectedQuantity: Number(d.rejected) }),
    ...(d.rejectReason.trim() === '' ? {} : { rejectReason: d.rejectReason.trim() }),
    ...(d.lotCode.trim() === '' ? {} : { lotCode: d.lotCode.trim() }),
    ...(d.expiry === '' ? {} : { expiry: d.expiry }),
    ...(serials.length === 0 ? {} : { serials }),
  };
}

function ScanFacts({ result: r }: { result: ScanResult }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const facts: [string, React.ReactNode, string][] = [
    ['gtin', r.gtin === null ? '—' : <code>{r.gtin}</code>, 'gtin'],
    ['expiry', f.date(r.expiry), 'expiry'],
    ['lot', r.lotCode === null ? '—' : <code>{r.lotCode}</code>, 'lot'],
    ['serial', r.serial === null ? '—' : <code>{r.serial}</code>, 'serial'],
    ['product', r.productName ?? t('supply.scan.notInCatalogue'), 'product'],
  ];
  return (
    <dl className="details">
      {facts.map(([key, value, id]) => (
        <div key={key} data-testid={`scan-${id}`}>
          <dt>{t(`supply.scan.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DraftEntry({ draft: d, index, errors, onChange, onRemove }: { draft: Draft; index: number; errors: ReadonlyMap<string, string>; onChange: (d: Draft) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const at = (field: string) => errors.get(`/entries/${index}/${field}`);
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...d, [k]: e.target.value });
  const entryError = errors.get(`/entries/${index}`) ?? at('scan') ?? at('lineId');
  const lots = tracksLots(d.line.productKind);
  return (
    <fieldset className="entry form-grid" data-testid="receipt-entry">
      <legend>
        {t('supply.receiving.entry', { n: d.line.lineNo, product: d.line.productName })}
        {d.scanned === null ? null : (
          <span className="muted">
            {' '}
            · {t('supply.receiving.scanned', { lot: d.scanned.lotCode ?? '—', expiry: f.date(d.scanned.expiry) })}
            {d.scanned.serial === null ? '' : ` · ${d.scanned.serial}`}
          </span>
        )}
      </legend>
      {entryError === undefined ? null : (
        <p className="field-error" role="alert">
          {t('supply.form.fixField')} <span lang="en">({entryError})</span>
        </p>
      )}
      <Field label={t('supply.receiving.quantity')} error={at('quantity')}>
        {(props) => <input {...props} type="number" inputMode="numeric" min={0} step={1} value={d.quantity} onChange={set('quantity')} data-testid="entry-quantity" />}
      </Field>
      <Field label={t('supply.receiving.rejected')} error={at('rejectedQuantity')}>
        {(props) => <input {...props} type="number" inputMode="numeric" min={0} step={1} value={d.rejected} onChange={set('rejected')} />}
      </Field>
      <Field label={t('supply.receiving.rejectReason')} error={at('rejectReason')} hint={t('supply.receiving.rejectReasonHint')}>
        {(props) => <input {...props} value={d.rejectReason} maxLength={500} onChange={set('rejectReason')} />}
      </Field>
      {d.scan === null && lots ? (
        <>
          <Field label={t('supply.receiving.lotCode')} error={at('lotCode')} hint={t('supply.receiving.lotHint')}>
            {(props) => <input {...props} value={d.lotCode} maxLength={20} placeholder={d.line.lotCode ?? ''} onChange={set('lotCode')} />}
          </Field>
          <Field label={t('supply.expiry')} error={at('expiry')}>
            {(props) => <input {...props} type="date" value={d.expiry} onChange={set('expiry')} />}
          </Field>
        </>
      ) : null}
      {!lots && (d.scanned?.serial ?? null) === null ? (
        <Field label={t('supply.receiving.serials')} error={at('serials')} hint={t('supply.receiving.serialsHint')}>
          {(props) => <input {...props} value={d.serials} onChange={set('serials')} />}
        </Field>
      ) : null}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onRemove}>
          {t('supply.receiving.remove')}
        </button>
      </div>
    </fieldset>
  );
}
