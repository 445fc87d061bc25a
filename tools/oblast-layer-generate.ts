/**
 * Generates web/src/overview/ua-oblasts.geo.json, the oblast layer every map draws (boundaries and label points),
 * from geoBoundaries' simplified UKR ADM1 file (CC BY 4.0: credited in the maps' attribution):
 *
 *   npx tsx tools/oblast-layer-generate.ts [path/to/ua-adm1-geoboundaries-simplified.geojson]
 *
 * The default path is the copy in ../shared/data/geo/. The source keeps 7-digit coordinates (761 KB); a map of the
 * country needs about 1 km (18 KB once compressed), so rings are simplified (Douglas–Peucker) and rounded to 3 decimals. Each feature keeps
 * only its ISO 3166-2 code; names come from the interface in the reader's language. The label point is the inside
 * point farthest from the edges of the largest polygon, so a name sits inside its oblast even where it is concave.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Point = [number, number];
type Ring = Point[];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(root, '../shared/data/geo/ua-adm1-geoboundaries-simplified.geojson');
const TARGET = resolve(root, 'web/src/overview/ua-oblasts.geo.json');
/** Degrees: about 1 km, under a pixel at the zoom that shows all of Ukraine; a few pixels when zoomed to a raion. */
const TOLERANCE = 0.01;

const segmentDistance = ([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number => {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

function simplify(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(points[i] as Point, points[from] as Point, points[to] as Point);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = ([x, y]: Point): Point => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];

/** A closed ring, simplified; null when too little is left of it (a tiny island at this scale). */
function simplifyRing(ring: Ring): Ring | null {
  const out = simplify(ring, TOLERANCE).map(round).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]?.[0] || p[1] !== all[i - 1]?.[1]);
  return out.length >= 4 ? out : null;
}

const area = (ring: Ring): number => Math.abs(ring.reduce((s, [x, y], i) => { const [nx, ny] = ring[(i + 1) % ring.length] as Point; return s + x * ny - nx * y; }, 0)) / 2;

function insideRing([x, y]: Point, ring: Ring): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** The grid point inside the polygon (outer ring, holes) farthest from its edges: a fine grid is enough for 27 shapes. */
function labelPoint(polygon: Ring[]): Point {
  const outer = polygon[0] as Ring;
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: Point = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestDistance = -1;
  const steps = 60;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const p: Point = [minX + ((maxX - minX) * i) / steps, minY + ((maxY - minY) * j) / steps];
      if (!insideRing(p, outer) || polygon.slice(1).some((hole) => insideRing(p, hole))) continue;
      let d = Infinity;
      for (const ring of polygon) for (let k = 1; k < ring.length; k++) d = Math.min(d, segmentDistance(p, ring[k - 1] as Point, ring[k] as Point));
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
  }
  return round(best);
}

interface SourceFeature {
  properties: { shapeISO: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const source = JSON.parse(readFileSync(process.argv[2] ?? SOURCE, 'utf8')) as { features: SourceFeature[] };
const features = source.features
  .map((f) => {
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .map((rings) => rings.map(simplifyRing))
      .filter((rings): rings is Ring[] => rings[0] !== null)
      .map((rings) => rings.filter((r): r is Ring => r !== null));
    const largest = polygons.reduce((a, b) => (area(b[0] as Ring) > area(a[0] as Ring) ? b : a));
    const [lon, lat] = labelPoint(largest);
    const geometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
    return { type: 'Feature', properties: { iso: f.properties.shapeISO, labelLon: lon, labelLat: lat }, geometry };
  })
  .sort((a, b) => a.properties.iso.localeCompare(b.properties.iso));
const attribution = 'geoBoundaries UKR ADM1 (CC BY 4.0), simplified by tools/oblast-layer-generate.ts';
writeFileSync(TARGET, `${JSON.stringify({ type: 'FeatureCollection', attribution, features })}\n`);
process.stdout.write(`${features.length} oblasts, ${readFileSync(TARGET).length} bytes\n`);
