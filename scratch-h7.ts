import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { lagrangianBound } from './src/engine/allocation/lagrangian-bound.js';
for (const [f, opt] of [['small-20x150', 69451.6936], ['seed-110x1500', 721838.8771]] as const) {
  const prob = JSON.parse(readFileSync(`/work/shared/data/energy/${f}.json`, 'utf8'));
  const ps = buildPairs(prob);
  const t = performance.now();
  let n = 0;
  const b = lagrangianBound(ps, { deadline: performance.now() + 3000, lowerBound: opt, onBound: () => n++ });
  console.log(f, b, ((b - opt) / opt * 100).toFixed(4) + '%', (performance.now() - t).toFixed(0), n);
}
