/** Streams a GeoJSON FeatureCollection of points feature by feature. */
export const FEATURE_COLLECTION_START = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_END = '\n]}\n';

export function pointFeature(lon: number, lat: number, properties: Record<string, unknown>, first: boolean): string {
  return `${first ? '' : ',\n'}{"type":"Feature","geometry":{"type":"Point","coordinates":[${lon},${lat}]},"properties":${JSON.stringify(properties)}}`;
}
