import type { DonationRule } from './shipments.schema.js';

/**
 * The WHO interagency guidelines for medicine donations, as checks. Pure: the caller gathers the facts
 * (products, needs, cartons, dates) and gets back every finding, each naming its rule in words a
 * warehouse officer can act on. Nothing here decides whether a finding blocks; overrides do that.
 */
export interface RuleFindingDraft {
  rule: DonationRule;
  lineNo: number | null;
  cartonNo: number | null;
  message: string;
}

export interface RuleLine {
  lineNo: number;
  productName: string;
  productKind: string;
  essential: boolean;
  lotCode: string | null;
  expiry: string | null;
  /** The linked need's state: absent, or whether it is approved and still open. */
  need: null | { approved: boolean; open: boolean };
}

export interface RuleFacts {
  /** The date the goods arrive: the expected arrival on notice, the receipt date on receipt. */
  arrival: string;
  noticeReceivedAt: string | null;
  recipientAgreedOn: string | null;
  lines: readonly RuleLine[];
  cartons: readonly { cartonNo: number; weightKg: string }[];
}

export interface RuleSettings {
  minShelfLifeMonths: number;
  maxCartonKg: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = Object.freeze({ minShelfLifeMonths: 12, maxCartonKg: 50 });

/** The rules as configured (CAREBRIDGE_MIN_SHELF_LIFE_MONTHS); every route that receives goods uses the same. */
export const ruleSettings = (minShelfLifeMonths = DEFAULT_RULE_SETTINGS.minShelfLifeMonths): RuleSettings => Object.freeze({ ...DEFAULT_RULE_SETTINGS, minShelfLifeMonths });

/** The date `months` after `date` (YYYY-MM-DD), clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Compares decimal kilogram strings without floats: "50.001" > 50. */
function overWeight(weightKg: string, maxKg: number): boolean {
  const [whole = '0', frac = ''] = weightKg.split('.');
  const w = BigInt(whole) * 1000n + BigInt((frac + '000').slice(0, 3));
  return w > BigInt(maxKg) * 1000n;
}

const perishable = (kind: string) => kind === 'medicine' || kind === 'consumable';

export function checkDonationRules(facts: RuleFacts, settings: RuleSettings = DEFAULT_RULE_SETTINGS): RuleFindingDraft[] {
  const findings: RuleFindingDraft[] = [];
  const add = (rule: DonationRule, message: string, lineNo: number | null = null, cartonNo: number | null = null) => findings.push({ rule, lineNo, cartonNo, message });
  if (facts.noticeReceivedAt === null) add('advance_notice', 'Advance notice: the recipient had no notice of this shipment before it arrived (WHO: donors notify the recipient before sending).');
  else if (facts.noticeReceivedAt.slice(0, 10) > facts.arrival) add('advance_notice', `Advance notice: the notice came on ${facts.noticeReceivedAt.slice(0, 10)}, after the arrival on ${facts.arrival}.`);
  const minExpiry = addMonths(facts.arrival, settings.minShelfLifeMonths);
  for (const line of facts.lines) {
    const which = `line ${line.lineNo} (${line.productName}${line.lotCode === null ? '' : `, lot ${line.lotCode}`})`;
    if (perishable(line.productKind) && line.expiry !== null && line.expiry < minExpiry) {
      add('shelf_life', `Shelf life: ${which} expires on ${line.expiry}, less than ${settings.minShelfLifeMonths} months after arrival on ${facts.arrival} (needs ${minExpiry} or later).`, line.lineNo);
    }
    if (line.productKind === 'medicine' && !line.essential) add('essential_list', `Essential list: ${which} is not on the national essential medicines list.`, line.lineNo);
    if (facts.recipientAgreedOn === null) {
      if (line.need === null) add('need_or_agreement', `Need or agreement: ${which} is linked to no need and the recipient has not agreed to the donation.`, line.lineNo);
      else if (!line.need.approved || !line.need.open) add('need_or_agreement', `Need or agreement: ${which} is linked to a need that is ${line.need.approved ? 'no longer open' : 'not approved'}, and the recipient has not agreed to the donation.`, line.lineNo);
    }
  }
  for (const carton of facts.cartons) {
    if (overWeight(carton.weightKg, settings.maxCartonKg)) add('carton_weight', `Carton weight: carton ${carton.cartonNo} weighs ${carton.weightKg} kg, over the ${settings.maxCartonKg} kg one person can lift.`, null, carton.cartonNo);
  }
  return findings;
}
