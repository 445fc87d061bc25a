import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';

/**
 * A MapLibre map of Ukraine from our own data only: a plain background, the
 * country outline from /api/v1/areas/outline, zoom buttons. No tiles, glyphs or
 * style fetched from outside, so it works on a closed network. `onLoad` adds the
 * page's own layers once the outline is in.
 */
export function createBaseMap(container: HTMLElement, onLoad: (map: maplibregl.Map) => void): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }] },
    bounds: [
      [22.1, 44.3],
      [40.3, 52.4],
    ],
    fitBoundsOptions: { padding: 16 },
    attributionControl: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.on('load', () => {
    map.addSource('outline', { type: 'geojson', data: '/api/v1/areas/outline' });
    map.addLayer({ id: 'country', type: 'fill', source: 'outline', paint: { 'fill-color': '#ffffff' } });
    map.addLayer({ id: 'border', type: 'line', source: 'outline', paint: { 'line-color': '#1f3a5f', 'line-width': 1.2 } });
    onLoad(map);
  });
  return map;
}
