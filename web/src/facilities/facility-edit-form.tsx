import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OWNERSHIPS, SERVICE_CODES, TIERS, type Facility, type FacilityUpdate } from '../../../src/modules/facilities/facilities.schema.js';
import { enqueue } from '../offline/outbox-runner.js';
import { useOutbox } from '../offline/use-outbox.js';

type Editable = Pick<Facility, 'nameUk' | 'nameEn' | 'tier' | 'ownership' | 'beds' | 'staff' | 'services'>;
const pick = (f: Facility): Editable => ({ nameUk: f.nameUk, nameEn: f.nameEn, tier: f.tier, ownership: f.ownership, beds: f.beds, staff: f.staff, services: f.services });

/** Only what changed: the server applies these on top of the base version, or sends them to review if it moved on. */
export function changedFields(before: Editable, after: Editable): Omit<FacilityUpdate, 'version'> {
  const changes: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof Editable)[]) {
    const same = k === 'services' ? [...before.services].sort().join() === [...after.services].sort().join() : before[k] === after[k];
    if (!same) changes[k] = after[k];
  }
  return changes;
}

/**
 * Edits a facility's details through the outbox, so it works offline. The edit carries the version it was based
 * on: if someone changed the facility in the meantime, the server puts it in the review inbox instead of
 * overwriting their change (no last-write-wins).
 */
export function FacilityEditForm({ facility }: { facility: Facility }) {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox();
  const [form, setForm] = useState<Editable>(() => pick(facility));
  const [message, setMessage] = useState<string | null>(null);
  const pending = outbox.records.filter((r) => r.kind === 'facility_edit' && r.body.facilityId === facility.id);
  const set = <K extends keyof Editable>(k: K, v: Editable[K]) => setForm((prev) => ({ ...prev, [k]: v }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const changes = changedFields(pick(facility), form);
    if (Object.keys(changes).length === 0) return setMessage(t('monitoring.facility.noChange'));
    const name = i18n.language === 'uk' ? facility.nameUk : facility.nameEn;
    await enqueue({ kind: 'facility_edit', body: { facilityId: facility.id, baseVersion: facility.version, changes }, label: `${name} · ${t('monitoring.inbox.kinds.facility_edit')} (v${facility.version})` });
    setMessage(t('monitoring.facility.saved'));
  }

  return (
    <details>
      <summary>{t('monitoring.facility.edit')}</summary>
      <form onSubmit={(e) => void submit(e)} data-testid="facility-edit-form">
        <p className="muted">{t('monitoring.facility.editHint')}</p>
        <div className="form-grid">
          <label>
            {t('monitoring.facility.nameUk')}
            <input name="nameUk" lang="uk" required maxLength={300} value={form.nameUk} onChange={(e) => set('nameUk', e.target.value)} />
          </label>
          <label>
            {t('monitoring.facility.nameEn')}
            <input name="nameEn" lang="en" required maxLength={300} value={form.nameEn} onChange={(e) => set('nameEn', e.target.value)} />
          </label>
          <label>
            {t('facilities.tier')}
            <select name="tier" value={form.tier} onChange={(e) => set('tier', e.target.value as Editable['tier'])}>
              {TIERS.map((v) => (
                <option key={v} value={v}>
                  {t(`tiers.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('facilities.ownership')}
            <select name="ownership" value={form.ownership} onChange={(e) => set('ownership', e.target.value as Editable['ownership'])}>
              {OWNERSHIPS.map((v) => (
                <option key={v} value={v}>
                  {t(`ownerships.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('facilities.beds')}
            <input type="number" name="beds" min={0} max={10000} required value={form.beds} onChange={(e) => set('beds', Number(e.target.value))} />
          </label>
          <label>
            {t('facilities.staff')}
            <input type="number" name="staff" min={0} max={50000} required value={form.staff} onChange={(e) => set('staff', Number(e.target.value))} />
          </label>
        </div>
        <fieldset>
          <legend>{t('facilities.services')}</legend>
          <div className="checks">
            {SERVICE_CODES.map((c) => (
              <label key={c}>
                <input type="checkbox" name="services" value={c} checked={form.services.includes(c)} onChange={() => set('services', form.services.includes(c) ? form.services.filter((s) => s !== c) : [...form.services, c])} />
                {t(`services.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="actions">
          <button type="submit">{t('monitoring.facility.save')}</button>
        </p>
        {message === null ? null : (
          <p className="notice" role="status">
            {message}
          </p>
        )}
        {pending.length === 0 ? null : (
          <p className="notice" data-testid="facility-edits-waiting">
            {t('monitoring.facility.waiting', { count: pending.length })} <Link to="/monitoring/outbox">{t('monitoring.outbox.title')}</Link>
          </p>
        )}
      </form>
    </details>
  );
}
