import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import type { Role } from '../../../src/modules/access/access.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { StatusImportPage } from './status-import-page.js';
import { EmptyState, NotForRole } from '../app/states.js';
import { DashboardPage } from './dashboard-page.js';
import { IncidentFormPage } from './incident-form-page.js';
import { IncidentsPage } from './incidents-page.js';
import { InboxPage } from './inbox-page.js';
import './monitoring.css';
import { OutboxPage } from '../offline/outbox-page.js';
import { QualityPage } from './quality-page.js';
import { ReviewPage } from './review-page.js';
import { StatusReportPage } from './status-report-page.js';

// Who may use each page, as the routes behind it allow (src/modules/monitoring/*.routes.ts).
const REPORTERS: readonly Role[] = ['admin', 'coordinator', 'facility_reporter'];
const FIXERS: readonly Role[] = ['admin', 'coordinator'];
// `key`: a label kept outside monitoring.tabs (the review's texts live in review.messages.ts).
const TABS: readonly { to: string; label: string; key?: string; roles?: readonly Role[] }[] = [
  { to: '', label: 'dashboard' },
  { to: 'report', label: 'report', roles: REPORTERS },
  { to: 'incidents', label: 'incidents' },
  { to: 'quality', label: 'quality', roles: FIXERS },
  { to: 'review', label: 'review', key: 'review.tab', roles: FIXERS },
  { to: 'inbox', label: 'inbox', roles: FIXERS },
  { to: 'outbox', label: 'outbox' },
  { to: 'import', label: 'import', roles: REPORTERS },
];

/** The monitoring area: dashboard, report and incident forms, data quality, the review inbox and the outbox. */
export function MonitoringRoutes() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data ?? null;
  const allowed = (roles: readonly Role[] | undefined) => roles === undefined || hasAnyRole(me, roles);
  const guard = (roles: readonly Role[], page: React.ReactNode) => (allowed(roles) ? page : <NotForRole roles={roles} />);
  return (
    <section>
      <h1>{t('monitoring.title')}</h1>
      <nav aria-label={t('monitoring.title')}>
        <ul className="tabs">
          {TABS.filter((tab) => allowed(tab.roles)).map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to === '' ? '/monitoring' : `/monitoring/${tab.to}`} end={tab.to === ''}>
                {t(tab.key ?? `monitoring.tabs.${tab.label}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<DashboardPage me={me} />} />
        <Route path="report" element={guard(REPORTERS, <StatusReportPage />)} />
        <Route path="incidents" element={<IncidentsPage canRecord={allowed(REPORTERS)} />} />
        <Route path="incidents/new" element={guard(REPORTERS, <IncidentFormPage />)} />
        <Route path="quality" element={guard(FIXERS, <QualityPage />)} />
        <Route path="review" element={guard(FIXERS, <ReviewPage />)} />
        <Route path="inbox" element={guard(FIXERS, <InboxPage />)} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="import" element={guard(REPORTERS, <StatusImportPage />)} />
        <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
      </Routes>
    </section>
  );
}
