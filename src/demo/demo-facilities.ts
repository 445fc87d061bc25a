import type { FacilityCreate, FacilityType, ServiceCode } from '../modules/facilities/facilities.schema.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import { DEMO_PLACES } from './demo-places.js';
import type { Random } from './random.js';

interface TypeProfile {
  weight: number;
  tier: FacilityCreate['tier'];
  beds: [number, number];
  staffPerBed: number;
  minStaff: number;
  services: ServiceCode[];
  uk: string;
  en: string;
}

/** Plausible national proportions: many small primary points, few large hospitals. */
const PROFILES: Record<FacilityType, TypeProfile> = {
  feldsher_post: { weight: 30, tier: 'primary', beds: [0, 0], staffPerBed: 0, minStaff: 2, services: ['general_clinical', 'immunization'], uk: 'Фельдшерський пункт', en: 'Feldsher post' },
  ambulatory: { weight: 24, tier: 'primary', beds: [0, 0], staffPerBed: 0, minStaff: 6, services: ['general_clinical', 'paediatrics', 'immunization', 'ncd', 'pharmacy'], uk: 'Амбулаторія загальної практики', en: 'General practice ambulatory' },
  primary_care_center: { weight: 14, tier: 'primary', beds: [0, 10], staffPerBed: 0, minStaff: 25, services: ['general_clinical', 'paediatrics', 'immunization', 'ncd', 'laboratory', 'mental_health_outpatient', 'telemedicine'], uk: 'Центр первинної медичної допомоги', en: 'Primary care centre' },
  district_hospital: { weight: 7, tier: 'secondary', beds: [60, 250], staffPerBed: 2.2, minStaff: 80, services: ['general_clinical', 'trauma', 'emergency', 'surgery', 'obstetrics', 'paediatrics', 'laboratory', 'imaging', 'pharmacy', 'rehabilitation_outpatient'], uk: 'Районна лікарня', en: 'District hospital' },
  city_hospital: { weight: 8, tier: 'secondary', beds: [120, 600], staffPerBed: 2.5, minStaff: 150, services: ['general_clinical', 'trauma', 'emergency', 'surgery', 'intensive_care', 'obstetrics', 'neonatal', 'ncd', 'dialysis', 'laboratory', 'imaging', 'pharmacy', 'rehabilitation_inpatient', 'mental_health_outpatient'], uk: 'Міська лікарня', en: 'City hospital' },
  regional_hospital: { weight: 1.6, tier: 'tertiary', beds: [500, 1200], staffPerBed: 3, minStaff: 600, services: ['general_clinical', 'trauma', 'emergency', 'surgery', 'intensive_care', 'obstetrics', 'neonatal', 'ncd', 'dialysis', 'laboratory', 'imaging', 'pharmacy', 'blood_bank', 'rehabilitation_inpatient', 'prosthetics', 'telemedicine'], uk: 'Обласна клінічна лікарня', en: 'Regional clinical hospital' },
  maternity: { weight: 2.5, tier: 'secondary', beds: [40, 200], staffPerBed: 2.4, minStaff: 60, services: ['obstetrics', 'neonatal', 'intensive_care', 'laboratory', 'imaging'], uk: 'Пологовий будинок', en: 'Maternity hospital' },
  children_hospital: { weight: 2, tier: 'secondary', beds: [60, 400], staffPerBed: 2.6, minStaff: 80, services: ['paediatrics', 'emergency', 'surgery', 'intensive_care', 'neonatal', 'laboratory', 'imaging', 'rehabilitation_outpatient'], uk: 'Дитяча лікарня', en: "Children's hospital" },
  rehabilitation_center: { weight: 2, tier: 'secondary', beds: [20, 150], staffPerBed: 1.5, minStaff: 20, services: ['rehabilitation_inpatient', 'rehabilitation_outpatient', 'prosthetics', 'mental_health_outpatient'], uk: 'Реабілітаційний центр', en: 'Rehabilitation centre' },
  mental_health_center: { weight: 2, tier: 'secondary', beds: [0, 300], staffPerBed: 1.2, minStaff: 15, services: ['mental_health_outpatient', 'mental_health_inpatient', 'telemedicine'], uk: 'Центр психічного здоров’я', en: 'Mental health centre' },
  emergency_center: { weight: 2, tier: 'secondary', beds: [0, 0], staffPerBed: 0, minStaff: 40, services: ['emergency', 'trauma'], uk: 'Центр екстреної медичної допомоги', en: 'Emergency medical centre' },
  blood_center: { weight: 0.8, tier: 'tertiary', beds: [0, 0], staffPerBed: 0, minStaff: 30, services: ['blood_bank', 'laboratory'], uk: 'Центр служби крові', en: 'Blood service centre' },
  disease_control_center: { weight: 0.8, tier: 'secondary', beds: [0, 0], staffPerBed: 0, minStaff: 30, services: ['communicable_diseases', 'laboratory', 'immunization'], uk: 'Центр контролю та профілактики хвороб', en: 'Centre for disease control' },
  pharmacy_warehouse: { weight: 0.6, tier: 'secondary', beds: [0, 0], staffPerBed: 0, minStaff: 8, services: ['pharmacy'], uk: 'Аптечний склад', en: 'Pharmacy warehouse' },
};

