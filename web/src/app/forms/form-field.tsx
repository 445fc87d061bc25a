import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { problemSentence, focusFirstInvalid } from './form-errors.js';
import { ErrorState } from '../states.js';

/** The server's field errors keyed by body path ("/amount"), each as a sentence in the reader's language. */
export function fieldErrorsOf(error: unknown): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  // One field may break several rules (a scan breaking two GS1 pairing rules): show them all.
  if (error instanceof ApiError) for (const e of error.errors) byPath.set(e.path, byPath.has(e.path) ? `${byPath.get(e.path)} ${problemSentence(e)}` : problemSentence(e));
  return byPath;
}

/**
 * A labelled input with its error beside it: what is wrong in the reader's language (fieldErrorsOf), then the
 * form's own hint on how to fix it when it has one; aria-invalid and aria-describedby tie them to the input, and
 * the first invalid field of the form takes the focus when the refusal arrives.
 */
export function FormField({ label, error, hint, children }: { label: string; error: string | undefined; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => React.ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== undefined) focusFirstInvalid(box.current);
  }, [error]);
  return (
    <div ref={box} className={error === undefined ? 'field' : 'field invalid'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': error === undefined ? undefined : errorId })}
      {error === undefined ? null : (
        <p id={errorId} className="field-error" data-testid="field-error">
          {error}
          {hint === undefined ? null : <span className="muted"> {hint}</span>}
        </p>
      )}
    </div>
  );
}

/**
 * An area's field: a FormField whose hint, unless the field names its own, is the area's one sentence on fixing a
 * field (`hintKey`, as 'supply.form.fixField'). One wrapper made here serves every area, so none keeps its own copy.
 */
export function fieldWithHint(hintKey: string) {
  return function Field(props: Omit<Parameters<typeof FormField>[0], 'hint'> & { hint?: string }) {
    const { t } = useTranslation();
    return <FormField {...props} hint={props.hint ?? t(hintKey)} />;
  };
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
