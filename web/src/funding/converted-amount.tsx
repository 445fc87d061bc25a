import type { Static } from '@sinclair/typebox';
import { useTranslation } from 'react-i18next';
import type { Converted, RateUsed } from '../../../src/modules/funding/fx.schema.js';
import type { Language } from '../i18n/i18n.js';
import { formatMoney, formatRate } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';

export type ConvertedValue = Static<typeof Converted>;
export type Rate = Static<typeof RateUsed>;

/** One rate in words: "1 USD = 151.3 JPY, rate of 1 Apr 2024 (demo), nearest earlier than the value date". */
function RateLine({ rate, valueDate }: { rate: Rate; valueDate?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const earlier = valueDate !== undefined && rate.date < valueDate;
  return (
    <li>
      {t('funding.fx.rate', { rate: formatRate(rate.ratePerUsd, lang), currency: rate.currency, date: formatDate(rate.date, lang), source: rate.source })}
      {earlier ? <> — {t('funding.fx.earlier', { date: formatDate(valueDate, lang) })}</> : null}
      {rate.stale ? <strong className="fx-stale"> — ⚠ {t('funding.fx.stale', { days: rate.ageDays })}</strong> : null}
    </li>
  );
}

/** "≈" for a converted figure; "≈⚠" when a rate used is older than the configured age, said in words to screen readers too. */
function ConvertedMark({ rates }: { rates: readonly Rate[] }) {
  const { t } = useTranslation();
  const label = t(rates.some((r) => r.stale) ? 'funding.fx.staleMark' : 'funding.fx.converted');
  return (
    <>
      <span className={rates.some((r) => r.stale) ? 'fx-mark fx-stale' : 'fx-mark'} title={label}>
        {rates.some((r) => r.stale) ? '≈⚠' : '≈'}
      </span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}

/**
 * A converted figure that says it is converted: the amount, and on opening, the
 * original amount and each rate used with its date and source.
 */
export function ConvertedAmount({ value, testId }: { value: ConvertedValue; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const shown = formatMoney(value.amount, value.currency, lang);
  if (value.rates.length === 0) return <span data-testid={testId} data-amount={value.amount}>{shown}</span>;
  return (
    <details className="fx" data-testid={testId} data-amount={value.amount}>
      <summary>
        {shown} <ConvertedMark rates={value.rates} />
      </summary>
      <p>{t('funding.fx.original', { amount: formatMoney(value.original.amount, value.original.currency, lang), date: formatDate(value.original.valueDate, lang) })}</p>
      <ul className="plain">
        {value.rates.map((r) => (
          <RateLine key={`${r.currency}${r.date}`} rate={r} valueDate={value.original.valueDate} />
        ))}
      </ul>
    </details>
  );
}

/** The distinct rates behind a set of converted parts (each part was converted at its own value date). */
export function ratesOfParts(parts: readonly ConvertedValue[]): Rate[] {
  const rates = new Map<string, Rate>();
  // One line per rate; it is stale if any part used it past the age limit (the oldest use is shown).
  for (const p of parts)
    for (const r of p.rates) {
      const key = `${r.currency}|${r.date}|${r.source}`;
      const seen = rates.get(key);
      rates.set(key, seen === undefined || r.ageDays > seen.ageDays ? { ...r, stale: r.stale || (seen?.stale ?? false) } : { ...seen, stale: seen.stale || r.stale });
    }
  return [...rates.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
}

/**
 * A total made of converted parts: the sum, and on opening, how many
 * transactions it converts and the rates used, each with its date and source.
 */
export function ConvertedTotal({ amount, currency, rates, count, note, testId }: { amount: string; currency: string; rates: readonly Rate[]; count: number; note?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const shown = formatMoney(amount, currency, lang);
  // Nothing to convert (no rate used, or nothing at all): the plain figure.
  if (rates.length === 0 || count === 0 || /^0(\.0*)?$/.test(amount)) return <span data-testid={testId} data-amount={amount}>{shown}</span>;
  return (
    <details className="fx" data-testid={testId} data-amount={amount}>
      <summary>
        {shown} <ConvertedMark rates={rates} />
      </summary>
      <p>{note ?? t('funding.fx.sumOf', { count })}</p>
      <ul className="plain">
        {rates.map((r) => (
          <RateLine key={`${r.currency}${r.date}${r.source}`} rate={r} />
        ))}
      </ul>
    </details>
  );
}
