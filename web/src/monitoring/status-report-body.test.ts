import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { SERVICE_CODES } from '../../../src/modules/facilities/facilities.schema.js';
import { StatusReportCreate } from '../../../src/modules/monitoring/status.schema.js';
import { emptyReportForm, formFromBody, reportBody, type ReportForm } from './status-report-body.js';

// The server's validator setup (src/ajv.ts): the same schema, formats checked.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(StatusReportCreate);
const problems = (body: unknown) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

const FACILITY = '0190a0b0-0000-7000-8000-000000000001';
const hospital = { type: 'city_hospital', services: ['surgery', 'emergency', 'rehabilitation_outpatient'] as const };

const filled = (changes: Partial<ReportForm> = {}): ReportForm => ({
  ...emptyReportForm(FACILITY, new Date('2026-03-01T10:00:00Z')),
  buildingCondition: 'slightly_damaged',
  functionality: 'partially',
  functionalityReasons: ['staff'],
  accessibility: 'fully',
  powerSource: 'generator',
  ...changes,
});

describe('the status report body built from the form', () => {
  it('passes the API schema, leaving out what the user did not state', () => {
    const body = reportBody(filled(), { type: hospital.type, services: [...hospital.services] });
    expect(problems(body)).toEqual([]);
    expect(body).not.toHaveProperty('buildingCause');
    expect(body).not.toHaveProperty('outageHours7d');
    expect(body).not.toHaveProperty('water');
    expect(body).not.toHaveProperty('psychologists');
  });

  it('records services the facility does not offer as not normally provided, and only reported offered ones', () => {
    const body = reportBody(filled({ services: { surgery: { status: 'partially', reasons: ['power', 'staff', 'supplies', 'damage'] }, emergency: { status: 'available', reasons: ['staff'] } } }), { type: hospital.type, services: [...hospital.services] });
    const services = body.services ?? [];
    expect(services.filter((s) => s.status === 'not_normally_provided').map((s) => s.code).sort()).toEqual(SERVICE_CODES.filter((c) => !(hospital.services as readonly string[]).includes(c)).sort());
    // At most three reasons, and only where the service is not fully available.
    expect(services.find((s) => s.code === 'surgery')).toEqual({ code: 'surgery', status: 'partially', reasons: ['power', 'staff', 'supplies'] });
    expect(services.find((s) => s.code === 'emergency')).toEqual({ code: 'emergency', status: 'available' });
    expect(services.some((s) => s.code === 'rehabilitation_outpatient')).toBe(false);
    expect(problems(body)).toEqual([]);
  });

  it('sends capacity figures only for the domains the facility offers, numbers as numbers', () => {
    const form = filled({ rehabBeds: '12', therapists: '3', psychologists: '2', outageHours7d: '36.5', accessibilityBarriers: 'road mined\n\n checkpoint ' });
    const body = reportBody(form, { type: hospital.type, services: [...hospital.services] });
    expect(body).toMatchObject({ rehabBeds: 12, therapists: 3, outageHours7d: 36.5 });
    expect(body).not.toHaveProperty('psychologists');
    expect(body.accessibilityBarriers).toEqual(['road mined', 'checkpoint']);
  });

  it('gives the same body back after a round trip through the form (correcting a refused record)', () => {
    const body = reportBody(filled({ buildingCause: 'drone strike', water: 'limited', services: { surgery: { status: 'not_available', reasons: ['damage'] } } }), { type: hospital.type, services: [...hospital.services] });
    expect(reportBody(formFromBody(body), { type: hospital.type, services: [...hospital.services] })).toEqual(body);
  });
});
