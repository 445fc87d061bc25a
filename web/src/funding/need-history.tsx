import { useTranslation } from 'react-i18next';
import type { NeedTransition } from '../../../src/modules/needs/needs.schema.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { useNeedHistory } from './use-needs.js';
import { formatDateTime } from '../app/format/dates.js';

/** An edit's fields as "quantity 150 → 200"; other steps say nothing more than their reason. */
function changeText(h: NeedTransition, label: (field: string) => string): string | null {
  if (h.change === null || h.action !== 'edit') return null;
  // Values are strings, or an estimate { unitPrice, currency, date }.
  const show = (v: unknown): string => {
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (typeof v === 'object' && v !== null && 'unitPrice' in v && 'currency' in v) return `${String(v.unitPrice)} ${String(v.currency)}`;
    return '—';
  };
  return Object.entries(h.change)
    .map(([field, pair]) => (Array.isArray(pair) ? `${label(field)}: ${show(pair[0])} → ${show(pair[1])}` : null))
    .filter((x) => x !== null)
    .join('; ');
}

/** Every step of a need's life, oldest first: when, what, who, from which status to which, and why. */
export function NeedHistoryList({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const history = useNeedHistory(needId);
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data?.items ?? [];
  if (history.data !== undefined && items.length === 0) return <p className="muted">{t('funding.needs.noHistory')}</p>;
  return (
    <ol className="need-history" data-testid="need-history">
      {items.map((h) => {
        const change = changeText(h, (f) => t(`funding.needs.changeValues.${f}`, { defaultValue: f }));
        return (
          <li key={h.id} data-action={h.action}>
            <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time> · <strong>{t(`funding.needs.actionValues.${h.action}`)}</strong>
            {h.fromStatus !== null && h.fromStatus !== h.toStatus ? ` (${t(`funding.needs.statusValues.${h.fromStatus}`)} → ${t(`funding.needs.statusValues.${h.toStatus}`)})` : null}
            {' · '}
            <span className="muted">{h.actor === null ? t('funding.needs.historyUnknown') : t('funding.needs.historyBy', { actor: h.actor })}</span>
            {h.reason === null ? null : <blockquote className="reason">{h.reason}</blockquote>}
            {change === null || change === '' ? null : <p className="muted">{change}</p>}
          </li>
        );
      })}
    </ol>
  );
}
