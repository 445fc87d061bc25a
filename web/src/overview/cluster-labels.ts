import maplibregl from 'maplibre-gl';

/**
 * Counts on the clusters as HTML markers. A symbol layer would need glyphs
 * (fonts fetched from a URL), and the map fetches nothing from outside, so the
 * few clusters in view get a small label element each instead (the pattern of
 * MapLibre's "HTML clusters" example). Returns a function that removes them.
 */
export function showClusterCounts(map: maplibregl.Map, sourceId: string, format: () => Intl.NumberFormat): () => void {
  let shown = new Map<number, maplibregl.Marker>();

  const update = () => {
    if (map.getSource(sourceId) === undefined || !map.isSourceLoaded(sourceId)) return;
    const next = new Map<number, maplibregl.Marker>();
    for (const feature of map.querySourceFeatures(sourceId)) {
      const { cluster_id: id, point_count: count } = feature.properties as { cluster_id?: number; point_count?: number };
      if (id === undefined || count === undefined || next.has(id) || feature.geometry.type !== 'Point') continue;
      let entry = shown.get(id);
      if (entry === undefined) {
        const element = document.createElement('span');
        element.className = 'cluster-count';
        // The total is in the text under the map; screen readers need not hear every label.
        // An explicit role, or MapLibre marks the element as a button called "Map marker".
        element.setAttribute('aria-hidden', 'true');
        element.setAttribute('role', 'presentation');
        element.dataset.count = String(count);
        element.textContent = format().format(count);
        const [lon = 0, lat = 0] = feature.geometry.coordinates;
        entry = new maplibregl.Marker({ element }).setLngLat([lon, lat]).addTo(map);
      }
      next.set(id, entry);
    }
    for (const [id, marker] of shown) if (!next.has(id)) marker.remove();
    shown = next;
  };

  map.on('render', update);
  return () => {
    map.off('render', update);
    for (const marker of shown.values()) marker.remove();
    shown = new Map();
  };
}

/** Writes the counts again in another language's digits and separators. */
export function relabelClusterCounts(container: HTMLElement, format: Intl.NumberFormat): void {
  for (const element of container.querySelectorAll<HTMLElement>('.cluster-count[data-count]')) element.textContent = format.format(Number(element.dataset.count));
}
