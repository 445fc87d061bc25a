import type maplibregl from 'maplibre-gl';

const FILL_LAYERS = ['oblast-fill', 'oblast-multi'] as const;

/**
 * Oblasts from /api/v1/areas/boundaries on a base map, filled by a colour expression over their `iso` property:
 * shapes when boundaries are loaded, a disc at each oblast's centre otherwise (the endpoint then answers points).
 */
export function addOblastLayers(map: maplibregl.Map, colour: maplibregl.ExpressionSpecification): void {
  map.addSource('oblasts', { type: 'geojson', data: '/api/v1/areas/boundaries' });
  map.addLayer({ id: 'oblast-fill', type: 'fill', source: 'oblasts', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.85 } });
  map.addLayer({ id: 'oblast-multi', type: 'fill', source: 'oblasts', filter: ['==', ['geometry-type'], 'MultiPolygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.85 } });
  map.addLayer({ id: 'oblast-line', type: 'line', source: 'oblasts', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#ffffff', 'line-width': 1 } });
  map.addLayer({ id: 'oblast-centre', type: 'circle', source: 'oblasts', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': colour, 'circle-radius': 14, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
}

/** Recolours the layers addOblastLayers made; a no-op before they exist (the load handler then uses the latest colours). */
export function setOblastColour(map: maplibregl.Map, colour: maplibregl.ExpressionSpecification): void {
  if (map.getLayer('oblast-fill') === undefined) return;
  for (const id of FILL_LAYERS) map.setPaintProperty(id, 'fill-color', colour);
  map.setPaintProperty('oblast-centre', 'circle-color', colour);
}

/** A "match" on the oblast's ISO code; oblasts without a colour get `fallback`. */
export function colourByIso(colours: ReadonlyMap<string, string>, fallback: string): maplibregl.ExpressionSpecification {
  const pairs = [...colours].flat();
  // MapLibre's expression types do not follow a spread of pairs; the shape is the documented "match".
  return (pairs.length === 0 ? ['to-color', fallback] : ['match', ['get', 'iso'], ...pairs, fallback]) as unknown as maplibregl.ExpressionSpecification;
}
