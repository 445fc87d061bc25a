import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement } from '../../../src/modules/partnerships/partnerships.schema.js';
import type { Language } from '../i18n/i18n.js';
import { formatBytes, formatDate, formatMoney, organizationName, pick } from './texts.js';

/** An agreement's facts: type, status, dates, partners, signatories, areas with targets, stated pledges, documents. */
export function AgreementSummary({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const unit = (u: string) => (i18n.exists(`partners.units.${u}`) ? t(`partners.units.${u}`) : u);
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t('partners.kind')}</dt>
          <dd>{t(`partners.kinds.${agreement.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('partners.status')}</dt>
          <dd data-testid="agreement-status">{t(`partners.statuses.${agreement.status}`)}</dd>
        </div>
        <div>
          <dt>{t('partners.period')}</dt>
          <dd>
            {formatDate(agreement.startDate, lang)} – {agreement.endDate === null ? '…' : formatDate(agreement.endDate, lang)}
          </dd>
        </div>
        <div>
          <dt>{t('partners.signedOn')}</dt>
          <dd>{agreement.signedOn === null ? '—' : formatDate(agreement.signedOn, lang)}</dd>
        </div>
        <div>
          <dt>{t('partners.partners')}</dt>
          <dd>
            {agreement.partners.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ', ' : ''}
                <Link to={`/partners/${p.id}`}>{organizationName(p, lang)}</Link>
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('partners.statedPledges')}</dt>
          <dd>{agreement.pledges.length === 0 ? '—' : agreement.pledges.map((p) => formatMoney(p.amount, p.currency, lang)).join(', ')}</dd>
        </div>
      </dl>
      {agreement.signatories.length === 0 ? null : (
        <>
          <h3>{t('partners.signatories')}</h3>
          <ul className="plain">
            {agreement.signatories.map((s) => (
              <li key={`${s.organizationId}-${s.name}`}>
                {s.name}, {s.position}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('partners.areasTitle')}</h3>
      <ul className="plain" data-testid="agreement-areas">
        {agreement.areas.map((a) => (
          <li key={a.area}>
            <strong>{t(`partners.areas.${a.area}`)}</strong>
            {a.targets.length === 0 ? null : ` — ${t('partners.targets')}: ${a.targets.map((x) => `${x.quantity} ${unit(x.unit)}`).join(', ')}`}
          </li>
        ))}
      </ul>
      <h3>{t('partners.documents')}</h3>
      {agreement.documents.length === 0 ? (
        <p className="muted">{t('partners.noDocuments')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="documents">
            <thead>
              <tr>
                <th scope="col">{t('partners.form.file')}</th>
                <th scope="col">{t('partners.kind')}</th>
                <th scope="col" className="num">
                  {t('partners.form.size')}
                </th>
                <th scope="col">{t('partners.checksum')}</th>
                <th scope="col">{t('partners.form.added')}</th>
              </tr>
            </thead>
            <tbody>
              {agreement.documents.map((d) => (
                <tr key={d.id} data-testid="document">
                  <td>
                    <a href={`/api/v1/agreements/${agreement.id}/documents/${d.id}`} download={d.filename}>
                      {d.filename}
                    </a>
                  </td>
                  <td>{d.mediaType}</td>
                  <td className="num">{formatBytes(d.sizeBytes, lang)}</td>
                  <td>
                    <code className="checksum" data-testid="document-sha256">
                      {d.sha256}
                    </code>
                  </td>
                  <td>{formatDate(d.createdAt.slice(0, 10), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The agreement's title in the reader's language. */
export const agreementTitle = (agreement: Agreement, lang: Language): string => pick(agreement.title, lang);
