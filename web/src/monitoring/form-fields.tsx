import { useTranslation } from 'react-i18next';

/** A select over a closed set of values, each labelled through `${labels}.${value}`. */
export function EnumSelect({ name, label, values, labels, value, onChange, required = false, empty }: { name: string; label: string; values: readonly string[]; labels: string; value: string; onChange: (v: string) => void; required?: boolean; empty?: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} value={value} required={required} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty ?? t('monitoring.form.choose')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`${labels}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Checkboxes over a closed set; `max` disables the rest once that many are ticked (the API's limit). */
export function CheckList({ name, legend, values, labels, selected, onChange, max }: { name: string; legend: string; values: readonly string[]; labels: string; selected: readonly string[]; onChange: (v: string[]) => void; max?: number }) {
  const { t } = useTranslation();
  return (
    <fieldset className="checks-set">
      <legend>{legend}</legend>
      <div className="checks">
        {values.map((v) => {
          const on = selected.includes(v);
          return (
            <label key={v}>
              <input type="checkbox" name={name} value={v} checked={on} disabled={!on && max !== undefined && selected.length >= max} onChange={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])} />
              {t(`${labels}.${v}`)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A whole number or decimal input with its limits. */
export function NumberField({ name, label, value, onChange, min = 0, max, step = 1 }: { name: string; label: string; value: string; onChange: (v: string) => void; min?: number; max: number; step?: number | 'any' }) {
  return (
    <label>
      {label}
      <input type="number" inputMode="decimal" name={name} value={value} min={min} max={max} step={step} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