const WEIGHTS = Object.fromEntries(Object.entries(PROFILES).map(([k, p]) => [k, p.weight])) as Record<FacilityType, number>;
const SHARES = Object.fromEntries(DEMO_PLACES.map((p) => [p.iso, p.share])) as Record<string, number>;
const PLACE_BY_ISO = new Map(DEMO_PLACES.map((p) => [p.iso, p]));
const OBLAST_BY_ISO = new Map(OBLASTS.map((o) => [o.iso3166_2, o]));

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * Generates `count` facilities deterministically from the seed: types in
 * national proportions, oblasts by population share, coordinates scattered
 * around the administrative centre, beds and services by type.
 */
export function demoFacilities(count: number, random: Random, onLand: (lat: number, lon: number) => boolean = () => true): FacilityCreate[] {
  const numberInTown = new Map<string, number>();
  const out: FacilityCreate[] = [];
  for (let i = 0; i < count; i++) {
    // Every oblast gets its regional hospital first; the rest follow the weights.
    const iso = i < DEMO_PLACES.length ? (DEMO_PLACES[i] as (typeof DEMO_PLACES)[number]).iso : random.weighted(SHARES);
    const type: FacilityType = i < DEMO_PLACES.length ? 'regional_hospital' : random.weighted(WEIGHTS);
    const place = PLACE_BY_ISO.get(iso) as (typeof DEMO_PLACES)[number];
    const oblast = OBLAST_BY_ISO.get(iso) as (typeof OBLASTS)[number];
    const p = PROFILES[type];
    const key = `${iso}:${type}`;
    const n = (numberInTown.get(key) ?? 0) + 1;
    numberInTown.set(key, n);
    const beds = random.int(p.beds[0], p.beds[1]);
    const services = p.services.filter((s, k) => k < 2 || random.next() < 0.85);
    // Scatter around the centre, drawing again when a point lands abroad or at sea.
    let lat = oblast.centre[0];
    let lon = oblast.centre[1];
    for (let attempt = 0; attempt < 20; attempt++) {
      const la = round5(clamp(oblast.centre[0] + random.normal() * place.spread * 0.7, 44.4, 52.3));
      const lo = round5(clamp(oblast.centre[1] + random.normal() * place.spread, 22.2, 40.1));
      if (onLand(la, lo)) {
        lat = la;
        lon = lo;
        break;
      }
    }
    out.push({
      code: `UA-HF-${String(i + 1).padStart(6, '0')}`,
      nameUk: `${p.uk} №${n}, ${place.cityUk}`,
      nameEn: `${p.en} No. ${n}, ${place.cityEn}`,
      type,
      tier: p.tier,
      ownership: random.next() < 0.85 ? 'communal' : random.next() < 0.7 ? 'state' : 'private',
      areaKatottg: oblast.katottg,
      lat,
      lon,
      beds,
      staff: Math.max(p.minStaff, Math.round(beds * p.staffPerBed)) + random.int(0, 10),
      services,
      openedOn: `${random.int(1955, 2020)}-${String(random.int(1, 12)).padStart(2, '0')}-01`,
    });
  }
  return out;
}
