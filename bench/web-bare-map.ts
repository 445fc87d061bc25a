/**
 * The baseline of `npm run bench web`: MapLibre alone on a page, drawing the same outline and the same facility
 * points, clustered with the same radius and style as the overview map (web/src/overview/facility-map.tsx), and
 * marking its first idle with the points drawn the same way (data-rendered-points). Nothing else: no app shell,
 * no sign-in, no oblast layer or labels; what the app adds on top is what the ratio measures.
 */
export function bareMapPage(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>bare MapLibre</title>
<link rel="stylesheet" href="/maplibre-gl.css">
<style>body{margin:0}#map{height:640px;margin:1rem}</style>
<script src="/maplibre-gl.js"></script></head>
<body><div id="map"></div>
<script>
const container = document.getElementById('map');
fetch('/points.json').then((r) => r.json()).then((points) => {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }] },
    bounds: [[22.1, 44.3], [40.3, 52.4]],
    fitBoundsOptions: { padding: 16 },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.on('load', () => {
    map.addSource('outline', { type: 'geojson', data: '/outline.json' });
    map.addLayer({ id: 'country', type: 'fill', source: 'outline', paint: { 'fill-color': '#ffffff' } });
    map.addLayer({ id: 'border', type: 'line', source: 'outline', paint: { 'line-color': '#1f3a5f', 'line-width': 1.2 } });
    map.addSource('facilities', { type: 'geojson', data: points, cluster: true, clusterRadius: 28, clusterMaxZoom: 9 });
    map.addLayer({ id: 'clusters', type: 'circle', source: 'facilities', filter: ['has', 'point_count'],
      paint: { 'circle-color': '#1f3a5f', 'circle-opacity': 0.75, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-radius': ['step', ['get', 'point_count'], 10, 20, 15, 100, 21, 500, 28] } });
    map.addLayer({ id: 'points', type: 'circle', source: 'facilities', filter: ['!', ['has', 'point_count']],
      paint: { 'circle-color': '#0072B2', 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
  });
  map.on('idle', () => {
    const drawn = map.getLayer('points') === undefined ? [] : map.queryRenderedFeatures({ layers: ['clusters', 'points'] });
    const n = drawn.reduce((s, f) => s + (typeof f.properties.point_count === 'number' ? f.properties.point_count : 1), 0);
    container.setAttribute('data-rendered-points', String(n));
  });
});
</script></body></html>`;
}
