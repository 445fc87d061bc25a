import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { ErrorState } from '../app/states.js';

/** The server's field errors keyed by body path ("/amount"); the server speaks English, so each is shown under a translated hint. */
export function fieldErrorsOf(error: unknown): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  // One field may break several rules (a scan breaking two GS1 pairing rules): show them all.
  if (error instanceof ApiError) for (const e of error.errors) byPath.set(e.path, byPath.has(e.path) ? `${byPath.get(e.path)}; ${e.message}` : e.message);
  return byPath;
}

/**
 * A labelled input with its error: the translated hint says how to fix it, the
 * server's own words follow; aria-invalid and aria-describedby tie them to the input.
 */
export function FormField({ label, error, hint, children }: { label: string; error: string | undefined; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => React.ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error === undefined ? 'field' : 'field invalid'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': error === undefined ? undefined : errorId })}
      {error === undefined ? null : (
        <p id={errorId} className="field-error" data-testid="field-error">
          {hint ?? t('funding.form.fixField')} <span className="muted" lang="en">({error})</span>
        </p>
      )}
    </div>
  );
}

/** Errors the form could not pin to one of its fields, or a refusal that is not about fields (403, 409). */
export function FormProblems({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (error === null || error === undefined) return null;
  const unplaced = error instanceof ApiError ? error.errors.filter((e) => !fields.includes(e.path)) : [];
  if (error instanceof ApiError && error.errors.length > 0 && unplaced.length === 0) return null;
  return <ErrorState error={error instanceof ApiError && unplaced.length > 0 ? new ApiError(error.status, error.title, error.detail, unplaced) : error} />;
}

/** A text field's value from a submitted form, trimmed ('' when absent). */
export function formText(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === 'string' ? v.trim() : '';
}
