import type { PriorityArea } from './partnerships.schema.js';

/**
 * Which priority area a delivered product counts toward, by what it is (issue 17 item 5): a shipment is
 * credited by its content, never by its donor's other interests (insulin is a medicine, a generator is energy
 * autonomy). The mapping is documented in docs/partnerships.md; change both together.
 *
 * - kind `generator` → `energy_autonomy`;
 * - kind `medicine` → `mental_health` when its ATC code is an antipsychotic (N05A), an anxiolytic (N05B), an
 *   antidepressant (N06A) or a drug for addictive disorders (N07B, e.g. opioid substitution), else `medicines`.
 *   Hypnotics and sedatives (N05C) stay medicines: midazolam is an anaesthesia drug before it is a psychiatric one;
 * - kind `consumable` → `medicines` (WHO counts medical supplies with medicines);
 * - kind `equipment` → `medical_equipment`.
 */
const MENTAL_HEALTH_ATC = ['N05A', 'N05B', 'N06A', 'N07B'];

/** The areas deliveries can count toward; the others are followed through projects and recorded achievements. */
export const DELIVERY_AREAS: readonly PriorityArea[] = ['energy_autonomy', 'medicines', 'medical_equipment', 'mental_health'];

export function deliveryAreaOf(product: { kind: string; atc_code: string | null }): PriorityArea | null {
  switch (product.kind) {
    case 'generator':
      return 'energy_autonomy';
    case 'medicine': {
      const atc = (product.atc_code ?? '').toUpperCase();
      return MENTAL_HEALTH_ATC.some((prefix) => atc.startsWith(prefix)) ? 'mental_health' : 'medicines';
    }
    case 'consumable':
      return 'medicines';
    case 'equipment':
      return 'medical_equipment';
    default:
      // A kind added to the catalogue later counts nowhere until this mapping says where.
      return null;
  }
}
