import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Replenishment, ReplenishmentLine } from '../../../src/modules/supply/replenishment.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { LOCALE } from '../i18n/i18n.js';
import { useSupplyFormat } from './use-supply.js';

/** The need category a product's kind is raised under. */
const CATEGORY: Record<string, string> = { medicine: 'medicine', consumable: 'consumable', equipment: 'equipment', generator: 'generator' };

/**
 * What the facility should order (docs/supply.md, Replenishment): one row per product it holds or has held, and
 * one button that raises the suggestion as a need through the needs API (the need starts submitted; a
 * coordinator approves it). Shown on the stock page when the chosen location is a facility.
 */
export function ReplenishmentPanel({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const f = useSupplyFormat();
  const client = useQueryClient();
  const decimals = new Intl.NumberFormat(LOCALE[i18n.language as Language], { maximumFractionDigits: 2 });
  const [raised, setRaised] = useState<ReplenishmentLine | null>(null);
  const data = useQuery({ queryKey: ['supply', 'replenishment', facilityId], queryFn: () => api<Replenishment>(`/api/v1/replenishment?facilityId=${facilityId}`) });
  const raise = useMutation({
    mutationFn: (line: ReplenishmentLine) =>
      api('/api/v1/needs', {
        method: 'POST',
        body: {
          facilityId,
          category: CATEGORY[line.productKind] ?? 'other',
          specification: t('supply.replenishment.needSpec', { product: line.productName, amc: decimals.format(line.averageMonthlyConsumption ?? 0), months: line.monthsOfStock === null ? '—' : decimals.format(line.monthsOfStock) }),
          quantity: String(line.suggestedQuantity),
          unit: line.unit,
          priority: line.belowMinimum ? 'high' : 'medium',
        },
      }),
    onSuccess: (_result, line) => {
      setRaised(line);
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  if (data.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const r = data.data;
  const months = (n: number | null) => (n === null ? t('supply.replenishment.unknown') : decimals.format(n));
  return (
    <section aria-labelledby="replenishment-h">
      <h2 id="replenishment-h">{t('supply.replenishment.title')}</h2>
      <p className="muted">{t('supply.replenishment.hint', { max: r.maxMonths, min: r.minMonths })}</p>
      {r.items.length === 0 ? (
        <p className="muted">{t('supply.replenishment.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="replenishment-table">
            <thead>
              <tr>
                <th scope="col">{t('supply.product')}</th>
                <th scope="col" className="num">{t('supply.onHand')}</th>
                <th scope="col" className="num">{t('supply.replenishment.onOrder')}</th>
                <th scope="col" className="num">{t('supply.replenishment.amc')}</th>
                <th scope="col" className="num">{t('supply.replenishment.monthsOfStock')}</th>
                <th scope="col" className="num">{t('supply.replenishment.stockOutDays')}</th>
                <th scope="col" className="num">{t('supply.replenishment.suggested')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('supply.replenishment.title')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((line) => (
                <tr key={line.productId} data-product={line.productName}>
                  <td>{line.productName}</td>
                  <td className="num">{f.number(line.onHand)}</td>
                  <td className="num">{f.number(line.onOrder)}</td>
                  <td className="num">{months(line.averageMonthlyConsumption)}</td>
                  <td className="num">
                    {months(line.monthsOfStock)} {line.belowMinimum ? <span className="badge badge-overdue">{t('supply.replenishment.belowMinimum')}</span> : null}
                  </td>
                  <td className="num">{f.number(line.stockOutDays)}</td>
                  <td className="num">
                    {f.number(line.suggestedQuantity)} {line.unit}
                  </td>
                  <td>
                    {line.suggestedQuantity > 0 ? (
                      <button type="button" disabled={raise.isPending} onClick={() => raise.mutate(line)}>
                        {t('supply.replenishment.raiseNeed', { quantity: `${f.number(line.suggestedQuantity)} ${line.unit}` })}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {raise.isError ? <ErrorState error={raise.error} /> : null}
      {raised !== null && raise.isSuccess ? (
        <p className="ok" role="status">
          {t('supply.replenishment.needRaised', { quantity: f.number(raised.suggestedQuantity), unit: raised.unit, product: raised.productName })}
        </p>
      ) : null}
    </section>
  );
}
