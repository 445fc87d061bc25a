import { useTranslation } from 'react-i18next';
import type { Project } from '../../../src/modules/funding/projects.schema.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';
import { localText, localTextLang } from './project-text.js';

/** IATI results: each result's indicators with baseline, and target against actual per period. */
export function ResultsSection({ results }: { results: Project['results'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 });
  const value = (v: string | null, percent: boolean) => (v === null ? '—' : `${n.format(v as Intl.StringNumericLiteral)}${percent ? ' %' : ''}`);
  return (
    <section aria-labelledby="results">
      <h2 id="results">{t('funding.results')}</h2>
      {results.length === 0 ? <p className="muted">{t('funding.noResults')}</p> : null}
      {results.map((r, ri) => (
        <div key={ri} className="result">
          <h3 lang={localTextLang(r.title, lang)}>
            {localText(r.title, lang)} <span className="muted">({t(`funding.resultTypes.${r.type}`)})</span>
          </h3>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('funding.indicator')}</th>
                  <th scope="col">{t('funding.baseline')}</th>
                  <th scope="col">{t('funding.period')}</th>
                  <th scope="col" className="num">
                    {t('funding.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('funding.actual')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.indicators.flatMap((ind, ii) => {
                  const percent = ind.measure === '2';
                  const periods = ind.periods.length === 0 ? [null] : ind.periods;
                  return periods.map((p, pi) => (
                    <tr key={`${ii}-${pi}`}>
                      <td lang={localTextLang(ind.title, lang)}>{pi === 0 ? localText(ind.title, lang) : ''}</td>
                      <td>{pi === 0 && ind.baseline !== null ? `${value(ind.baseline.value, percent)} (${ind.baseline.year})` : ''}</td>
                      <td>{p === null ? '—' : `${formatDate(p.periodStart, lang)} – ${formatDate(p.periodEnd, lang)}`}</td>
                      <td className="num">{p === null ? '—' : value(p.target, percent)}</td>
                      <td className="num">{p === null ? '—' : value(p.actual, percent)}</td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
