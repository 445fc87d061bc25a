import { useTranslation } from 'react-i18next';
import { CURRENCIES } from './use-partners.js';
import { AddButton, Field, OrganizationSelect, RemoveButton, type Rows } from './form-bits.js';

export interface PartnerDraft {
  organizationId: string;
}
export interface SignatoryDraft {
  name: string;
  position: string;
  organizationId: string;
}
export interface PledgeDraft {
  amount: string;
  currency: string;
  note: string;
}

/** Every path the party fields show an error at. */
export const partyPaths = (partners: number, signatories: number, pledges: number): string[] => [
  '/partnerIds',
  ...Array.from({ length: partners }, (_, i) => `/partnerIds/${i}`),
  ...Array.from({ length: signatories }, (_, i) => [`/signatories/${i}/name`, `/signatories/${i}/position`, `/signatories/${i}/organizationId`]).flat(),
  ...Array.from({ length: pledges }, (_, i) => [`/pledges/${i}/amount`, `/pledges/${i}/currency`, `/pledges/${i}/note`]).flat(),
];

/** The partner organisations (at least one): one picker per partner over /api/v1/organizations. */
export function PartnerFields({ partners, errors }: { partners: Rows<PartnerDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const listError = errors.get('/partnerIds');
  return (
    <fieldset className="entry">
      <legend>{t('partners.partners')}</legend>
      <p className="muted">{t('partners.form.partnersHint')}</p>
      {listError === undefined ? null : (
        <p className="field-error" data-testid="field-error">
          {t('partners.form.partnersNeeded')} <span className="muted" lang="en">({listError})</span>
        </p>
      )}
      {partners.rows.map((p, i) => {
        const label = t('partners.form.partnerN', { n: i + 1 });
        return (
          <div key={p.key} className="form-grid row-grid">
            <Field label={label} error={errors.get(`/partnerIds/${i}`)} hint={t('partners.form.chooseOrganization')}>
              {(props) => <OrganizationSelect {...props} value={p.organizationId} empty={t('partners.form.choose')} onChange={(organizationId) => partners.set(p.key, { organizationId })} />}
            </Field>
            {partners.rows.length > 1 ? <RemoveButton what={label} onClick={() => partners.remove(p.key)} /> : null}
          </div>
        );
      })}
      <AddButton label={t('partners.form.addPartner')} onClick={partners.add} />
    </fieldset>
  );
}

/** Who signed, for which organisation. */
export function SignatoryFields({ signatories, errors }: { signatories: Rows<SignatoryDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="entry">
      <legend>{t('partners.signatories')}</legend>
      {signatories.rows.map((s, i) => {
        const legend = t('partners.form.signatoryN', { n: i + 1 });
        return (
          <fieldset key={s.key} className="entry form-grid">
            <legend>{legend}</legend>
            <Field label={t('partners.form.name')} error={errors.get(`/signatories/${i}/name`)}>
              {(props) => <input {...props} maxLength={200} value={s.name} onChange={(e) => signatories.set(s.key, { name: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.position')} error={errors.get(`/signatories/${i}/position`)}>
              {(props) => <input {...props} maxLength={300} value={s.position} onChange={(e) => signatories.set(s.key, { position: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.organization')} error={errors.get(`/signatories/${i}/organizationId`)} hint={t('partners.form.chooseOrganization')}>
              {(props) => <OrganizationSelect {...props} value={s.organizationId} empty={t('partners.form.choose')} onChange={(organizationId) => signatories.set(s.key, { organizationId })} />}
            </Field>
            <RemoveButton what={legend} onClick={() => signatories.remove(s.key)} />
          </fieldset>
        );
      })}
      <AddButton label={t('partners.form.addSignatory')} onClick={signatories.add} />
    </fieldset>
  );
}

/** Amounts pledged in the text of the agreement, each in its own currency (never converted here). */
export function PledgeFields({ pledges, errors }: { pledges: Rows<PledgeDraft>; errors: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="entry">
      <legend>{t('partners.statedPledges')}</legend>
      <datalist id="pledge-currencies">
        {CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {pledges.rows.map((p, i) => {
        const legend = t('partners.form.pledgeN', { n: i + 1 });
        return (
          <fieldset key={p.key} className="entry form-grid">
            <legend>{legend}</legend>
            <Field label={t('partners.form.amount')} error={errors.get(`/pledges/${i}/amount`)} hint={t('partners.form.amountHint')}>
              {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={p.amount} onChange={(e) => pledges.set(p.key, { amount: e.target.value })} />}
            </Field>
            <Field label={t('partners.currency')} error={errors.get(`/pledges/${i}/currency`)} hint={t('partners.form.currencyHint')}>
              {(props) => <input {...props} list="pledge-currencies" maxLength={3} autoComplete="off" value={p.currency} onChange={(e) => pledges.set(p.key, { currency: e.target.value })} />}
            </Field>
            <Field label={t('partners.form.note')} error={errors.get(`/pledges/${i}/note`)}>
              {(props) => <input {...props} maxLength={500} value={p.note} onChange={(e) => pledges.set(p.key, { note: e.target.value })} />}
            </Field>
            <RemoveButton what={legend} onClick={() => pledges.remove(p.key)} />
          </fieldset>
        );
      })}
      <AddButton label={t('partners.form.addPledge')} onClick={pledges.add} />
    </fieldset>
  );
}
