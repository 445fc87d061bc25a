import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import type { FacilitySummary } from '../../../src/modules/facilities/facilities.schema.js';
import { useSession } from '../access/use-session.js';
import { api } from '../api/client.js';
import { lazyPage } from '../app/lazy-page.js';
import { ErrorState } from '../app/states.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { Legend } from './legend.js';
import { loadFacilityMap, pointsQuery } from './map-prefetch.js';

const FacilityMap = lazyPage(loadFacilityMap, 'FacilityMap');
// The cards below the map are chunks of their own, fetched once the map has settled (see OverviewPage).
const CompletenessCard = lazyPage(() => import('../reporting/completeness-card.js'), 'CompletenessCard');
const OverdueActions = lazyPage(() => import('../partners/overdue-actions.js'), 'OverdueActions');
const FundingCard = lazyPage(() => import('../funding/funding-card.js'), 'FundingCard');

/**
 * How long the cards wait for the map at most: on a slow link or a slow phone they show on their own, the map
 * still on its way.
 */
const CARDS_WAIT_MS = 4000;

/**
 * True once the map has drawn its points (or failed, or CARDS_WAIT_MS passed); at once when there is no map. On the
 * same two cores and the same link, the cards' six requests and renders would otherwise compete with the map's
 * code, points and first frames, and the map is what a coordinator opens the page for.
 */
function useMapFirst(showsMap: boolean, failed: boolean): [boolean, () => void] {
  const [settled, setSettled] = useState(!showsMap);
  const settle = () => setSettled(true);
  useEffect(() => {
    if (!showsMap || failed) {
      setSettled(true);
      return;
    }
    const timer = setTimeout(() => setSettled(true), CARDS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [showsMap, failed]);
  return [settled, settle];
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
  // Until the session is known the page may yet show a map: the cards wait for that answer too.
  const sessionPending = useSession().isPending;
  const [mapSettled, onMapSettled] = useMapFirst(me !== null || sessionPending, points.isError);
  const oblasts = useOblasts(mapSettled);
  const summary = useQuery({ queryKey: ['facility-summary'], queryFn: () => api<FacilitySummary>('/api/v1/facilities/summary'), enabled: mapSettled });
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
              <FacilityMap points={points.data} onSettled={onMapSettled} />
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
      {mapSettled ? (
        <Suspense fallback={null}>
          <CompletenessCard me={me} />
          <OverdueActions me={me} />
          <FundingCard me={me} />
        </Suspense>
      ) : null}
      <h2>{t('overview.summaryTitle')}</h2>
      {summary.isError ? <ErrorState error={summary.error} /> : null}
      {summary.data === undefined ? (
        summary.isError ? null : <p className="muted">{t('app.loading')}</p>
      ) : (
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
      )}
    </section>
  );
}
