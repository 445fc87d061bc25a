import type maplibregl from 'maplibre-gl';
import { type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FacilityType } from '../../../src/modules/facilities/facilities.schema.js';
import { CATEGORIES, CATEGORY_OF } from '../facilities/facility-categories.js';
import { createBaseMap } from './base-map.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { relabelClusterCounts, showClusterCounts } from './cluster-labels.js';

interface PointProps {
  id: string;
  nameUk: string;
  nameEn: string;
  type: FacilityType;
  beds: number;
}

declare global {
  interface Window {
    /** For browser tests: the map, to ask what it rendered. */
    __carebridgeMap?: maplibregl.Map;
  }
}

// A colour per type, from its category: one MapLibre "match" expression.
const colourByType = ['match', ['get', 'type'], ...Object.entries(CATEGORY_OF).flatMap(([type, cat]) => [type, CATEGORIES[cat]]), '#666666'] as unknown as maplibregl.ExpressionSpecification;

/**
 * MapLibre with our own GeoJSON only: a background, the country outline, and the
 * facilities as clustered points. No tiles, no glyphs, nothing fetched from
 * outside: it works on a closed network and during an outage of the internet.
 * `onSettled` is called when the map has settled with points drawn (each time it does).
 */
export function FacilityMap({ points, onSettled }: { points: GeoJSON.FeatureCollection; onSettled?: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<PointProps | null>(null);
  const number = useMemo(() => new Intl.NumberFormat(LOCALE[i18n.language as Language]), [i18n.language]);
  // The map lives across language changes; labels it creates later read the current format through this ref.
  const numberRef = useRef(number);
  // The map is made once per set of points; the page's callback may change without remaking it.
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;

  useEffect(() => {
    if (container.current === null) return;
    const map = createBaseMap(container.current, () => {
      map.addSource('facilities', { type: 'geojson', data: points, cluster: true, clusterRadius: 28, clusterMaxZoom: 9 });
      map.addLayer({
        id: 'clusters',
        type: 'circle',
        source: 'facilities',
        filter: ['has', 'point_count'],
        paint: { 'circle-color': '#1f3a5f', 'circle-opacity': 0.75, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-radius': ['step', ['get', 'point_count'], 10, 20, 15, 100, 21, 500, 28] },
      });
      map.addLayer({
        id: 'points',
        type: 'circle',
        source: 'facilities',
        filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': colourByType, 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      });
    });
    window.__carebridgeMap = map;
    // Tells tests (and anyone curious) how many points the map is drawing once it has settled.
    map.on('idle', () => {
      const drawn = map.getLayer('points') === undefined ? [] : map.queryRenderedFeatures({ layers: ['clusters', 'points'] });
      const n = drawn.reduce((s, f) => s + (typeof f.properties.point_count === 'number' ? f.properties.point_count : 1), 0);
      container.current?.setAttribute('data-rendered-points', String(n));
      if (n > 0) settledRef.current?.();
    });
    const removeCounts = showClusterCounts(map, 'facilities', () => numberRef.current);
    map.on('click', 'clusters', (e: MapLayerMouseEvent) => {
      const feature = e.features?.[0];
      const clusterId = feature?.properties.cluster_id as number | undefined;
      if (feature === undefined || clusterId === undefined) return;
      void (map.getSource('facilities') as GeoJSONSource).getClusterExpansionZoom(clusterId).then((zoom) => map.easeTo({ center: e.lngLat, zoom }));
    });
    map.on('click', 'points', (e: MapLayerMouseEvent) => {
      const props = e.features?.[0]?.properties as PointProps | undefined;
      if (props !== undefined) setSelected(props);
    });
    for (const layer of ['clusters', 'points']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    return () => {
      removeCounts();
      map.remove();
      delete window.__carebridgeMap;
    };
  }, [points]);

  useEffect(() => {
    numberRef.current = number;
    if (container.current !== null) relabelClusterCounts(container.current, number);
  }, [number]);

  // Escape closes the panel, wherever the focus is.
  useEffect(() => {
    if (selected === null) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setSelected(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="overview-map" role="region" aria-label={t('overview.map')} />
      {selected === null ? null : (
        <aside className="map-panel" aria-live="polite" data-testid="map-panel">
          <button type="button" className="close" aria-label={t('overview.closePanel')} onClick={() => setSelected(null)}>
            ×
          </button>
          <h3>{i18n.language === 'uk' ? selected.nameUk : selected.nameEn}</h3>
          <p>
            {t(`types.${selected.type}`)} · {t('facilities.beds')}: {number.format(selected.beds)}
          </p>
          <Link to={`/facilities/${selected.id}`}>{t('overview.openFacility')}</Link>
        </aside>
      )}
    </div>
  );
}
