import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IatiImportResult } from '../../../src/modules/funding/projects.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { ImportPanel } from '../app/import-panel.js';
import type { Static } from '@sinclair/typebox';
import type { Language } from '../i18n/i18n.js';
import { useOrganizations } from './use-funding.js';
import { organizationName } from '../app/format/organization-name.js';
import { IATI_EXPORT as IATI, IatiExport } from './iati-export.js';
import './funding.css';

/** One download: what the file is, who reads it, and the link. */
function Download({ title, text, href, file, testId }: { title: string; text: string; href: string; file: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="download">
      <h3>{title}</h3>
      <p>{text}</p>
      <a className="button" href={href} download={file} data-testid={testId}>
        {t('funding.openData.download')} <span className="muted-on-button">({file})</span>
      </a>
    </div>
  );
}

/**
 * Open data: links to the API's exports, with what each format is. The IATI and
 * HXL files hold public fields only (DESIGN §5: project finance, organisations,
 * sectors, oblasts; no facility names, coordinates or power status).
 */
export function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const orgs = useOrganizations();
  const [org, setOrg] = useState('');
  const client = useQueryClient();
  // A job needs an owner: signed in, the IATI file is prepared as one (progress, cancel); otherwise a plain link.
  const signedIn = session.data !== null && session.data !== undefined;
  const publishers = (orgs.data?.items ?? []).filter((o) => o.iatiOrgId !== null);
  const n = new Intl.NumberFormat(i18n.language);
  const imported = (a: Static<typeof IatiImportResult>) =>
    a.dryRun && a.errorCount > 0
      ? t('funding.openData.importChecked', { activities: n.format(a.activities), errors: n.format(a.errorCount) })
      : `${t('funding.openData.importSummary', { activities: n.format(a.activities), transactions: n.format(a.transactions), organizations: n.format(a.organizationsCreated) })}${a.dryRun ? ` ${t('funding.openData.importChecked', { activities: n.format(a.activities), errors: '0' })}` : ''}`;
  return (
    <section className="open-data">
      <h1>{t('funding.openData.title')}</h1>
      <p>{t('funding.openData.intro')}</p>
      <p className="notice">{t('funding.openData.publicOnly')}</p>
      <h2>{t('funding.openData.iatiTitle')}</h2>
      <p>{t('funding.openData.iatiText')}</p>
      <div className="downloads">
        {signedIn ? (
          <div className="download">
            <h3>{t('funding.openData.iatiAll')}</h3>
            <p>{t('funding.openData.iatiAllText')}</p>
            <IatiExport org="" file="iati-activities.xml" testId="export-iati" />
          </div>
        ) : (
          <Download title={t('funding.openData.iatiAll')} text={t('funding.openData.iatiAllText')} href={IATI} file="iati-activities.xml" testId="download-iati" />
        )}
        <div className="download">
          <h3>{t('funding.openData.iatiOrg')}</h3>
          <label className="stack-label">
            {t('funding.openData.publisher')}
            <select value={org} onChange={(e) => setOrg(e.target.value)} data-testid="iati-org">
              <option value="">{t('funding.openData.choosePublisher')}</option>
              {publishers.map((o) => (
                <option key={o.id} value={o.iatiOrgId ?? ''}>
                  {organizationName(o, lang)} ({o.iatiOrgId})
                </option>
              ))}
            </select>
          </label>
          {org === '' ? null : signedIn ? (
            // A new publisher is a new export: its own job and file.
            <IatiExport key={org} org={org} file={`iati-${org}.xml`} testId="export-iati-org" />
          ) : (
            <a className="button" href={`${IATI}?org=${encodeURIComponent(org)}`} download={`iati-${org}.xml`} data-testid="download-iati-org">
              {t('funding.openData.download')} <span className="muted-on-button">(iati-{org}.xml)</span>
            </a>
          )}
        </div>
      </div>
      {/* Who may write projects may import them (the server checks each activity's organisations too). */}
      {hasAnyRole(session.data, ['admin', 'coordinator', 'donor_officer']) ? (
        <div className="download" data-testid="iati-import">
          <h3>{t('funding.openData.importTitle')}</h3>
          <p>{t('funding.openData.importText')}</p>
          <ImportPanel<Static<typeof IatiImportResult>> url="/api/v1/projects/import/iati" accept=".xml,application/xml,text/xml" summary={imported} onImported={() => void client.invalidateQueries({ queryKey: ['funding'] })} />
        </div>
      ) : null}
      <h2>{t('funding.openData.hxlTitle')}</h2>
      <p>{t('funding.openData.hxlText')}</p>
      <div className="downloads">
        <Download title={t('funding.openData.hxl3w')} text={t('funding.openData.hxl3wText')} href="/api/v1/projects/export/hxl?dataset=3w" file="projects-3w.hxl.csv" testId="download-hxl-3w" />
        <Download title={t('funding.openData.hxlFlows')} text={t('funding.openData.hxlFlowsText')} href="/api/v1/projects/export/hxl?dataset=flows" file="projects-flows.hxl.csv" testId="download-hxl-flows" />
      </div>
      <h2>{t('funding.openData.facilitiesTitle')}</h2>
      <p>{t('funding.openData.facilitiesText')}</p>
      {!signedIn ? (
        <p className="muted">{t('funding.openData.facilitiesSignIn')}</p>
      ) : (
        <div className="downloads">
          <Download title="GeoJSON" text={t('funding.openData.geojsonText')} href="/api/v1/facilities/export?format=geojson" file="facilities.geojson" testId="download-geojson" />
          <Download title="CSV" text={t('funding.openData.csvText')} href="/api/v1/facilities/export?format=csv" file="facilities.csv" testId="download-csv" />
        </div>
      )}
    </section>
  );
}
