import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../src/modules/supply/stock.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { Field } from './supply-bits.js';

/** The group separator a scanner sends for FNC1, shown so a person can see where one element ends. */
export const showSeparators = (code: string): string => code.replaceAll(String.fromCharCode(0x1d), '␝');

/**
 * A field a barcode scanner types into: it "types" the GS1 element string (bracketed, or raw with
 * group separators) and ends with Enter, which submits this small form. The server parses it
 * (POST /api/v1/scans) so the web and the API accept exactly the same strings; the field is emptied
 * and keeps focus for the next scan.
 */
export function ScanField({ shipmentId, onScanned }: { shipmentId?: string; onScanned: (result: ScanResult, code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // A handheld scanner types into whatever has focus: the field takes it when it appears, so the first scan lands.
  useEffect(() => input.current?.focus(), []);
  const parse = useMutation({
    mutationFn: (c: string) => api<ScanResult>('/api/v1/scans', { method: 'POST', body: { code: c, ...(shipmentId === undefined ? {} : { shipmentId }) } }),
    onSuccess: (result, c) => {
      setCode('');
      onScanned(result, c);
      input.current?.focus();
    },
  });
  const errors = fieldErrorsOf(parse.error);
  return (
    <form
      className="scan-form"
      data-testid="scan-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim() !== '') parse.mutate(code.trim());
      }}
    >
      <Field label={t('supply.scan.label')} error={errors.get('/code')} hint={t('supply.scan.refused')}>
        {(props) => (
          <input
            {...props}
            ref={input}
            data-testid="scan-input"
            name="code"
            value={code}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={200}
            placeholder="(01)…(17)…(10)…(21)…"
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={parse.isPending || code.trim() === ''}>
        {t('supply.scan.read')}
      </button>
      <p className="muted hint">{t('supply.scan.hint')}</p>
      <FormProblems error={parse.error} fields={['/code']} />
    </form>
  );
}
