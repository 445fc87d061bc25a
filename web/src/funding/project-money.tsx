import { useTranslation } from 'react-i18next';
import type { Totals } from '../../../src/modules/funding/transactions.schema.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { ConvertedAmount, ConvertedTotal, ratesOfParts, type ConvertedValue } from './converted-amount.js';
import { formatMoney } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { NeedLinkForm } from './need-link-form.js';
import { organizationNameById, useOrganizations, useTotals, useTransactions } from './use-funding.js';

/** Pledges first and apart: a promise is not money (DESIGN §4). */
const STAGES = ['pledged', 'committed', 'disbursed', 'spent', 'received'] as const satisfies readonly (keyof Omit<Totals, 'currency'>)[];

/** A project's totals in the reporting currency and its transactions, each with the original and the converted value. */
export function ProjectMoney({ projectId, currency, writer }: { projectId: string; currency: string; writer: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const orgs = useOrganizations();
  const totals = useTotals(projectId, currency);
  const transactions = useTransactions(projectId);
  const converted = new Map<string, ConvertedValue>();
  for (const stage of STAGES) for (const part of totals.data?.[stage].parts ?? []) converted.set(part.transactionId, part);
  return (
    <>
      {totals.isError ? <ErrorState error={totals.error} onRetry={() => void totals.refetch()} /> : null}
      {totals.data === undefined ? null : (
        <dl className="totals" data-testid="project-totals">
          {STAGES.map((stage) => (
            <div key={stage} className={stage === 'pledged' ? 'pledge' : undefined}>
              <dt>{t(`funding.stages.${stage}`)}</dt>
              <dd>
                <ConvertedTotal testId={`total-${stage}`} amount={totals.data[stage].amount} currency={totals.data.currency} rates={ratesOfParts(totals.data[stage].parts)} count={totals.data[stage].parts.length} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('funding.transactions')}</h3>
      {transactions.isError ? <ErrorState error={transactions.error} /> : null}
      {transactions.data?.items.length === 0 ? (
        <p className="muted">{t('funding.noTransactions')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="transaction-table">
            <thead>
              <tr>
                <th scope="col">{t('funding.valueDate')}</th>
                <th scope="col">{t('funding.type')}</th>
                <th scope="col">{t('funding.provider')}</th>
                <th scope="col">{t('funding.receiver')}</th>
                <th scope="col" className="num">
                  {t('funding.original')}
                </th>
                <th scope="col" className="num">
                  {t('funding.convertedTo', { currency })}
                </th>
              </tr>
            </thead>
            <tbody>
              {(transactions.data?.items ?? [])
                .slice()
                .sort((a, b) => a.valueDate.localeCompare(b.valueDate))
                .map((x) => {
                  const c = converted.get(x.id);
                  return (
                    <tr key={x.id}>
                      <td>{formatDate(x.valueDate, lang)}</td>
                      <td>{t(`funding.transactionTypes.${x.type}`)}</td>
                      <td>{organizationNameById(orgs.data, x.providerOrgId, lang)}</td>
                      <td>{organizationNameById(orgs.data, x.receiverOrgId, lang)}</td>
                      <td className="num">{formatMoney(x.amount, x.currency, lang)}</td>
                      <td className="num">{c === undefined ? '…' : <ConvertedAmount value={c} />}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      )}
      {writer && transactions.data !== undefined ? <NeedLinkForm transactions={transactions.data.items} /> : null}
    </>
  );
}
