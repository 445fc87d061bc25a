import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NEED_PRIORITIES } from '../../../src/modules/needs/needs.schema.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { NeedsTabs } from './needs-tabs.js';
import { useNeedGaps } from './use-needs.js';

/**
 * Gap analysis: open and partly met needs by oblast and category, in the
 * server's order (critical needs with nothing committed or delivered first),
 * with how many have nothing yet against how many are partly covered.
 */
export function NeedGapsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const gaps = useNeedGaps();
  const oblasts = useOblasts();
  const n = new Intl.NumberFormat(LOCALE[lang]);
  const oblastName = (katottg: string) => {
    const a = oblasts.data?.items.find((x) => x.katottg === katottg);
    return a === undefined ? katottg : lang === 'uk' ? a.nameUk : (a.nameEn ?? a.nameUk);
  };
  const items = gaps.data?.items ?? [];
  const count = (v: number) => (v === 0 ? <span className="muted">0</span> : n.format(v));
  return (
    <section>
      <h1>{t('funding.needs.gapsTitle')}</h1>
      <NeedsTabs />
      <p className="muted">{t('funding.needs.gapsHint')}</p>
      {gaps.isError ? <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} /> : null}
      {gaps.data !== undefined && items.length === 0 ? (
        <EmptyState title={t('funding.needs.noGaps')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="gap-table" aria-busy={gaps.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('funding.needs.oblast')}</th>
                <th scope="col">{t('funding.needs.category')}</th>
                <th scope="col" className="num">
                  {t('funding.needs.uncoveredCritical')}
                </th>
                {NEED_PRIORITIES.map((p) => (
                  <th key={p} scope="col" className="num">
                    {t(`funding.needs.priorityValues.${p}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('funding.needs.uncovered')}
                </th>
                <th scope="col" className="num">
                  {t('funding.needs.partiallyMet')}
                </th>
                <th scope="col" className="num">
                  {t('funding.needs.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((g) => (
                <tr key={`${g.oblastKatottg}${g.category}`} className={g.uncoveredCritical > 0 ? 'critical-row' : undefined}>
                  <th scope="row">{oblastName(g.oblastKatottg)}</th>
                  <td>
                    <Link to={`/needs?category=${g.category}&area=${g.oblastKatottg}`}>{t(`funding.needs.categoryValues.${g.category}`)}</Link>
                  </td>
                  <td className={`num ${g.uncoveredCritical > 0 ? 'bad' : ''}`}>{count(g.uncoveredCritical)}</td>
                  {NEED_PRIORITIES.map((p) => (
                    <td key={p} className="num">
                      {count(g[p])}
                    </td>
                  ))}
                  <td className="num">{count(g.uncovered)}</td>
                  <td className="num">{count(g.partiallyMet)}</td>
                  <td className="num">{n.format(g.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
