import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldWithHint } from '../app/forms/form-field.js';
import { organizationName } from '../app/format/organization-name.js';
import { useOrganizations } from '../funding/use-funding.js';

/** A labelled field whose server error (tied by aria-describedby) comes with this area's hint. */
export const Field = fieldWithHint('partners.form.fixField');

export type InputProps = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/** A text in the three languages of the app, as the forms type it. */
export interface TextDraft {
  en: string;
  uk: string;
  ja: string;
}
export const emptyText = (): TextDraft => ({ en: '', uk: '', ja: '' });

/** The API's Text: English always sent (the server names /…/en when it is empty), the others only when typed. */
export function textOf(d: TextDraft): { en: string; uk?: string; ja?: string } {
  const uk = d.uk.trim();
  const ja = d.ja.trim();
  return { en: d.en.trim(), ...(uk === '' ? {} : { uk }), ...(ja === '' ? {} : { ja }) };
}

/**
 * One text in English (required by the API), Ukrainian and Japanese; errors
 * are looked up at `${path}/en` and so on, as the server names them.
 */
export function TextFields({ label, value, onChange, path, errors, multiline = false }: { label: string; value: TextDraft; onChange: (v: TextDraft) => void; path: string; errors: ReadonlyMap<string, string>; multiline?: boolean }) {
  const { t } = useTranslation();
  const langs = [
    ['en', t('partners.form.textEn', { label })],
    ['uk', t('partners.form.textUk', { label })],
    ['ja', t('partners.form.textJa', { label })],
  ] as const;
  return (
    <>
      {langs.map(([lang, text]) => (
        <Field key={lang} label={text} error={errors.get(`${path}/${lang}`)} hint={lang === 'en' ? t('partners.form.englishRequired') : undefined}>
          {(props) =>
            multiline ? (
              <textarea {...props} lang={lang} rows={2} maxLength={2000} required={lang === 'en'} value={value[lang]} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
            ) : (
              <input {...props} lang={lang} maxLength={2000} required={lang === 'en'} value={value[lang]} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
            )
          }
        </Field>
      ))}
    </>
  );
}

/** A select over every organisation, named in the reader's language, sorted by that name. */
export function OrganizationSelect({ value, onChange, empty, ...props }: InputProps & { value: string; onChange: (id: string) => void; empty: string }) {
  const { i18n } = useTranslation();
  const orgs = useOrganizations();
  const named = (orgs.data?.items ?? []).map((o) => ({ id: o.id, name: organizationName(o, i18n.language) })).sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {named.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/**
 * A list of form rows (partners, targets, action items…) with stable keys, so
 * removing a row in the middle keeps every other row's inputs in place.
 */
export function useRows<T extends object>(make: () => T, initial = 0) {
  const [state, setState] = useState(() => ({ next: initial, rows: Array.from({ length: initial }, (_, key) => ({ ...make(), key })) }));
  return {
    rows: state.rows,
    add: () => setState((s) => ({ next: s.next + 1, rows: [...s.rows, { ...make(), key: s.next }] })),
    remove: (key: number) => setState((s) => ({ ...s, rows: s.rows.filter((r) => r.key !== key) })),
    set: (key: number, patch: Partial<T>) => setState((s) => ({ ...s, rows: s.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) })),
  };
}

/** A row's remove button, named after the row so a screen reader says which one. */
export function RemoveButton({ what, onClick }: { what: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="secondary" aria-label={t('partners.form.removeNamed', { what })} onClick={onClick}>
        {t('partners.form.remove')}
      </button>
    </div>
  );
}

export type Rows<T extends object> = ReturnType<typeof useRows<T>>;

/** A button that adds a row. */
export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <p>
      <button type="button" className="secondary" onClick={onClick}>
        {label}
      </button>
    </p>
  );
}

/** A decimal typed with a comma or a dot, as the API wants it (a dot); anything else goes as typed so the server names it. */
export const decimalOf = (s: string): string => s.trim().replace(',', '.');

/** After a refusal, moves the focus to the first field marked invalid, so a keyboard user lands where the fix is. */
export function focusFirstInvalid(): void {
  // After React has rendered the errors the refusal brought.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
}
