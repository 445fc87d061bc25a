import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { phaseKey } from './job-progress.js';

/** The phases the server reports today: the jobs runner, the plan route, the solver (src/engine/allocation/solve.ts), the IATI export. */
const SERVER_PHASES = ['queued', 'preparing', 'starting', 'greedy', 'local search', 'bound', 'guided plan', 'exact', 'exporting'];

describe('a job phase in words', () => {
  it('names every phase the server reports with its own message, never the fallback', () => {
    for (const phase of SERVER_PHASES) {
      const key = phaseKey(phase);
      expect(key, phase).not.toBe('jobs.phases.working');
      const name = key.replace('jobs.phases.', '') as keyof typeof en.jobs.phases;
      expect(en.jobs.phases[name], phase).toEqual(expect.any(String));
    }
  });

  it('reads a phase it does not know as "Working", never as the code', () => {
    expect(phaseKey('rebalancing shards')).toBe('jobs.phases.working');
    expect(phaseKey('')).toBe('jobs.phases.working');
  });
});
