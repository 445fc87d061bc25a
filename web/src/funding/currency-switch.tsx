import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isReportingCurrency, REPORTING_CURRENCIES, type ReportingCurrency } from './money.js';

/** The reporting currency lives in the URL (?currency=JPY), so a shared link shows the same figures. */
export function useReportingCurrency(): [ReportingCurrency, (c: ReportingCurrency) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('currency');
  const set = (c: ReportingCurrency) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      next.set('currency', c);
      return next;
    });
  return [isReportingCurrency(value) ? value : 'USD', set];
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
