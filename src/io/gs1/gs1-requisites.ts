/**
 * GS1's requisites layer: which AIs need others in the same scan (`req=`) and which must not appear
 * together (`ex=`), from the Barcode Syntax Dictionary. Patterns such as 310n or 31nn stand for any digit at n.
 */
import { GS1_AIS } from './gs1-ai-table.generated.js';
import { labelOf } from './gs1-syntax.js';

export interface Gs1RequisiteProblem {
  /** The AI whose rule is broken. */
  ai: string;
  rule: 'req' | 'ex';
  message: string;
}

const matches = (pattern: string, ai: string) => pattern.length === ai.length && [...pattern].every((c, i) => c === 'n' || c === ai[i]);
const nameOf = (pattern: string) => (pattern.includes('n') ? `(${pattern})` : labelOf(pattern));

function either(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

/** Every pairing rule the AIs of one scan break, each as a sentence naming the rule. */
export function checkGs1Requisites(ais: readonly string[]): Gs1RequisiteProblem[] {
  const problems: Gs1RequisiteProblem[] = [];
  const reported = new Set<string>();
  for (const ai of ais) {
    const def = GS1_AIS[ai];
    if (def === undefined) continue;
    for (const pattern of def.ex) {
      for (const other of ais) {
        const pair = [ai, other].sort().join('+');
        if (other === ai || !matches(pattern, other) || reported.has(pair)) continue;
        reported.add(pair);
        problems.push({ ai, rule: 'ex', message: `${labelOf(ai)} and ${labelOf(other)} cannot be in the same scan: GS1's rule for (${ai}) excludes ${nameOf(pattern)}` });
      }
    }
    for (const rule of def.req) {
      if (rule.some((alternative) => alternative.every((p) => ais.some((a) => matches(p, a))))) continue;
      const alternatives = rule.map((alternative) => alternative.map(nameOf).join(' with '));
      problems.push({ ai, rule: 'req', message: `${labelOf(ai)} needs ${either(alternatives)} in the same scan` });
    }
  }
  return problems;
}
