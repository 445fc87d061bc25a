import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { SignInPage } from '../access/sign-in-page.js';
import { hasAnyRole, reporterOnly as onlyReports, useSession } from '../access/use-session.js';
import { lazyPage } from './lazy-page.js';
import { NAV_ITEMS } from './nav-items.js';
import { MainNav } from './main-nav.js';
import { EmptyState, NotForRole } from './states.js';
import { TopBar } from './top-bar.js';
import { EVERY_ROLE } from '../access/every-role.js';

// Every page but sign-in is loaded when first opened (lazyPage), so the first load carries only the shell
// (budget: test/web/first-load-budget.test.ts). A new page follows the same pattern.
const OverviewPage = lazyPage(() => import('../overview/overview-page.js'), 'OverviewPage');
const MyFacilityPage = lazyPage(() => import('../my-facility/my-facility-page.js'), 'MyFacilityPage');
const FacilityListPage = lazyPage(() => import('../facilities/facility-list-page.js'), 'FacilityListPage');
const FacilityImportPage = lazyPage(() => import('../facilities/facility-import-page.js'), 'FacilityImportPage');
const FacilityPage = lazyPage(() => import('../facilities/facility-page.js'), 'FacilityPage');
const EnergyPage = lazyPage(() => import('../energy/energy-page.js'), 'EnergyPage');
const UsersPage = lazyPage(() => import('../admin/users-page.js'), 'UsersPage');
const AuditPage = lazyPage(() => import('../admin/audit-page.js'), 'AuditPage');
const NotificationsPage = lazyPage(() => import('../notifications/notifications-page.js'), 'NotificationsPage');
const SubscriptionsPage = lazyPage(() => import('../notifications/subscriptions-page.js'), 'SubscriptionsPage');

/** Each area's pages, loaded when first opened; keyed by the navigation path they serve (and its sub-paths). */
const AREA_PAGES: Record<string, React.LazyExoticComponent<React.ComponentType<object>>> = {
  '/monitoring': lazyPage(() => import('../monitoring/monitoring-routes.js'), 'MonitoringRoutes'),
  '/needs': lazyPage(() => import('../funding/needs-routes.js'), 'NeedsRoutes'),
  '/funding': lazyPage(() => import('../funding/funding-routes.js'), 'FundingRoutes'),
  '/open-data': lazyPage(() => import('../funding/open-data-page.js'), 'OpenDataPage'),
  '/supply': lazyPage(() => import('../supply/supply-routes.js'), 'SupplyRoutes'),
  '/partners': lazyPage(() => import('../partners/partners-routes.js'), 'PartnersRoutes'),
  '/reporting': lazyPage(() => import('../reporting/reporting-page.js'), 'ReportingPage'),
  '/admin/organizations': lazyPage(() => import('../admin/organizations-routes.js'), 'OrganizationsRoutes'),
};

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data ?? null;
  const visible = NAV_ITEMS.filter((item) => item.roles === undefined || hasAnyRole(me, item.roles));
  // A facility reporter (and nothing more) lands on its facility's page; the overview stays one click away.
  const reporterOnly = onlyReports(me);
  const requireRole = (roles: Parameters<typeof hasAnyRole>[1], page: React.ReactNode) =>
    session.isPending ? <p className="muted">{t('app.loading')}</p> : hasAnyRole(me, roles) ? page : me === null ? <Navigate to="/sign-in" replace /> : <NotForRole roles={roles} />;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <TopBar me={me} />
      <MainNav items={visible} reporterOnly={reporterOnly} />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <Routes>
            <Route path="/" element={reporterOnly ? <Navigate to="/my-facility" replace /> : <OverviewPage me={me} />} />
            <Route path="/overview" element={<OverviewPage me={me} />} />
            <Route path="/my-facility" element={requireRole(['facility_reporter', 'coordinator', 'admin'], <MyFacilityPage />)} />
            <Route path="/my-facility/:id" element={requireRole(['facility_reporter', 'coordinator', 'admin'], <MyFacilityPage />)} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/facilities" element={requireRole(EVERY_ROLE, <FacilityListPage />)} />
            <Route path="/facilities/import" element={requireRole(['admin', 'coordinator'], <FacilityImportPage />)} />
            <Route path="/facilities/:id" element={requireRole(EVERY_ROLE, <FacilityPage />)} />
            <Route path="/energy" element={requireRole(['admin', 'coordinator'], <EnergyPage />)} />
            <Route path="/admin/users" element={requireRole(['admin'], <UsersPage />)} />
            <Route path="/admin/audit" element={requireRole(['admin'], <AuditPage />)} />
            <Route path="/notifications" element={me === null && !session.isPending ? <Navigate to="/sign-in" replace /> : <NotificationsPage />} />
            <Route path="/notifications/settings" element={me === null && !session.isPending ? <Navigate to="/sign-in" replace /> : <SubscriptionsPage />} />
            {NAV_ITEMS.map((i) => {
              const Page = AREA_PAGES[i.to];
              if (Page !== undefined) return <Route key={i.to} path={`${i.to}/*`} element={i.roles === undefined ? <Page /> : requireRole(i.roles, <Page />)} />;
              return i.ready ? null : <Route key={i.to} path={i.to} element={<EmptyState title={t(i.label)} hint={`${t('app.comingSoon')} ${t('app.comingSoonHint')}`} />} />;
            })}
            <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
