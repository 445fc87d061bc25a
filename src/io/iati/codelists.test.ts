import { describe, expect, it } from 'vitest';
import { codeProblem, loadCodelist } from './codelists.js';

// The official lists stay in ../shared; tests read them from there.
const DIR = '../shared/data/iati-2.03/codelists';

describe('IATI codelists', () => {
  it('knows active DAC 5-digit sectors and refuses unknown and withdrawn ones', () => {
    const sectors = loadCodelist(DIR, 'Sector');
    expect(codeProblem(sectors, '12220')).toBeUndefined();
    expect(codeProblem(sectors, '99999')).toMatch(/not on the IATI Sector codelist/);
    expect(codeProblem(sectors, '11321')).toMatch(/withdrawn/);
    expect(codeProblem(loadCodelist(DIR, 'ActivityStatus'), '2')).toBeUndefined();
  });
});
