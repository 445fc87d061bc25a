import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page loaded when first shown, from a module that exports it by name: `lazyPage(() => import('./x.js'), 'XPage')`.
 * Every page of the route table goes through this, so each route's code (and what only it needs: MapLibre, ECharts,
 * tables) stays out of the first load. The service worker still caches these chunks for offline use: it follows the
 * entry script's import list (web/public/sw.js, shellFiles).
 */
export function lazyPage<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
): LazyExoticComponent<ComponentType<Props>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
