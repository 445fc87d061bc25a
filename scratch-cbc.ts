import { readFileSync, writeFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { buildLpModel } from './src/engine/allocation/highs-model.js';
const prob = JSON.parse(readFileSync(`/work/shared/data/energy/small-20x150.json`, 'utf8'));
writeFileSync('/tmp/scr/small.lp', buildLpModel(buildPairs(prob)));
