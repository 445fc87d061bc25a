import type { Database } from '../../db/database.js';
import { oblastGeometries } from './geography.repository.js';
import { OBLASTS } from './oblasts.js';

/**
 * The oblasts as GeoJSON for maps coloured by area: their polygons when boundaries are loaded
 * (`carebridge import boundaries`), else a point at each oblast's centre, so a map can still colour
 * by area. Oblast shapes and names are public. Properties: iso (ISO 3166-2), pcode (OCHA, what HDX joins on), katottg, names, shape.
 */
export async function oblastBoundaries(database: Database): Promise<string> {
  const centre = new Map(OBLASTS.map((o) => [o.katottg, o.centre]));
  const features = (await oblastGeometries(database.db)).map((o) => {
    const c = centre.get(o.katottg);
    const geometry = o.geometry ?? (c === undefined ? 'null' : JSON.stringify({ type: 'Point', coordinates: [c[1], c[0]] }));
    const properties = JSON.stringify({ iso: o.iso3166_2, pcode: o.pcode, katottg: o.katottg, nameUk: o.name_uk, nameEn: o.name_en, shape: o.geometry === null ? 'centre' : 'boundary' });
    // Geometries are stored as GeoJSON text: spliced in, not parsed and re-serialised.
    return `{"type":"Feature","properties":${properties},"geometry":${geometry}}`;
  });
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}
