import { useTranslation } from 'react-i18next';
import type { AreaCompleteness } from '../../../src/modules/reporting/completeness.schema.js';
import { areaName } from '../facilities/area-names.js';
import { shareOf } from './use-completeness.js';

const COLUMNS = ['expected', 'received', 'onTime', 'late', 'missing', 'noAccess'] as const;

/** Areas (oblasts or raions) with their counts and rates: the text behind the map's colours. */
export function CompletenessTable({ title, rows, number, percent, testId }: { title: string; rows: readonly AreaCompleteness[]; number: Intl.NumberFormat; percent: Intl.NumberFormat; testId: string }) {
  const { t, i18n } = useTranslation();
  const rate = (part: number, whole: number) => {
    const share = shareOf(part, whole);
    return share === null ? '–' : percent.format(share);
  };
  if (rows.length === 0) return null;
  return (
    // Focusable and named: on a phone the table scrolls sideways, and a keyboard user must reach it.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
      <table className="data" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reporting.areaColumn')}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {t(`reporting.figures.${c}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('reporting.completeness')}
            </th>
            <th scope="col" className="num">
              {t('reporting.timeliness')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.katottg} data-area={r.iso ?? r.katottg}>
              <th scope="row">{areaName({ iso3166_2: r.iso, nameUk: r.nameUk, nameEn: r.nameEn }, i18n.language)}</th>
              {COLUMNS.map((c) => (
                <td key={c} className="num">
                  {number.format(r[c])}
                </td>
              ))}
              <td className="num">{rate(r.received, r.expected)}</td>
              <td className="num">{rate(r.onTime, r.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
