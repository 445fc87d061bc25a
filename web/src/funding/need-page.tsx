import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { AccessWarningNotice } from '../app/access-warning.js';
import { ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { CoverageBar } from './coverage-bar.js';
import { NeedActions } from './need-actions.js';
import { NeedHistoryList } from './need-history.js';
import { NeedUnlink } from './need-unlink.js';
import { formatMoney } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { useFacilityNames, useNeed, useNeedLinks } from './use-needs.js';

/** One need: what, where, how urgent, its cost, the actions the caller may take, what is linked to it, and its history. */
export function NeedPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const need = useNeed(id);
  const links = useNeedLinks(id);
  // Whoever may link a transaction may remove a wrong link (the server checks the transaction's project).
  const mayUnlink = hasAnyRole(session.data, ['admin', 'coordinator', 'donor_officer']);
  const facilityName = useFacilityNames(need.data === undefined ? [] : [need.data.facilityId], lang);
  if (need.isError) return <ErrorState error={need.error} onRetry={() => void need.refetch()} />;
  const n = need.data;
  if (n === undefined) return <p className="muted">{t('app.loading')}</p>;
  const q = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 });
  const unit = t(`funding.needs.unitValues.${n.unit}`, { defaultValue: n.unit });
  const qty = (s: string) => `${q.format(s as Intl.StringNumericLiteral)} ${unit}`;
  const estimate = n.estimate === null ? t('funding.needs.noEstimate') : t('funding.needs.estimateText', { total: formatMoney(n.estimate.total, n.estimate.currency, lang), price: formatMoney(n.estimate.unitPrice, n.estimate.currency, lang), unit });
  const rows: [string, React.ReactNode][] = [
    [t('funding.needs.facility'), <Link key="f" to={`/facilities/${n.facilityId}`}>{facilityName(n.facilityId) ?? t('funding.facilityHidden')}</Link>],
    [t('funding.needs.category'), t(`funding.needs.categoryValues.${n.category}`)],
    [t('funding.needs.quantity'), qty(n.quantity)],
    [t('funding.needs.priority'), t(`funding.needs.priorityValues.${n.priority}`)],
    [t('funding.needs.neededBy'), n.neededBy === null ? '—' : formatDate(n.neededBy, lang)],
    [t('funding.needs.estimate'), estimate],
    [t('funding.needs.status'), t(`funding.needs.statusValues.${n.status}`)],
    [t('funding.needs.approval'), n.approvedAt === null ? t('funding.needs.unapproved') : t('funding.needs.approvedOn', { date: formatDate(n.approvedAt, lang) })],
  ];
  return (
    <article>
      <p>
        <Link to="/needs">← {t('funding.needs.title')}</Link>
      </p>
      <h1>{n.specification}</h1>
      <AccessWarningNotice warning={n.warning} />
      <dl className="details" data-testid="need-details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <NeedActions need={n} />
      <h2>{t('funding.needs.coverage')}</h2>
      <CoverageBar need={n} />
      <dl className="totals" data-testid="need-rollup">
        {(['pledged', 'committed', 'delivered', 'rejected', 'closedShort', 'uncovered'] as const).filter((k) => (k !== 'rejected' && k !== 'closedShort') || Number(n[k]) > 0).map((k) => (
          <div key={k} className={k === 'pledged' ? 'pledge' : undefined}>
            <dt>{t(`funding.needs.rollup.${k}`)}</dt>
            <dd>{qty(n[k])}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('funding.needs.links')}</h2>
      {links.isError ? <ErrorState error={links.error} /> : null}
      {links.data?.items.length === 0 ? (
        <p className="muted">{t('funding.needs.noLinks')}</p>
      ) : (
        <div className="table-wrap compact">
          <table className="data" data-testid="need-links">
            <thead>
              <tr>
                <th scope="col">{t('funding.needs.linkStage')}</th>
                <th scope="col">{t('funding.needs.linkSource')}</th>
                <th scope="col" className="num">
                  {t('funding.needs.quantity')}
                </th>
                <th scope="col">{t('funding.needs.linkedOn')}</th>
                {mayUnlink ? <th scope="col" /> : null}
              </tr>
            </thead>
            <tbody>
              {(links.data?.items ?? []).map((l) => (
                <tr key={l.id} data-source-id={l.sourceId}>
                  <td>{t(`funding.needs.rollup.${l.stage}`)}</td>
                  <td>
                    {t(`funding.needs.sourceKinds.${l.sourceKind}`)} <code title={l.sourceId}>{l.sourceId.slice(-8)}</code>
                  </td>
                  <td className="num">
                    {qty(l.quantity)}
                    {l.sourceQuantity === null || l.sourceUnit === null ? null : <span className="muted"> ({q.format(l.sourceQuantity as Intl.StringNumericLiteral)} {t(`funding.needs.unitValues.${l.sourceUnit}`, { defaultValue: l.sourceUnit })})</span>}
                  </td>
                  <td>{formatDate(l.createdAt, lang)}</td>
                  {mayUnlink ? <td>{l.sourceKind === 'transaction' ? <NeedUnlink needId={n.id} linkId={l.id} /> : null}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('funding.needs.history')}</h2>
      <NeedHistoryList needId={n.id} />
    </article>
  );
}
