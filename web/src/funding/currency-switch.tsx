import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../app/use-url-filters.js';
import { isReportingCurrency, REPORTING_CURRENCIES, type ReportingCurrency } from './money.js';

/** The reporting currency lives in the URL (?currency=JPY), so a shared link shows the same figures. */
export function useReportingCurrency(): [ReportingCurrency, (c: ReportingCurrency) => void] {
  const { filters, update } = useUrlFilters(['currency'] as const);
  const value = filters.currency ?? null;
  return [isReportingCurrency(value) ? value : 'USD', (currency) => update({ currency })];
}

export function CurrencySwitch() {
  const { t } = useTranslation();
  const [currency, setCurrency] = useReportingCurrency();
  return (
    <label className="currency-switch">
      {t('funding.currency')}{' '}
      <select data-testid="currency-select" value={currency} onChange={(e) => isReportingCurrency(e.target.value) && setCurrency(e.target.value)}>
        {REPORTING_CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
