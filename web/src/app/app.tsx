import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AuditPage } from '../admin/audit-page.js';
import { UsersPage } from '../admin/users-page.js';
import { SignInPage } from '../access/sign-in-page.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { FacilityListPage } from '../facilities/facility-list-page.js';
import { FacilityImportPage } from '../facilities/facility-import-page.js';
import { FacilityPage } from '../facilities/facility-page.js';
import { NAV_ITEMS } from './nav-items.js';
import { EmptyState, NotForRole } from './states.js';
import { TopBar } from './top-bar.js';

// The map brings MapLibre (the largest dependency); load it only on the overview.
const EnergyPage = lazy(() => import('../energy/energy-page.js').then((m) => ({ default: m.EnergyPage })));
const OverviewPage = lazy(() => import('../overview/overview-page.js').then((m) => ({ default: m.OverviewPage })));
const MyFacilityPage = lazy(() => import('../my-facility/my-facility-page.js').then((m) => ({ default: m.MyFacilityPage })));

/** Each area's pages, loaded when first opened; keyed by the navigation path they serve (and its sub-paths). */
const AREA_PAGES: Record<string, React.LazyExoticComponent<() => React.ReactNode>> = {
  '/monitoring': lazy(() => import('../monitoring/monitoring-routes.js').then((m) => ({ default: m.MonitoringRoutes }))),
  '/needs': lazy(() => import('../funding/needs-routes.js').then((m) => ({ default: m.NeedsRoutes }))),
  '/funding': lazy(() => import('../funding/funding-routes.js').then((m) => ({ default: m.FundingRoutes }))),
  '/open-data': lazy(() => import('../funding/open-data-page.js').then((m) => ({ default: m.OpenDataPage }))),
  '/supply': lazy(() => import('../supply/supply-routes.js').then((m) => ({ default: m.SupplyRoutes }))),
  '/partners': lazy(() => import('../partners/partners-routes.js').then((m) => ({ default: m.PartnersRoutes }))),
};

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data ?? null;
  const visible = NAV_ITEMS.filter((item) => item.roles === undefined || hasAnyRole(me, item.roles));
  // A facility reporter (and nothing more) lands on its facility's page; the overview stays one click away.
  const reporterOnly = me !== null && me.roles.length > 0 && me.roles.every((r) => r === 'facility_reporter');
  const requireRole = (roles: Parameters<typeof hasAnyRole>[1], page: React.ReactNode) =>
    session.isPending ? <p className="muted">{t('app.loading')}</p> : hasAnyRole(me, roles) ? page : me === null ? <Navigate to="/sign-in" replace /> : <NotForRole roles={roles} />;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <TopBar me={me} />
      <nav className="side-nav" aria-label={t('app.menu')}>
        <ul>
          {visible.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to === '/' && reporterOnly ? '/overview' : item.to} end={item.to === '/'} className={item.ready ? '' : 'not-ready'}>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <Routes>
            <Route path="/" element={reporterOnly ? <Navigate to="/my-facility" replace /> : <OverviewPage me={me} />} />
            <Route path="/overview" element={<OverviewPage me={me} />} />
            <Route path="/my-facility" element={requireRole(['facility_reporter', 'coordinator', 'admin'], <MyFacilityPage />)} />
            <Route path="/my-facility/:id" element={requireRole(['facility_reporter', 'coordinator', 'admin'], <MyFacilityPage />)} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/facilities" element={requireRole(['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'], <FacilityListPage />)} />
            <Route path="/facilities/import" element={requireRole(['admin', 'coordinator'], <FacilityImportPage />)} />
            <Route path="/facilities/:id" element={requireRole(['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'], <FacilityPage />)} />
            <Route path="/energy" element={requireRole(['admin', 'coordinator'], <EnergyPage />)} />
            <Route path="/admin/users" element={requireRole(['admin'], <UsersPage />)} />
            <Route path="/admin/audit" element={requireRole(['admin'], <AuditPage />)} />
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
