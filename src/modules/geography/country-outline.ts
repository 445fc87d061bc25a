import { createRequire } from 'node:module';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
// ISO 3166-1 numeric codes in Natural Earth (world-atlas).
const UKRAINE = '804';
const RUSSIA = '643';
// A point inside the Crimean peninsula (near Simferopol).
const CRIMEA: [number, number] = [34.1, 44.95];
let cached: string | undefined;
let cachedPolygons: Polygon[] | undefined;

export type Ring = [number, number][];
export type Polygon = Ring[];

/** Ray casting: whether a point lies inside a ring. */
export function inside([x, y]: [number, number], ring: Ring): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

export const polygonsOf = (g: { type: string; coordinates: unknown }): Polygon[] => (g.type === 'Polygon' ? [g.coordinates as Polygon] : (g.coordinates as Polygon[]));

/**
 * Ukraine's outline as GeoJSON from the world-atlas package (Natural Earth,
 * 1:50m): the map's base layer, with no external tiles. Natural Earth's default
 * view draws Crimea with Russia; Ukraine's borders as recognised by the UN
 * (General Assembly resolution 68/262) include it, so its polygon is moved to
 * Ukraine here. Read once, then cached.
 */
export function countryOutline(): string {
  if (cached === undefined) {
    const topology = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const all = feature(topology, topology.objects.countries).features;
    const ukraine = all.find((f) => String(f.id) === UKRAINE)?.geometry as { type: string; coordinates: unknown } | undefined;
    const russia = all.find((f) => String(f.id) === RUSSIA)?.geometry as { type: string; coordinates: unknown } | undefined;
    if (ukraine === undefined) throw new Error('world-atlas has no feature 804 (Ukraine)');
    const polygons = polygonsOf(ukraine);
    const hasCrimea = polygons.some((p) => inside(CRIMEA, p[0] ?? []));
    const crimea = hasCrimea || russia === undefined ? undefined : polygonsOf(russia).find((p) => inside(CRIMEA, p[0] ?? []));
    cachedPolygons = crimea === undefined ? polygons : [...polygons, crimea];
    const geometry = { type: 'MultiPolygon', coordinates: cachedPolygons };
    cached = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Ukraine' }, geometry }] });
  }
  return cached;
}

/** Whether a point lies on Ukraine's territory (outer rings of the outline; lakes are not holes here). */
export function isInsideUkraine(lat: number, lon: number): boolean {
  countryOutline();
  return (cachedPolygons ?? []).some((p) => inside([lon, lat], p[0] ?? []));
}
