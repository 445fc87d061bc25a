import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The props of the component a module exports under `name` (never when that export is not a component). */
type PropsOf<T> = T extends ComponentType<infer P> ? P : never;

/**
 * A page (or a heavy part of one) loaded when first shown, from a module that exports it by name:
 * `lazyPage(() => import('./x.js'), 'XPage')`. Every page of the route table goes through this, so each route's code
 * (and what only it needs: MapLibre, ECharts, tables) stays out of the first load. The service worker still caches
 * these chunks for offline use: it follows the entry script's import list (web/public/sw.js, shellFiles).
 */
export function lazyPage<Module, Name extends keyof Module & string>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<ComponentType<PropsOf<Module[Name]>>> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<PropsOf<Module[Name]>> }));
}
