import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { inside, polygonsOf, type Polygon } from '../geography/country-outline.js';
import { oblastBoundaries } from '../geography/geography.service.js';
import type { Finding } from './quality.checks.js';

interface OblastShape {
  katottg: string;
  iso: string | null;
  label: string;
  polygons: Polygon[];
  /** [minLon, minLat, maxLon, maxLat]: most points are settled by this box without touching the rings. */
  box: [number, number, number, number];
}

function boxOf(polygons: readonly Polygon[]): OblastShape['box'] {
  const box: OblastShape['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons) for (const [x, y] of p[0] ?? []) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/** Inside an outer ring and in none of its holes (Kyiv city is a hole in Kyiv oblast). */
export function shapeContains(shape: OblastShape, lon: number, lat: number): boolean {
  const [minX, minY, maxX, maxY] = shape.box;
  if (lon < minX || lon > maxX || lat < minY || lat > maxY) return false;
  return shape.polygons.some(([outer = [], ...holes]) => inside([lon, lat], outer) && !holes.some((h) => inside([lon, lat], h)));
}

/** The oblast boundaries loaded by `carebridge import boundaries`, parsed once per check (27 rows, one query). */
export async function loadOblastShapes(db: Kysely<DB>): Promise<Map<string, OblastShape>> {
  const shapes = new Map<string, OblastShape>();
  for (const o of await oblastBoundaries(db)) {
    if (o.geometry === null) continue;
    const polygons = polygonsOf(JSON.parse(o.geometry) as { type: string; coordinates: unknown });
    shapes.set(o.katottg, { katottg: o.katottg, iso: o.iso3166_2, label: `${o.iso3166_2 ?? o.katottg} (${o.name_en ?? o.name_uk})`, polygons, box: boxOf(polygons) });
  }
  return shapes;
}

/**
 * Facilities whose coordinates fall outside their own oblast's boundary. Each point is tested against its own
 * oblast only (bounding box first); only the points that fail are tested against the others, to say where they
 * fall. Facilities of an oblast without a loaded boundary are not judged.
 */
export function outsideOwnOblast(facilities: readonly FacilityRow[], shapes: ReadonlyMap<string, OblastShape>): Finding[] {
  const out: Finding[] = [];
  for (const f of facilities) {
    const own = shapes.get(f.area_path.slice(0, f.area_path.indexOf('/')));
    if (own === undefined || shapeContains(own, f.lon, f.lat)) continue;
    const actual = [...shapes.values()].find((s) => s !== own && shapeContains(s, f.lon, f.lat));
    out.push({ check: 'outside_oblast', reason: 'outside_oblast', facility: f, fallsInOblastIso: actual?.iso ?? null, detail: `coordinates are outside ${own.label}${actual === undefined ? ', and outside every loaded oblast boundary' : `; they fall in ${actual.label}`}` });
  }
  return out;
}
