import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Project } from '../../../src/modules/funding/projects.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { ErrorState } from '../app/states.js';
import { useOblasts } from '../facilities/use-areas.js';
import type { Language } from '../i18n/i18n.js';
import { CurrencySwitch, useReportingCurrency } from './currency-switch.js';
import { formatMoney } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { localText, localTextLang } from './project-text.js';
import { ProjectEditForm } from './project-edit-form.js';
import { ProjectMoney } from './project-money.js';
import { sectorName } from './sector-name.js';
import { ReconstructionSection } from './reconstruction-section.js';
import { ResultsSection } from './results-section.js';
import { TransactionForm } from './transaction-form.js';
import { organizationNameById, useOrganizations, useProject } from './use-funding.js';
import { useFacilityNames } from './use-needs.js';
import { areaName as localAreaName } from '../facilities/area-names.js';

const LANG_NAMES = { en: 'English', uk: 'Українська', ja: '日本語' } as const;

/** One project as an IATI activity: texts in every language it has, who takes part, sectors, places, budgets, then its money. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const project = useProject(id);
  const orgs = useOrganizations();
  const [currency] = useReportingCurrency();
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const p = project.data;
  if (p === undefined) return <p className="muted">{t('app.loading')}</p>;
  const writer = hasAnyRole(session.data, ['admin', 'coordinator', 'donor_officer']);
  return (
    <article className="project">
      <p>
        <Link to={`/funding/projects?currency=${currency}`}>← {t('funding.projects')}</Link>
      </p>
      <h1 lang={localTextLang(p.title, lang)}>{localText(p.title, lang)}</h1>
      <p className="muted">
        <code>{p.iatiIdentifier}</code>
        {p.humanitarian ? <span className="tag">{t('funding.humanitarian')}</span> : null}
      </p>
      <p lang={localTextLang(p.description, lang)}>{localText(p.description, lang)}</p>
      {writer ? <ProjectEditForm project={p} /> : null}
      <Details project={p} orgsName={(oid) => organizationNameById(orgs.data, oid, lang)} />
      {p.reconstruction === null ? null : <ReconstructionSection reconstruction={p.reconstruction} />}
      <ResultsSection results={p.results} />
      <div className="section-head">
        <h2 id="money">{t('funding.money')}</h2>
        <CurrencySwitch />
      </div>
      <ProjectMoney projectId={p.id} currency={currency} writer={writer} />
      {writer ? <TransactionForm project={p} /> : null}
    </article>
  );
}

function Details({ project: p, orgsName }: { project: Project; orgsName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const oblasts = useOblasts();
  // Names of the first facilities only: a national programme may list hundreds; the rest are numbered links.
  const facilityName = useFacilityNames(p.locations.facilities.slice(0, 20), lang);
  const areaName = (code: string) => {
    const a = oblasts.data?.items.find((x) => x.katottg === code);
    return a === undefined ? code : localAreaName(a, lang);
  };
  return (
    <>
      <section aria-labelledby="activity">
        <h2 id="activity">{t('funding.activity')}</h2>
        <dl className="details">
          <div>
            <dt>{t('funding.reportingOrg')}</dt>
            <dd>{orgsName(p.reportingOrgId)}</dd>
          </div>
          <div>
            <dt>{t('funding.status')}</dt>
            <dd>{t(`funding.activityStatus.${p.status}`)}</dd>
          </div>
          <div>
            <dt>{t('funding.dates')}</dt>
            <dd>
              {formatDate(p.startDate, lang)} – {p.endDate === null ? t('funding.open') : formatDate(p.endDate, lang)}
            </dd>
          </div>
          {(['en', 'uk', 'ja'] as const)
            .filter((l) => (p.title[l] ?? '') !== '')
            .map((l) => (
              <div key={l}>
                <dt>{t('funding.titleIn', { language: LANG_NAMES[l] })}</dt>
                <dd lang={l}>{p.title[l]}</dd>
              </div>
            ))}
        </dl>
      </section>
      <section aria-labelledby="participants">
        <h2 id="participants">{t('funding.participants')}</h2>
        <ul className="plain" data-testid="participants">
          {p.participants.map((x) => (
            <li key={`${x.organizationId}${x.role}`}>
              {orgsName(x.organizationId)} — {t(`funding.roles.${x.role}`)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="sectors">
        <h2 id="sectors">{t('funding.sectors')}</h2>
        <ul className="chips">
          {p.sectors.map((s) => (
            <li key={s.code}>
              {sectorName(t, s.code)} · {s.percentage} %
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="locations">
        <h2 id="locations">{t('funding.locations')}</h2>
        {p.locations.areas.length + p.locations.facilities.length === 0 ? (
          <p className="muted">{t('funding.noLocations')}</p>
        ) : (
          <ul className="chips">
            {p.locations.areas.map((a) => (
              <li key={a}>{areaName(a)}</li>
            ))}
            {p.locations.facilities.map((f, i) => (
              <li key={f}>
                <Link to={`/facilities/${f}`}>{facilityName(f) ?? t('funding.facilityN', { n: i + 1 })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="budgets">
        <h2 id="budgets">{t('funding.budgets')}</h2>
        {p.budgets.length === 0 ? (
          <p className="muted">{t('funding.noBudgets')}</p>
        ) : (
          <div className="table-wrap compact">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('funding.period')}</th>
                  <th scope="col" className="num">
                    {t('funding.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.budgets.map((b) => (
                  <tr key={`${b.periodStart}${b.amount}`}>
                    <td>
                      {formatDate(b.periodStart, lang)} – {formatDate(b.periodEnd, lang)}
                    </td>
                    <td className="num">{formatMoney(b.amount, b.currency, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
