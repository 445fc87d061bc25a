import { describe, expect, it } from 'vitest';
import { autonomyHours, facilityLitresPerHour, fuelCurvePoints, kwFromKva, litresPerDay, litresPerHour, usableKw } from './fuel-model.js';
import { estimateLoads } from './load-estimate.js';
import { priorityWeight } from './priority-weight.js';

describe('fuel model', () => {
  it('follows the linear curve F0 × rated + F1 × output', () => {
    expect(litresPerHour(100, 50)).toBeCloseTo(0.03 * 100 + 0.25 * 50);
    expect(litresPerHour(100, 500)).toBeCloseTo(0.03 * 100 + 0.25 * 100);
    expect(fuelCurvePoints(200).map((p) => p.litresPerHour)).toEqual([6 + 12.5, 6 + 25, 6 + 37.5, 6 + 50]);
  });
  it('converts kVA and derates standby units', () => {
    expect(kwFromKva(1250)).toBe(1000);
    expect(usableKw(1000, true)).toBe(700);
    expect(usableKw(1000, false)).toBe(1000);
  });
  it('gives autonomy at critical load, shedding load beyond capacity, and null without a generator', () => {
    const units = [{ usableKw: 100 }, { usableKw: 300 }];
    // 200 kW over 400 kW: each at half load.
    const perHour = 0.03 * 400 + 0.25 * 200;
    expect(facilityLitresPerHour(units, 200)).toBeCloseTo(perHour);
    expect(autonomyHours(perHour * 10, units, 200)).toBeCloseTo(10);
    expect(facilityLitresPerHour(units, 900)).toBeCloseTo(0.03 * 400 + 0.25 * 400);
    expect(autonomyHours(1000, [], 200)).toBeNull();
    expect(litresPerDay(units, 200, 12)).toBeCloseTo(perHour * 12);
    expect(litresPerDay(units, 200, 30)).toBeCloseTo(perHour * 24);
  });
});

describe('load estimate and priority weight', () => {
  it('estimates loads from type, beds and services', () => {
    expect(estimateLoads({ type: 'city_hospital', beds: 200, services: ['surgery', 'intensive_care', 'pharmacy'] })).toEqual({ criticalLoadKw: 50 + 120 + 90, essentialLoadKw: 390 });
  });
  it('sums named parts, attacks defaulting to 0', () => {
    const w = priorityWeight({ type: 'maternity', beds: 100, services: ['obstetrics', 'intensive_care'], outageHoursPerDay: 12 });
    expect(w.parts).toEqual({ type: 2.5, beds: 0.5, services: 3.5, outage: 1.5, attacks: 0 });
    expect(w.weight).toBe(8);
    expect(priorityWeight({ type: 'maternity', beds: 100, services: [], outageHoursPerDay: 0, recentAttacksNearby: 10 }).parts.attacks).toBe(2);
  });
});
