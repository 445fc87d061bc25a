import type { FacilityType } from '../../../src/modules/facilities/facilities.schema.js';

/**
 * Fourteen types are too many colours to tell apart; the map groups them into
 * five categories in the Okabe–Ito palette, which stays distinct for the common
 * forms of colour blindness. The legend always pairs colour with a label.
 */
export const CATEGORIES = {
  hospital: '#0072B2',
  primary: '#009E73',
  specialised: '#CC79A7',
  emergency: '#D55E00',
  support: '#E69F00',
} as const;
export type Category = keyof typeof CATEGORIES;

export const CATEGORY_OF: Record<FacilityType, Category> = {
  regional_hospital: 'hospital',
  city_hospital: 'hospital',
  district_hospital: 'hospital',
  maternity: 'hospital',
  children_hospital: 'hospital',
  primary_care_center: 'primary',
  ambulatory: 'primary',
  feldsher_post: 'primary',
  rehabilitation_center: 'specialised',
  mental_health_center: 'specialised',
  emergency_center: 'emergency',
  blood_center: 'support',
  disease_control_center: 'support',
  pharmacy_warehouse: 'support',
};
