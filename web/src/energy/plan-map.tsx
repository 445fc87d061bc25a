import { createBaseMap } from '../overview/base-map.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface PlanLine {
  from: [number, number];
  to: [number, number];
  kw: number;
}

/**
 * A plan on the map: a line from each unit's warehouse to its facility, the
 * warehouses as squares and the facilities as dots. Our GeoJSON only, as on the overview.
 */
export function PlanMap({ lines }: { lines: readonly PlanLine[] }) {
  const container = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (container.current === null) return;
    const feature = (geometry: GeoJSON.Geometry, properties: Record<string, number> = {}): GeoJSON.Feature => ({ type: 'Feature', geometry, properties });
    const map = createBaseMap(container.current, () => {
      map.addSource('lines', { type: 'geojson', data: { type: 'FeatureCollection', features: lines.map((l) => feature({ type: 'LineString', coordinates: [l.from, l.to] }, { kw: l.kw })) } });
      map.addLayer({ id: 'lines', type: 'line', source: 'lines', paint: { 'line-color': '#D55E00', 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['get', 'kw'], 100, 1, 2000, 4] } });
      map.addSource('ends', { type: 'geojson', data: { type: 'FeatureCollection', features: lines.map((l) => feature({ type: 'Point', coordinates: l.to })) } });
      map.addLayer({ id: 'facilities', type: 'circle', source: 'ends', paint: { 'circle-color': '#0072B2', 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
      const depots = [...new Map(lines.map((l) => [l.from.join(','), l.from])).values()];
      map.addSource('depots', { type: 'geojson', data: { type: 'FeatureCollection', features: depots.map((d) => feature({ type: 'Point', coordinates: d })) } });
      map.addLayer({ id: 'depots', type: 'circle', source: 'depots', paint: { 'circle-color': '#1b2430', 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
    });
    map.on('idle', () => {
      const drawn = map.getLayer('lines') === undefined ? 0 : map.queryRenderedFeatures({ layers: ['lines'] }).length;
      container.current?.setAttribute('data-rendered-lines', String(drawn));
    });
    return () => map.remove();
  }, [lines]);
  return <div ref={container} className="map plan-map" data-testid="plan-map" role="region" aria-label={t('energy.planMap')} />;
}
