import { useTranslation } from 'react-i18next';
import { PRIORITY_AREAS } from '../../../src/modules/partnerships/partnerships.schema.js';
import { AddButton, Field, OrganizationSelect, RemoveButton, TextFields, type InputProps, type Rows, type TextDraft } from './form-bits.js';

export interface ParticipantDraft {
  organizationId: string;
  name: string;
  role: string;
}
export interface DecisionDraft {
  text: TextDraft;
  area: string;
}
export interface ActionDraft {
  text: TextDraft;
  area: string;
  owner: string;
  ownerOrgId: string;
  dueOn: string;
}

const textPaths = (base: string) => ['en', 'uk', 'ja'].map((l) => `${base}/text/${l}`);

/** Every path these rows show an error at. */
export const meetingRowPaths = (participants: number, decisions: number, actions: number): string[] => [
  '/participants',
  ...Array.from({ length: participants }, (_, i) => ['organizationId', 'name', 'role'].map((k) => `/participants/${i}/${k}`)).flat(),
  ...Array.from({ length: decisions }, (_, i) => [...textPaths(`/decisions/${i}`), `/decisions/${i}/area`]).flat(),
  ...Array.from({ length: actions }, (_, i) => [...textPaths(`/actionItems/${i}`), ...['area', 'owner', 'ownerOrgId', 'dueOn'].map((k) => `/actionItems/${i}/${k}`)]).flat(),
];

/** An optional priority area (decisions and action items may name the one they serve). */
function AreaSelect({ value, onChange, ...props }: InputProps & { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('partners.form.noArea')}</option>
      {PRIORITY_AREAS.map((a) => (
        <option key={a} value={a}>
          {t(`partners.areas.${a}`)}
        </option>
      ))}
    </select>
  );
}

/** Who took part (at least one organisation), with each person's role. */
export function ParticipantFields({ rows, errors }: { rows: Rows<ParticipantDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const listError = errors.get('/participants');
  return (
    <fieldset className="entry">
      <legend>{t('partners.participants')}</legend>
      {listError === undefined ? null : (
        <p className="field-error" data-testid="field-error">
          {t('partners.form.participantsNeeded')} <span className="muted" lang="en">({listError})</span>
        </p>
      )}
      {rows.rows.map((p, i) => {
        const legend = t('partners.form.participantN', { n: i + 1 });
        return (
          <fieldset key={p.key} className="entry form-grid">
            <legend>{legend}</legend>
            <Field label={t('partners.form.organization')} error={errors.get(`/participants/${i}/organizationId`)} hint={t('partners.form.chooseOrganization')}>
              {(props) => <OrganizationSelect {...props} value={p.organizationId} empty={t('partners.form.choose')} onChange={(organizationId) => rows.set(p.key, { organizationId })} />}
            </Field>
            <Field label={t('partners.form.personName')} error={errors.get(`/participants/${i}/name`)}>
              {(props) => <input {...props} maxLength={200} value={p.name} onChange={(e) => rows.set(p.key, { name: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.role')} error={errors.get(`/participants/${i}/role`)} hint={t('partners.form.roleHint')}>
              {(props) => <input {...props} maxLength={300} required value={p.role} onChange={(e) => rows.set(p.key, { role: e.target.value })} />}
            </Field>
            {rows.rows.length > 1 ? <RemoveButton what={legend} onClick={() => rows.remove(p.key)} /> : null}
          </fieldset>
        );
      })}
      <AddButton label={t('partners.form.addParticipant')} onClick={rows.add} />
    </fieldset>
  );
}

/** What the meeting decided, each optionally tied to a priority area. */
export function DecisionFields({ rows, errors }: { rows: Rows<DecisionDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="entry">
      <legend>{t('partners.decisions')}</legend>
      {rows.rows.map((d, i) => {
        const legend = t('partners.form.decisionN', { n: i + 1 });
        return (
          <fieldset key={d.key} className="entry form-grid">
            <legend>{legend}</legend>
            <TextFields label={t('partners.form.decisionText')} value={d.text} onChange={(text) => rows.set(d.key, { text })} path={`/decisions/${i}/text`} errors={errors} multiline />
            <Field label={t('partners.form.areaOptional')} error={errors.get(`/decisions/${i}/area`)}>
              {(props) => <AreaSelect {...props} value={d.area} onChange={(area) => rows.set(d.key, { area })} />}
            </Field>
            <RemoveButton what={legend} onClick={() => rows.remove(d.key)} />
          </fieldset>
        );
      })}
      <AddButton label={t('partners.form.addDecision')} onClick={rows.add} />
    </fieldset>
  );
}

/** Who does what by when: owner and due date are required (the server names a missing one by its item). */
export function ActionItemFields({ rows, errors }: { rows: Rows<ActionDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="entry">
      <legend>{t('partners.actionItems')}</legend>
      {rows.rows.map((a, i) => {
        const legend = t('partners.form.actionN', { n: i + 1 });
        return (
          <fieldset key={a.key} className="entry form-grid">
            <legend>{legend}</legend>
            <TextFields label={t('partners.form.actionText')} value={a.text} onChange={(text) => rows.set(a.key, { text })} path={`/actionItems/${i}/text`} errors={errors} multiline />
            <Field label={t('partners.form.ownerRequired')} error={errors.get(`/actionItems/${i}/owner`)} hint={t('partners.form.ownerHint')}>
              {(props) => <input {...props} maxLength={200} required value={a.owner} onChange={(e) => rows.set(a.key, { owner: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.ownerOrganization')} error={errors.get(`/actionItems/${i}/ownerOrgId`)}>
              {(props) => <OrganizationSelect {...props} value={a.ownerOrgId} empty={t('partners.form.none')} onChange={(ownerOrgId) => rows.set(a.key, { ownerOrgId })} />}
            </Field>
            <Field label={t('partners.form.dueRequired')} error={errors.get(`/actionItems/${i}/dueOn`)} hint={t('partners.form.dueHint')}>
              {(props) => <input {...props} type="date" required value={a.dueOn} onChange={(e) => rows.set(a.key, { dueOn: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.areaOptional')} error={errors.get(`/actionItems/${i}/area`)}>
              {(props) => <AreaSelect {...props} value={a.area} onChange={(area) => rows.set(a.key, { area })} />}
            </Field>
            <RemoveButton what={legend} onClick={() => rows.remove(a.key)} />
          </fieldset>
        );
      })}
      <AddButton label={t('partners.form.addAction')} onClick={rows.add} />
    </fieldset>
  );
}
