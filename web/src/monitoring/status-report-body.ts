import { SERVICE_CODES, SERVICES, type ServiceCode } from '../../../src/modules/facilities/facilities.schema.js';
import type { StatusReportCreate } from '../../../src/modules/monitoring/status.schema.js';

/** The report form's state: strings as the inputs hold them ('' = not stated). */
export interface ReportForm {
  facilityId: string;
  observedAt: string;
  buildingCondition: string;
  buildingCause: string;
  functionality: string;
  functionalityReasons: string[];
  accessibility: string;
  accessibilityBarriers: string;
  powerSource: string;
  outageHours7d: string;
  backupKw: string;
  fuelLitres: string;
  water: string;
  coldChain: string;
  /** Status per offered service ('' = not reported) and its reasons. */
  services: Record<string, { status: string; reasons: string[] }>;
  rehabBeds: string;
  therapists: string;
  psychologists: string;
  psychiatrists: string;
}

/** "YYYY-MM-DDTHH:mm" in the device's time zone, as a datetime-local input wants it. */
export const localDateTime = (at: Date): string => new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export const emptyReportForm = (facilityId = '', now = new Date()): ReportForm => ({
  facilityId,
  observedAt: localDateTime(now),
  buildingCondition: '',
  buildingCause: '',
  functionality: '',
  functionalityReasons: [],
  accessibility: '',
  accessibilityBarriers: '',
  powerSource: '',
  outageHours7d: '',
  backupKw: '',
  fuelLitres: '',
  water: '',
  coldChain: '',
  services: {},
  rehabBeds: '',
  therapists: '',
  psychologists: '',
  psychiatrists: '',
});

/** Which capacity figures the facility may report (the server refuses them otherwise). */
export function capacityFields(type: string, offered: readonly ServiceCode[]): { rehab: boolean; mental: boolean } {
  return {
    rehab: type === 'rehabilitation_center' || offered.some((c) => SERVICES[c] === 'rehabilitation'),
    mental: type === 'mental_health_center' || offered.some((c) => SERVICES[c] === 'mental_health'),
  };
}

const numberOrUndefined = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/**
 * The API body for the form. Services the facility does not offer are sent as "not normally provided" (the only
 * status the server accepts for them), so a report always covers every service; reasons only go with
 * "partially" and "not available"; capacity only where the facility offers the domain.
 */
export function reportBody(form: ReportForm, facility: { type: string; services: readonly ServiceCode[] }): StatusReportCreate {
  const services = SERVICE_CODES.flatMap((code) => {
    if (!facility.services.includes(code)) return [{ code, status: 'not_normally_provided' as const }];
    const s = form.services[code];
    if (s === undefined || s.status === '') return [];
    const status = s.status as 'available' | 'partially' | 'not_available' | 'not_normally_provided';
    const reasons = status === 'partially' || status === 'not_available' ? s.reasons.slice(0, 3) : [];
    return [{ code, status, ...(reasons.length > 0 ? { reasons: reasons as NonNullable<StatusReportCreate['services']>[number]['reasons'] } : {}) }];
  });
  const { rehab, mental } = capacityFields(facility.type, facility.services);
  const barriers = form.accessibilityBarriers.split('\n').map((b) => b.trim()).filter((b) => b !== '');
  return {
    facilityId: form.facilityId,
    observedAt: new Date(form.observedAt).toISOString(),
    buildingCondition: form.buildingCondition as StatusReportCreate['buildingCondition'],
    ...optional('buildingCause', form.buildingCause.trim() === '' ? undefined : form.buildingCause.trim()),
    functionality: form.functionality as StatusReportCreate['functionality'],
    ...(form.functionalityReasons.length > 0 ? { functionalityReasons: form.functionalityReasons as NonNullable<StatusReportCreate['functionalityReasons']> } : {}),
    accessibility: form.accessibility as StatusReportCreate['accessibility'],
    ...(barriers.length > 0 ? { accessibilityBarriers: barriers } : {}),
    powerSource: form.powerSource as StatusReportCreate['powerSource'],
    ...optional('outageHours7d', numberOrUndefined(form.outageHours7d)),
    ...optional('backupKw', numberOrUndefined(form.backupKw)),
    ...optional('fuelLitres', numberOrUndefined(form.fuelLitres)),
    ...optional('water', form.water === '' ? undefined : (form.water as NonNullable<StatusReportCreate['water']>)),
    ...optional('coldChain', form.coldChain === '' ? undefined : (form.coldChain as NonNullable<StatusReportCreate['coldChain']>)),
    ...(services.length > 0 ? { services } : {}),
    ...(rehab ? { ...optional('rehabBeds', numberOrUndefined(form.rehabBeds)), ...optional('therapists', numberOrUndefined(form.therapists)) } : {}),
    ...(mental ? { ...optional('psychologists', numberOrUndefined(form.psychologists)), ...optional('psychiatrists', numberOrUndefined(form.psychiatrists)) } : {}),
  };
}

/** The form again from a stored body (to correct a record the server refused). */
export function formFromBody(body: Partial<StatusReportCreate>): ReportForm {
  const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
  return {
    facilityId: text(body.facilityId),
    observedAt: body.observedAt === undefined ? localDateTime(new Date()) : localDateTime(new Date(body.observedAt)),
    buildingCondition: text(body.buildingCondition),
    buildingCause: text(body.buildingCause),
    functionality: text(body.functionality),
    functionalityReasons: [...(body.functionalityReasons ?? [])],
    accessibility: text(body.accessibility),
    accessibilityBarriers: (body.accessibilityBarriers ?? []).join('\n'),
    powerSource: text(body.powerSource),
    outageHours7d: text(body.outageHours7d),
    backupKw: text(body.backupKw),
    fuelLitres: text(body.fuelLitres),
    water: text(body.water),
    coldChain: text(body.coldChain),
    services: Object.fromEntries((body.services ?? []).map((s) => [s.code, { status: s.status, reasons: [...(s.reasons ?? [])] }])),
    rehabBeds: text(body.rehabBeds),
    therapists: text(body.therapists),
    psychologists: text(body.psychologists),
    psychiatrists: text(body.psychiatrists),
  };
}
