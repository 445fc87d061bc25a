import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Completeness } from '../../../src/modules/reporting/completeness.schema.js';
import { localNameWithLang } from '../app/local-name.js';
import { areaName } from '../facilities/area-names.js';
import { formatDate } from '../app/format/dates.js';
import type { Language } from '../i18n/i18n.js';

/** The facilities expected for the period that have not reported, by name, with their place and their last report. */
export function MissingList({ data }: { data: Completeness }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const isoOf = new Map(data.byOblast.map((o) => [o.katottg, o.iso]));
  const { total, items } = data.missing;
  return (
    <section aria-labelledby="missing-title" data-testid="missing-list">
      <h2 id="missing-title">{t('reporting.missingTitle')}</h2>
      {total === 0 ? (
        <p className="muted">{data.totals.expected === 0 ? t('reporting.noneExpected') : t('reporting.noneMissing')}</p>
      ) : (
        <>
          <p className="muted">{t('reporting.missingShown', { shown: items.length, total })}</p>
          {/* Focusable and named: on a phone the table scrolls sideways, and a keyboard user must reach it. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="missing-title">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('reporting.facility')}</th>
                  <th scope="col">{t('reporting.place')}</th>
                  <th scope="col">{t('reporting.lastReport')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => {
                  const name = localNameWithLang(m, lang);
                  const oblast = areaName({ iso3166_2: isoOf.get(m.oblast.katottg) ?? null, nameUk: m.oblast.nameUk, nameEn: m.oblast.nameEn }, lang);
                  const raion = m.raion === null ? null : areaName({ iso3166_2: null, nameUk: m.raion.nameUk, nameEn: m.raion.nameEn }, lang);
                  return (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/facilities/${m.id}`} lang={name.lang}>
                          {name.name}
                        </Link>
                        <span className="muted"> · {t(`types.${m.type}`)}</span>
                      </td>
                      <td>{raion === null ? oblast : `${oblast}, ${raion}`}</td>
                      <td>{m.lastObservedAt === null ? t('reporting.never') : formatDate(m.lastObservedAt, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
