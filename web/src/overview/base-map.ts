import i18next from 'i18next';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { AreaList } from '../../../src/modules/geography/geography.schema.js';
import { api } from '../api/client.js';
import { areaName } from '../facilities/area-names.js';
import type { Language } from '../i18n/i18n.js';
import './base-map.css';
import { MAP_ATTRIBUTION, MAP_LOCALE } from './map-locale.js';

interface OblastFeature {
  properties: { iso: string; labelLon: number; labelLat: number };
}

/** Kyiv and Sevastopol (category K) lie inside or against an oblast's label; their names appear from this zoom on. */
const CITY_LABEL_ZOOM = 7;
// Vite copies the file into the build under a hashed name (cached for a year, and by the service worker).
const OBLAST_LAYER_URL = new URL('./ua-oblasts.geo.json', import.meta.url).href;

const languageOf = (): Language => (i18next.language === 'en' || i18next.language === 'ja' ? i18next.language : 'uk');

/**
 * A MapLibre map of Ukraine from our own data only: a plain background, the country outline from
 * /api/v1/areas/outline, the oblasts' boundaries and names (shipped with the app: ua-oblasts.geo.json, from
 * geoBoundaries, credited in the attribution), zoom buttons in the reader's language. No tiles, glyphs or style
 * fetched from outside, so it works on a closed network. `onLoad` adds the page's own layers once the outline is
 * in; the oblast layer goes under them whenever it arrives.
 */
export function createBaseMap(container: HTMLElement, onLoad: (map: maplibregl.Map) => void): maplibregl.Map {
  const lang = languageOf();
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }] },
    bounds: [
      [22.1, 44.3],
      [40.3, 52.4],
    ],
    fitBoundsOptions: { padding: 16 },
    locale: MAP_LOCALE[lang],
    attributionControl: { customAttribution: MAP_ATTRIBUTION[lang] },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  const oblasts = fetch(OBLAST_LAYER_URL).then((res) => (res.ok ? (res.json() as Promise<GeoJSON.FeatureCollection>) : null)).catch(() => null);
  // The names as the registry holds them (the same public list the filters use; kept by the service worker).
  const names = api<AreaList>('/api/v1/areas?level=1').then((list) => list.items).catch(() => []);
  map.on('load', () => {
    map.addSource('outline', { type: 'geojson', data: '/api/v1/areas/outline' });
    map.addLayer({ id: 'country', type: 'fill', source: 'outline', paint: { 'fill-color': '#ffffff' } });
    map.addLayer({ id: 'border', type: 'line', source: 'outline', paint: { 'line-color': '#1f3a5f', 'line-width': 1.2 } });
    onLoad(map);
    void Promise.all([oblasts, names]).then(([data, areas]) => {
      // A map closed before the layer arrived, or no layer (offline before it was ever fetched): the country alone.
      if (data === null || map.getLayer('border') === undefined) return;
      // Not 'oblasts': pages that colour oblasts add that source themselves (oblast-layers.ts).
      map.addSource('oblast-base', { type: 'geojson', data });
      map.addLayer({ id: 'oblast-boundaries', type: 'line', source: 'oblast-base', paint: { 'line-color': '#8c9aae', 'line-width': 0.8 } }, 'border');
      showOblastNames(map, container, data.features as unknown as OblastFeature[], areas);
    });
  });
  const relabel = () => relabelControls(container);
  i18next.on('languageChanged', relabel);
  map.on('remove', () => i18next.off('languageChanged', relabel));
  return map;
}

/**
 * Oblast names as HTML markers at each oblast's label point: a symbol layer would need glyphs fetched from a URL
 * (see cluster-labels.ts). Names follow the reader's language, Japanese included, and change with it.
 */
function showOblastNames(map: maplibregl.Map, container: HTMLElement, features: readonly OblastFeature[], areas: AreaList['items']): void {
  const byIso = new Map(areas.map((a) => [a.iso3166_2, a]));
  const labels = features.flatMap(({ properties: p }) => {
    const oblast = byIso.get(p.iso);
    if (oblast === undefined) return [];
    const element = document.createElement('span');
    element.className = oblast.category === 'K' ? 'oblast-label city' : 'oblast-label';
    // The page states the figures in text; a screen reader need not hear 27 names over the map.
    element.setAttribute('aria-hidden', 'true');
    element.setAttribute('role', 'presentation');
    element.dataset.iso = p.iso;
    new maplibregl.Marker({ element }).setLngLat([p.labelLon, p.labelLat]).addTo(map);
    return [{ element, oblast }];
  });
  const write = () => {
    const lang = languageOf();
    for (const { element, oblast } of labels) {
      element.textContent = areaName(oblast, lang);
      element.lang = lang;
    }
  };
  const zoom = () => container.toggleAttribute('data-oblast-cities', map.getZoom() >= CITY_LABEL_ZOOM);
  write();
  zoom();
  map.on('zoomend', zoom);
  i18next.on('languageChanged', write);
  map.on('remove', () => i18next.off('languageChanged', write));
}

/** MapLibre reads its locale once; a language switch while the map is open renames its controls here. */
function relabelControls(container: HTMLElement): void {
  const strings = MAP_LOCALE[languageOf()];
  const name = (selector: string, key: string) => {
    const text = strings[key];
    if (text === undefined) return;
    for (const element of container.querySelectorAll(selector)) {
      element.setAttribute('title', text);
      element.setAttribute('aria-label', text);
    }
  };
  name('.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn');
  name('.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut');
  name('.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution');
  const canvas = container.querySelector('canvas');
  if (canvas !== null && strings['Map.Title'] !== undefined) canvas.setAttribute('aria-label', strings['Map.Title']);
  const inner = container.querySelector('.maplibregl-ctrl-attrib-inner');
  if (inner !== null) inner.innerHTML = MAP_ATTRIBUTION[languageOf()];
}
