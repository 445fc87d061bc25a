import type maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCompleteness } from '../../../src/modules/reporting/completeness.schema.js';
import { LevelLegend } from '../monitoring/level-legend.js';
import { LEVEL_COLOURS, NO_DATA_COLOUR } from '../monitoring/status-colours.js';
import { createBaseMap } from '../overview/base-map.js';
import { addOblastLayers, colourByIso, setOblastColour } from '../overview/oblast-layers.js';
import { shareOf } from './use-completeness.js';

/** Completeness bins from good to bad (DHIS2's customary 90 % and 75 % marks), each named in the legend. */
const BINS = [0.9, 0.75, 0.5, 0] as const;
const BIN_LABELS = ['≥ 90 %', '75–90 %', '50–75 %', '< 50 %'] as const;

declare global {
  interface Window {
    /** For browser tests: the completeness map, to wait until it has drawn. */
    __carebridgeCompletenessMap?: maplibregl.Map;
  }
}

/** Oblasts coloured by the share of expected facilities that reported; the oblast table beside it has the same figures as text. */
export function CompletenessMap({ rows, period }: { rows: readonly AreaCompleteness[]; period: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const colour = useMemo(() => {
    const colours = new Map<string, string>();
    for (const r of rows) {
      const share = shareOf(r.received, r.expected);
      if (r.iso !== null && share !== null) colours.set(r.iso, LEVEL_COLOURS[BINS.findIndex((b) => share >= b)] ?? NO_DATA_COLOUR);
    }
    return colourByIso(colours, NO_DATA_COLOUR);
  }, [rows]);
  const colourRef = useRef(colour);
  colourRef.current = colour;

  useEffect(() => {
    if (container.current === null) return;
    const map = createBaseMap(container.current, () => addOblastLayers(map, colourRef.current));
    mapRef.current = map;
    window.__carebridgeCompletenessMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    if (mapRef.current !== null) setOblastColour(mapRef.current, colour);
  }, [colour]);

  return (
    <section className="status-map" aria-labelledby="completeness-map-title">
      <h2 id="completeness-map-title">{t('reporting.map.title')}</h2>
      <div ref={container} className="map plan-map" role="region" aria-label={t('reporting.map.alt', { period })} data-testid="completeness-map" />
      <LevelLegend title={t('reporting.completeness')} labels={BIN_LABELS} noData={t('reporting.map.noData')} />
    </section>
  );
}
