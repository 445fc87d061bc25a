import { describe, expect, it } from 'vitest';
import { ProblemValidationError, parseProblem, validateProblem } from './validate-problem.js';

const good = (): Record<string, unknown> => ({
  generators: [{ id: 'G1', ratingKw: 1250, lat: 50.45, lon: 30.52 }],
  facilities: [
    { id: 'F1', criticalLoadKw: 800, backupKw: 200, weight: 7.5, lat: 49.84, lon: 24.03, type: 'district_hospital' },
    { id: 'F2', criticalLoadKw: 100, backupKw: 0, weight: 1, lat: 49.8, lon: 24.1 },
  ],
  params: { minLoadRatio: 0.3, maxGeneratorsPerFacility: 3, maxDistanceKm: 600, costPerKm: 0.05 },
});

/** Loose view of the JSON so tests can break it in any way. */
interface Editable {
  generators: unknown[] & Record<string, unknown>[];
  facilities: unknown[] & Record<string, unknown>[];
  params?: Record<string, unknown>;
  [key: string]: unknown;
}

function issuesAfter(edit: (p: Editable) => void): { path: string; message: string }[] {
  const p = good() as unknown as Editable;
  edit(p);
  return validateProblem(p);
}

describe('validateProblem', () => {
  it('accepts the DESIGN §6 example (with the optional facility type)', () => {
    expect(validateProblem(good())).toEqual([]);
    expect(parseProblem(good()).generators).toHaveLength(1);
  });

  it('names the item and field of a negative load', () => {
    expect(issuesAfter((p) => { p.facilities[1]!.criticalLoadKw = -5; })).toEqual([
      { path: 'facilities[1] (id "F2").criticalLoadKw', message: 'must be a number ≥ 0' },
    ]);
  });

  it('rejects non-numeric and out-of-range coordinates', () => {
    expect(issuesAfter((p) => { p.generators[0]!.lat = '50.4'; p.facilities[0]!.lon = 200; })).toEqual([
      { path: 'generators[0] (id "G1").lat', message: 'must be a latitude between -90 and 90' },
      { path: 'facilities[0] (id "F1").lon', message: 'must be a longitude between -180 and 180' },
    ]);
    expect(issuesAfter((p) => { p.facilities[0]!.lat = 91; })[0]?.path).toBe('facilities[0] (id "F1").lat');
    expect(issuesAfter((p) => { p.facilities[0]!.lat = Number.NaN; })[0]?.message).toMatch(/latitude/);
  });

  it('rejects unknown fields at every level', () => {
    expect(issuesAfter((p) => { p.extra = 1; p.generators[0]!.colour = 'red'; p.params!.speed = 3; })).toEqual([
      { path: 'extra', message: 'is not a known field' },
      { path: 'generators[0] (id "G1").colour', message: 'is not a known field' },
      { path: 'params.speed', message: 'is not a known field' },
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(issuesAfter((p) => { p.facilities[1]!.id = 'F1'; })).toEqual([
      { path: 'facilities[1] (id "F1").id', message: 'duplicates the id of facilities[0]' },
    ]);
  });

  it('rejects missing params and missing fields', () => {
    expect(issuesAfter((p) => { delete p.params; })).toEqual([{ path: 'params', message: 'is required' }]);
    expect(issuesAfter((p) => { delete p.params!.costPerKm; delete p.facilities[0]!.weight; })).toEqual([
      { path: 'facilities[0] (id "F1").weight', message: 'is required' },
      { path: 'params.costPerKm', message: 'is required' },
    ]);
  });

  it('rejects bad params and bad ratings', () => {
    expect(issuesAfter((p) => { p.params!.maxGeneratorsPerFacility = 1.5; p.params!.minLoadRatio = 2; p.generators[0]!.ratingKw = 0; }).map((i) => i.path))
      .toEqual(['generators[0] (id "G1").ratingKw', 'params.minLoadRatio', 'params.maxGeneratorsPerFacility']);
  });

  it('rejects non-objects and non-arrays', () => {
    expect(validateProblem(null)).toHaveLength(1);
    expect(validateProblem([])).toHaveLength(1);
    expect(issuesAfter((p) => { (p as Record<string, unknown>).generators = {}; })).toEqual([{ path: 'generators', message: 'must be an array' }]);
    expect(issuesAfter((p) => { (p.facilities as unknown[])[0] = 'F1'; })).toEqual([{ path: 'facilities[0]', message: 'must be an object' }]);
  });

  it('parseProblem throws every issue at once', () => {
    const p = good();
    (p.params as Record<string, unknown>).costPerKm = -1;
    expect(() => parseProblem(p)).toThrow(ProblemValidationError);
  });
});
