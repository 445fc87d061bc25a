import { writeFileSync } from 'node:fs';
import { makeInstance } from './bench/allocation-instances.js';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { buildLpModel } from './src/engine/allocation/highs-model.js';
const p = makeInstance({ name: 'large', generators: 400, facilities: 6000, seed: 3 });
writeFileSync('/tmp/scr/large.lp', buildLpModel(buildPairs(p)));
