import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The entry of a worker thread whose script `name` (without extension) sits next to the calling module, given
 * as that module's `import.meta.url`: `name.js` when running compiled (dist/, or the esbuild bundle of the CLI,
 * which emits each worker as its own entry beside cli.js). From source (tsx, vitest) the `.ts` worker is started
 * through a tiny ESM bootstrap that loads it with tsx's `tsImport`, because Node 20 workers ignore
 * `--import tsx` in `execArgv` for their entry module.
 */
export function workerEntry(name: string, callerUrl: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  const target = new URL(`./${name}.ts`, callerUrl).href;
  // The ESM build of tsx's API (its exports map points `import` there; require.resolve would give the CJS one).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const code = `import { tsImport } from ${JSON.stringify(tsx)}; await tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
