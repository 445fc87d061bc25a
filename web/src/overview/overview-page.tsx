import { type QueryClient, useQuery } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import type { FacilitySummary } from '../../../src/modules/facilities/facilities.schema.js';
import { reporterOnly } from '../access/use-session.js';
import { api } from '../api/client.js';
import { lazyPage } from '../app/lazy-page.js';
import { ErrorState } from '../app/states.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { FundingCard } from '../funding/funding-card.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { OverdueActions } from '../partners/overdue-actions.js';
import { CompletenessCard } from '../reporting/completeness-card.js';
import { Legend } from './legend.js';

// MapLibre is most of the page's weight: the text below it shows while it loads (and without it for anonymous visitors).
const loadFacilityMap = () => import('./facility-map.js');
const FacilityMap = lazyPage(loadFacilityMap, 'FacilityMap');

const pointsQuery = {
  queryKey: ['facility-points'],
  queryFn: () => api<GeoJSON.FeatureCollection>('/api/v1/facilities/export?format=geojson'),
  staleTime: 5 * 60_000,
};

/**
 * The map's code and its points, asked for as soon as the signed-in caller is known (main.tsx calls this before the
 * first render, while the reader's language loads): the map is the first page's critical path.
 */
export function prefetchMap(client: QueryClient, me: Me | null): void {
  if (me === null || reporterOnly(me)) return;
  void loadFacilityMap();
  void client.prefetchQuery(pointsQuery);
}

/** The first page: the map for signed-in partners, and the public aggregate by oblast for everyone. */
export function OverviewPage({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  // The map's code downloads while the points are fetched, not after them (the module is then already loaded).
  useEffect(() => {
    if (me !== null) void loadFacilityMap();
  }, [me]);
  const points = useQuery({ ...pointsQuery, enabled: me !== null });
  const oblasts = useOblasts();
  const summary = useQuery({ queryKey: ['facility-summary'], queryFn: () => api<FacilitySummary>('/api/v1/facilities/summary') });
  const byOblast = new Map<string, number>();
  for (const r of summary.data?.items ?? []) byOblast.set(r.oblastIso, (byOblast.get(r.oblastIso) ?? 0) + r.count);
  const number = new Intl.NumberFormat(LOCALE[lang]);
  const total = [...byOblast.values()].reduce((a, b) => a + b, 0);
  return (
    <section>
      <h1>{t('overview.title')}</h1>
      {me === null ? (
        <p className="notice">
          <Link to="/sign-in">{t('app.signIn')}</Link> — {t('overview.signInForMap')}
        </p>
      ) : (
        <>
          {points.isError ? <ErrorState error={points.error} /> : null}
          {points.data === undefined ? <p className="muted">{t('app.loading')}</p> : (
            <Suspense fallback={<div className="map" aria-busy="true" />}>
              <FacilityMap points={points.data} />
            </Suspense>
          )}
          <div className="map-foot">
            <Legend />
            <p className="muted" data-testid="map-count">
              {points.data === undefined ? '' : t('overview.facilitiesShown', { count: points.data.features.length })}
            </p>
          </div>
        </>
      )}
      <CompletenessCard me={me} />
      <OverdueActions me={me} />
      <FundingCard me={me} />
      <h2>{t('overview.summaryTitle')}</h2>
      {summary.isError ? <ErrorState error={summary.error} /> : null}
      <div className="table-wrap compact">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('facilities.oblast')}</th>
              <th scope="col" className="num">
                {t('nav.facilities')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...byOblast.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([iso, n]) => (
                <tr key={iso}>
                  <td>{oblastName(oblasts.data?.items, iso, lang)}</td>
                  <td className="num">{number.format(n)}</td>
                </tr>
              ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('overview.total')}</th>
              <td className="num">{number.format(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
