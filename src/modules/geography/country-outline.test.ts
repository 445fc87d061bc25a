import { describe, expect, it } from 'vitest';
import { countryOutline, isInsideUkraine } from './country-outline.js';

describe("Ukraine's outline", () => {
  it('contains Kyiv, Lviv, Kharkiv, Odesa and Crimea, and not Warsaw, Minsk, Chișinău or the open sea', () => {
    for (const [lat, lon] of [[50.45, 30.52], [49.84, 24.03], [49.99, 36.23], [46.48, 30.72], [44.95, 34.1], [44.62, 33.53]] as const) expect(isInsideUkraine(lat, lon), `${lat},${lon}`).toBe(true);
    for (const [lat, lon] of [[52.23, 21.01], [53.9, 27.56], [47.01, 28.86], [44.0, 32.0]] as const) expect(isInsideUkraine(lat, lon), `${lat},${lon}`).toBe(false);
  });
  it('is a GeoJSON FeatureCollection with one MultiPolygon', () => {
    const fc = JSON.parse(countryOutline()) as { type: string; features: { geometry: { type: string; coordinates: unknown[] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0]?.geometry.type).toBe('MultiPolygon');
  });
});
