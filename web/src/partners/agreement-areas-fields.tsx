import { useTranslation } from 'react-i18next';
import { MEASURED_UNITS, PRIORITY_AREAS, type PriorityArea } from '../../../src/modules/partnerships/partnerships.schema.js';
import { AddButton, Field, RemoveButton } from './form-bits.js';

export interface TargetDraft {
  key: number;
  quantity: string;
  unit: string;
}
export interface AreaDraft {
  area: PriorityArea;
  targets: TargetDraft[];
}

/** Every path this part of the form shows an error at, for the problems it cannot place. */
export const areaPaths = (areas: readonly AreaDraft[]): string[] => [
  '/areas',
  ...areas.flatMap((a, i) => [`/areas/${i}/area`, `/areas/${i}/targets`, ...a.targets.flatMap((_, j) => [`/areas/${i}/targets/${j}/quantity`, `/areas/${i}/targets/${j}/unit`])]),
];

/**
 * The managed list of priority areas as checkboxes, in the order they are
 * ticked (that order is the agreement's); each ticked area takes structured
 * targets, a quantity and a unit (the units the follow-through measures are offered).
 */
export function AgreementAreasFields({ areas, onChange, errors, newKey }: { areas: readonly AreaDraft[]; onChange: (areas: AreaDraft[]) => void; errors: ReadonlyMap<string, string>; newKey: () => number }) {
  const { t } = useTranslation();
  const unitName = (u: string) => t(`partners.units.${u}`);
  const toggle = (area: PriorityArea, on: boolean) => onChange(on ? [...areas, { area, targets: [] }] : areas.filter((a) => a.area !== area));
  const setTargets = (area: PriorityArea, change: (targets: TargetDraft[]) => TargetDraft[]) => onChange(areas.map((a) => (a.area === area ? { ...a, targets: change(a.targets) } : a)));
  const listError = errors.get('/areas');
  return (
    <fieldset className="entry" aria-describedby={listError === undefined ? undefined : 'areas-error'} data-testid="areas-field">
      <legend>{t('partners.areasTitle')}</legend>
      <p className="muted">{t('partners.form.areasHint')}</p>
      {listError === undefined ? null : (
        <p id="areas-error" className="field-error" data-testid="field-error">
          {t('partners.form.areasNeeded')} <span className="muted" lang="en">({listError})</span>
        </p>
      )}
      <datalist id="measured-units">
        {MEASURED_UNITS.map((u) => (
          <option key={u} value={u}>
            {unitName(u)}
          </option>
        ))}
      </datalist>
      <ul className="plain area-choices">
        {PRIORITY_AREAS.map((code) => {
          const i = areas.findIndex((a) => a.area === code);
          const chosen = areas[i];
          const name = t(`partners.areas.${code}`);
          const areaError = errors.get(`/areas/${i}/area`);
          return (
            <li key={code}>
              <label className="check">
                <input type="checkbox" checked={chosen !== undefined} onChange={(e) => toggle(code, e.target.checked)} />
                {name}
              </label>
              {chosen === undefined ? null : (
                <div className="area-targets">
                  {areaError === undefined ? null : (
                    <p className="field-error" data-testid="field-error">
                      {t('partners.form.fixField')} <span className="muted" lang="en">({areaError})</span>
                    </p>
                  )}
                  {chosen.targets.map((target, j) => {
                    const legend = t('partners.form.targetOf', { n: j + 1, area: name });
                    const set = (patch: Partial<TargetDraft>) => setTargets(code, (ts) => ts.map((x) => (x.key === target.key ? { ...x, ...patch } : x)));
                    return (
                      <fieldset key={target.key} className="entry form-grid">
                        <legend>{legend}</legend>
                        <Field label={t('partners.form.quantity')} error={errors.get(`/areas/${i}/targets/${j}/quantity`)} hint={t('partners.form.quantityHint')}>
                          {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={target.quantity} onChange={(e) => set({ quantity: e.target.value })} />}
                        </Field>
                        <Field label={t('partners.form.unit')} error={errors.get(`/areas/${i}/targets/${j}/unit`)} hint={t('partners.form.unitHint')}>
                          {(props) => <input {...props} list="measured-units" maxLength={40} autoComplete="off" value={target.unit} onChange={(e) => set({ unit: e.target.value })} />}
                        </Field>
                        <RemoveButton what={legend} onClick={() => setTargets(code, (ts) => ts.filter((x) => x.key !== target.key))} />
                      </fieldset>
                    );
                  })}
                  <AddButton label={t('partners.form.addTarget', { area: name })} onClick={() => setTargets(code, (ts) => [...ts, { key: newKey(), quantity: '', unit: '' }])} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
