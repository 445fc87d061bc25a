import type { ProductCreate } from '../modules/supply/products.schema.js';
import { gs1CheckDigit } from '../modules/supply/gs1.js';

/** A GTIN-14 under an illustrative company prefix (45…, a Japanese GS1 range), with the right check digit. */
export function demoGtin(n: number): string {
  const body = `0459${String(n).padStart(9, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

type Row = [name: string, inn: string, atc: string, form: string, strength: string, unit: string, pack: number];

/** Medicines from the WHO Model List of Essential Medicines, with their ATC codes; illustrative pack sizes. */
const ESSENTIAL: Row[] = [
  ['Amoxicillin 500 mg capsules', 'amoxicillin', 'J01CA04', 'capsule', '500 mg', 'pack', 20],
  ['Amoxicillin + clavulanic acid 875/125 mg tablets', 'amoxicillin + clavulanic acid', 'J01CR02', 'tablet', '875 mg + 125 mg', 'pack', 14],
  ['Ceftriaxone 1 g powder for injection', 'ceftriaxone', 'J01DD04', 'powder for injection', '1 g', 'vial', 1],
  ['Cefazolin 1 g powder for injection', 'cefazolin', 'J01DB04', 'powder for injection', '1 g', 'vial', 1],
  ['Ciprofloxacin 500 mg tablets', 'ciprofloxacin', 'J01MA02', 'tablet', '500 mg', 'pack', 10],
  ['Metronidazole 500 mg tablets', 'metronidazole', 'P01AB01', 'tablet', '500 mg', 'pack', 20],
  ['Paracetamol 500 mg tablets', 'paracetamol', 'N02BE01', 'tablet', '500 mg', 'pack', 100],
  ['Ibuprofen 400 mg tablets', 'ibuprofen', 'M01AE01', 'tablet', '400 mg', 'pack', 30],
  ['Morphine 10 mg/ml injection', 'morphine', 'N02AA01', 'injection', '10 mg/ml', 'ampoule', 1],
  ['Ketamine 50 mg/ml injection', 'ketamine', 'N01AX03', 'injection', '50 mg/ml', 'vial', 1],
  ['Lidocaine 2% injection', 'lidocaine', 'N01BB02', 'injection', '20 mg/ml', 'ampoule', 1],
  ['Tranexamic acid 100 mg/ml injection', 'tranexamic acid', 'B02AA02', 'injection', '100 mg/ml', 'ampoule', 1],
  ['Oxytocin 10 IU/ml injection', 'oxytocin', 'H01BB02', 'injection', '10 IU/ml', 'ampoule', 1],
  ['Epinephrine 1 mg/ml injection', 'epinephrine', 'C01CA24', 'injection', '1 mg/ml', 'ampoule', 1],
  ['Dexamethasone 4 mg/ml injection', 'dexamethasone', 'H02AB02', 'injection', '4 mg/ml', 'ampoule', 1],
  ['Heparin 5,000 IU/ml injection', 'heparin', 'B01AB01', 'injection', '5000 IU/ml', 'vial', 1],
  ['Sodium chloride 0.9% infusion 500 ml', 'sodium chloride', 'B05XA03', 'infusion', '0.9%', 'bag', 1],
  ['Ringer lactate infusion 500 ml', 'compound solution of sodium lactate', 'B05BB01', 'infusion', '500 ml', 'bag', 1],
  ['Metformin 500 mg tablets', 'metformin', 'A10BA02', 'tablet', '500 mg', 'pack', 60],
  ['Insulin human soluble 100 IU/ml', 'insulin (soluble)', 'A10AB01', 'injection', '100 IU/ml', 'vial', 1],
  ['Amlodipine 5 mg tablets', 'amlodipine', 'C08CA01', 'tablet', '5 mg', 'pack', 30],
  ['Enalapril 10 mg tablets', 'enalapril', 'C09AA02', 'tablet', '10 mg', 'pack', 30],
  ['Bisoprolol 5 mg tablets', 'bisoprolol', 'C07AB07', 'tablet', '5 mg', 'pack', 30],
  ['Salbutamol 100 micrograms/dose inhaler', 'salbutamol', 'R03AC02', 'inhaler', '100 µg/dose', 'inhaler', 1],
  ['Omeprazole 20 mg capsules', 'omeprazole', 'A02BC01', 'capsule', '20 mg', 'pack', 28],
  ['Levothyroxine 100 micrograms tablets', 'levothyroxine', 'H03AA01', 'tablet', '100 µg', 'pack', 50],
  ['Sertraline 50 mg tablets', 'sertraline', 'N06AB06', 'tablet', '50 mg', 'pack', 28],
  ['Fluoxetine 20 mg capsules', 'fluoxetine', 'N06AB03', 'capsule', '20 mg', 'pack', 28],
  ['Diazepam 5 mg/ml injection', 'diazepam', 'N05BA01', 'injection', '5 mg/ml', 'ampoule', 1],
  ['Haloperidol 5 mg/ml injection', 'haloperidol', 'N05AD01', 'injection', '5 mg/ml', 'ampoule', 1],
];

export const DEMO_MEDICINES: ProductCreate[] = ESSENTIAL.map(([name, inn, atcCode, form, strength, unit, packSize], i) => ({ kind: 'medicine', name, inn, atcCode, form, strength, unit, packSize, gtin: demoGtin(1000 + i), essential: true }));

/** Donated often, but not on the national list: the essential-list rule flags them. */
export const DEMO_OFF_LIST: ProductCreate[] = [
  { kind: 'medicine', name: 'Multivitamin syrup 150 ml (branded)', inn: 'multivitamins', atcCode: 'A11BA', form: 'syrup', strength: '150 ml', unit: 'bottle', packSize: 1, gtin: demoGtin(1900), essential: false },
  { kind: 'medicine', name: 'Dextromethorphan cough syrup 100 ml', inn: 'dextromethorphan', atcCode: 'R05DA09', form: 'syrup', strength: '15 mg/5 ml', unit: 'bottle', packSize: 1, gtin: demoGtin(1901), essential: false },
];

export const DEMO_CONSUMABLES: ProductCreate[] = [
  ['Syringe 5 ml, Luer, sterile', 'box', 100],
  ['IV cannula 20G', 'box', 50],
  ['Examination gloves, nitrile, M', 'box', 100],
  ['Gauze bandage 10 cm × 5 m', 'pack', 10],
  ['Haemostatic dressing (trauma)', 'piece', 1],
  ['Surgical suture, absorbable 3-0', 'box', 12],
].map(([name, unit, packSize], i) => ({ kind: 'consumable' as const, name: name as string, unit: unit as string, packSize: packSize as number, gtin: demoGtin(2000 + i), essential: false }));

export const DEMO_EQUIPMENT: (ProductCreate & { intervalDays: number })[] = [
  ['Patient monitor (multi-parameter)', 180],
  ['Portable ultrasound scanner', 365],
  ['Oxygen concentrator 10 L/min', 90],
  ['Defibrillator (AED)', 180],
  ['Infusion pump', 180],
  ['ICU ventilator', 120],
].map(([name, intervalDays], i) => ({ kind: 'equipment' as const, name: name as string, unit: 'device', packSize: 1, gtin: demoGtin(3000 + i), essential: false, intervalDays: intervalDays as number }));
