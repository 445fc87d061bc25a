import type maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicators } from '../../../src/modules/monitoring/indicators.schema.js';
import { createBaseMap } from '../overview/base-map.js';
import { LevelLegend } from './level-legend.js';
import { LEVEL_COLOURS, NO_DATA_COLOUR } from './status-colours.js';

export type MapMeasure = 'functioning' | 'power';
/** Share bins from good to bad, each with its colour (colour-blind safe; the legend names each bin). */
const BINS = [0.75, 0.5, 0.25, 0] as const;

/** Share of reporting facilities that are fine on the measure: fully functioning, or on grid power. */
export function goodShare(data: Indicators, measure: MapMeasure): number | null {
  if (data.reporting === 0) return null;
  const good = measure === 'functioning' ? (data.byFunctionality.fully ?? 0) : data.reporting - data.onGenerator - data.withoutPower;
  return good / data.reporting;
}

const binOf = (share: number): number => BINS.findIndex((b) => share >= b);

declare global {
  interface Window {
    /** For browser tests: the status map, to ask what it rendered. */
    __carebridgeStatusMap?: maplibregl.Map;
  }
}

/**
 * Oblasts coloured by the share of their reporting facilities that work fully, or that have grid power:
 * filled shapes when boundaries are loaded, a disc at each oblast's centre otherwise. The oblast table
 * beside it carries the same figures as text.
 */
export function AreaStatusMap({ rows }: { rows: { iso: string; data: Indicators | undefined }[] }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [measure, setMeasure] = useState<MapMeasure>('functioning');
  const colourExpression = useMemo(() => {
    const pairs = rows.flatMap((r) => {
      const share = r.data === undefined ? null : goodShare(r.data, measure);
      return share === null ? [] : [r.iso, LEVEL_COLOURS[binOf(share)] ?? NO_DATA_COLOUR];
    });
    // MapLibre's expression types do not follow a spread of pairs; the shape is the documented "match".
    return (pairs.length === 0 ? ['to-color', NO_DATA_COLOUR] : ['match', ['get', 'iso'], ...pairs, NO_DATA_COLOUR]) as unknown as maplibregl.ExpressionSpecification;
  }, [rows, measure]);
  const colourRef = useRef(colourExpression);
  colourRef.current = colourExpression;

  useEffect(() => {
    if (container.current === null) return;
    const map = createBaseMap(container.current, () => {
      map.addSource('oblasts', { type: 'geojson', data: '/api/v1/areas/boundaries' });
      map.addLayer({ id: 'oblast-fill', type: 'fill', source: 'oblasts', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colourRef.current, 'fill-opacity': 0.85 } });
      map.addLayer({ id: 'oblast-multi', type: 'fill', source: 'oblasts', filter: ['==', ['geometry-type'], 'MultiPolygon'], paint: { 'fill-color': colourRef.current, 'fill-opacity': 0.85 } });
      map.addLayer({ id: 'oblast-line', type: 'line', source: 'oblasts', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#ffffff', 'line-width': 1 } });
      map.addLayer({ id: 'oblast-centre', type: 'circle', source: 'oblasts', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': colourRef.current, 'circle-radius': 14, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
    });
    mapRef.current = map;
    window.__carebridgeStatusMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    // Before the layers exist, the load handler reads the latest colours from colourRef.
    if (map === null || map.getLayer('oblast-fill') === undefined) return;
    for (const id of ['oblast-fill', 'oblast-multi']) map.setPaintProperty(id, 'fill-color', colourExpression);
    map.setPaintProperty('oblast-centre', 'circle-color', colourExpression);
  }, [colourExpression]);

  const bounds = ['≥ 75 %', '50–75 %', '25–50 %', '< 25 %'];
  return (
    <section className="status-map" aria-label={t('monitoring.map.title')}>
      <h3>{t('monitoring.map.title')}</h3>
      <fieldset className="segmented">
        <legend>{t('monitoring.map.measure')}</legend>
        {(['functioning', 'power'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="map-measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} />
            {t(`monitoring.map.${m}`)}
          </label>
        ))}
      </fieldset>
      <div ref={container} className="map plan-map" role="region" aria-label={t('monitoring.map.alt', { measure: t(`monitoring.map.${measure}`) })} data-testid="status-map" />
      <LevelLegend title={t(`monitoring.map.${measure}`)} labels={bounds} noData={t('monitoring.map.noData')} />
    </section>
  );
}
