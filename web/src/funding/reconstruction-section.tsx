import { useTranslation } from 'react-i18next';
import type { Project } from '../../../src/modules/funding/projects.schema.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';

type Reconstruction = NonNullable<Project['reconstruction']>;

/** Prozorro shows a tender at its id, which is the OCID without the publisher prefix (ocds-be6bcu-). */
const prozorroUrl = (ocid: string): string => `https://prozorro.gov.ua/tender/${ocid.replace(/^ocds-[a-z0-9]{6}-/, '')}`;

/** A reconstruction project's phase, progress, milestones and public procurement reference. */
export function ReconstructionSection({ reconstruction: r }: { reconstruction: Reconstruction }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <section aria-labelledby="reconstruction">
      <h2 id="reconstruction">{t('funding.reconstruction')}</h2>
      <dl className="details">
        <div>
          <dt>{t('funding.phase')}</dt>
          <dd data-testid="phase">{t(`funding.phases.${r.phase}`)}</dd>
        </div>
        <div>
          <dt id="progress-label">{t('funding.percentComplete')}</dt>
          <dd>
            <progress max={100} value={r.percentComplete} aria-labelledby="progress-label" /> {r.percentComplete} %
          </dd>
        </div>
        <div>
          <dt>{t('funding.ocid')}</dt>
          <dd>
            {r.ocid === null ? (
              '—'
            ) : (
              <a href={prozorroUrl(r.ocid)} rel="noreferrer" target="_blank">
                <code>{r.ocid}</code>
              </a>
            )}
          </dd>
        </div>
      </dl>
      <h3>{t('funding.milestones')}</h3>
      {r.milestones.length === 0 ? (
        <p className="muted">{t('funding.noMilestones')}</p>
      ) : (
        <ol className="milestones">
          {r.milestones.map((m) => (
            <li key={`${m.name}${m.due}`} className={m.done ? 'done' : undefined}>
              <span aria-hidden="true">{m.done ? '✔' : '○'}</span> {m.name} — {formatDate(m.due, lang)} <span className={m.done ? 'ok' : 'muted'}>({m.done ? t('funding.done') : t('funding.pending')})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
