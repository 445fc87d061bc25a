import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRIORITY_AREAS } from '../../../src/modules/partnerships/partnerships.schema.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { usePartnershipWriter } from './partners-access.js';
import { formatDate, organizationName, pick } from './texts.js';
import { useAgreements } from './use-partners.js';

/** Every agreement the reader may see, with links to each agreement and each partner. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const agreements = useAgreements();
  const { canWrite } = usePartnershipWriter();
  return (
    <section>
      <div className="section-head">
        <h1>{t('partners.agreements')}</h1>
        {canWrite ? (
          <p className="actions" data-testid="partner-actions">
            <Link className="button" to="/partners/agreements/new">
              {t('partners.form.newAgreement')}
            </Link>{' '}
            <Link className="button" to="/partners/meetings/new">
              {t('partners.form.recordMeeting')}
            </Link>
          </p>
        ) : null}
      </div>
      {agreements.isError ? <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} /> : null}
      {agreements.data === undefined ? (
        agreements.isPending ? <p className="muted">{t('app.loading')}</p> : null
      ) : agreements.data.items.length === 0 ? (
        <p className="muted">{t(canWrite ? 'partners.form.noAgreementsWriter' : 'partners.noAgreements')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="agreements">
            <thead>
              <tr>
                <th scope="col">{t('partners.agreement')}</th>
                <th scope="col">{t('partners.partners')}</th>
                <th scope="col">{t('partners.kind')}</th>
                <th scope="col">{t('partners.status')}</th>
                <th scope="col">{t('partners.period')}</th>
              </tr>
            </thead>
            <tbody>
              {agreements.data.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/partners/agreements/${a.id}`}>{pick(a.title, lang)}</Link>
                  </td>
                  <td>
                    {a.partners.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 ? ', ' : ''}
                        <Link to={`/partners/${p.id}`}>{organizationName(p, lang)}</Link>
                      </span>
                    ))}
                  </td>
                  <td>{t(`partners.kinds.${a.kind}`)}</td>
                  <td>{t(`partners.statuses.${a.status}`)}</td>
                  <td>
                    {formatDate(a.startDate, lang)} – {a.endDate === null ? '…' : formatDate(a.endDate, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('partners.byArea')}</h2>
      <ul className="chips" data-testid="area-links">
        {PRIORITY_AREAS.map((a) => (
          <li key={a}>
            <Link to={`/partners/areas/${a}`}>{t(`partners.areas.${a}`)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
