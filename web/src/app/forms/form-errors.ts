import i18next from 'i18next';
import type { FieldProblem } from '../../api/client.js';

/** The rule key under forms.rules for a problem the server named by its schema rule; undefined for its own checks. */
function ruleKey(p: FieldProblem): string | undefined {
  switch (p.rule) {
    case undefined:
      return undefined;
    case 'required':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'enum':
      return p.rule;
    case 'minLength':
      return p.limit === 1 ? 'notEmpty' : 'minLength';
    case 'anyOf':
      return 'enum';
    case 'additionalProperties':
      return 'unknownField';
    case 'pattern':
      return p.limit === 'decimal' ? 'decimal' : 'code';
    case 'format':
      return p.limit === 'date' ? 'date' : p.limit === 'date-time' ? 'dateTime' : p.limit === 'uuid' ? 'uuid' : p.limit === 'email' ? 'email' : 'code';
    case 'type':
      return p.limit === 'integer' ? 'integer' : p.limit === 'number' ? 'number' : 'other';
    default:
      return 'other';
  }
}

/**
 * A field's problem as a sentence in the reader's language: a broken schema rule is said in their words (never
 * ajv's wording or a regular expression); a check of the server's own (a facility not found, a GS1 pairing rule)
 * keeps its precise English words after a translated lead-in.
 */
export function problemSentence(p: FieldProblem): string {
  const key = ruleKey(p);
  if (key !== undefined) return i18next.t(`forms.rules.${key}`, { limit: p.limit ?? '' });
  return i18next.language === 'en' ? p.message : `${i18next.t('forms.server')} (${p.message})`;
}

/**
 * The label of the field a path names, read from the form on the page when it has an input of that name, so an
 * error list says "Observed at: …", not "/observedAt"; else a common field's name; else the sentence alone.
 */
export function fieldLabel(path: string): string | null {
  const name = path.split('/').filter((s) => s !== '' && !/^\d+$/.test(s)).at(-1);
  if (name === undefined || typeof document === 'undefined') return null;
  const input = document.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  const label = input?.labels?.[0]?.textContent?.trim() ?? input?.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
  if (label !== undefined && label !== '') return label;
  // Off the form (the outbox list): the common fields by name.
  return i18next.exists(`forms.fields.${name}`) ? i18next.t(`forms.fields.${name}`) : null;
}

/** "Field: sentence" where the field can be named, else the sentence. */
export function problemLine(p: FieldProblem): string {
  const field = fieldLabel(p.path);
  const problem = problemSentence(p);
  return field === null ? problem : i18next.t('forms.field', { field, problem });
}

/** After a refusal, the first field marked invalid in the form takes the focus (unless one already has it). */
export function focusFirstInvalid(within: Element | null): void {
  const form = within?.closest('form') ?? within;
  if (document.activeElement?.getAttribute('aria-invalid') === 'true') return;
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
