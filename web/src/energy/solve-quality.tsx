import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { useSolveProgress } from './use-energy.js';

/**
 * While the allocation runs: the best plan found so far (its score: priority-weighted kW covered, less transport)
 * and how far it may still be from the best possible plan, as the solver proves it. Both improve as it goes; the
 * same "proven distance" the finished plan shows, so a planner can stop a long solve once it is close enough.
 */
export function SolveQuality({ running }: { running: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const progress = useSolveProgress(running);
  const score = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }), [lang]);
  const pct = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }), [lang]);
  const p = progress.data;
  if (!running || p === undefined || !p.running || p.objective === null) return null;
  const gap = p.upperBound === null || p.upperBound <= 0 ? null : Math.max(0, (p.upperBound - p.objective) / p.upperBound);
  return (
    <p className="muted" role="status" data-testid="solve-quality">
      {t('energy.bestSoFar', { score: score.format(p.objective) })} · {gap === null ? t('energy.noBoundYet') : t('energy.gapSoFar', { gap: pct.format(gap) })}
    </p>
  );
}
