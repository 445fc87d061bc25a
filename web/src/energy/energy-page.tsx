import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Plan } from '../../../src/modules/energy/energy.schema.js';
import { api } from '../api/client.js';
import { AccessWarningNotice, accessWarningText } from '../app/access-warning.js';
import { JobProgress } from '../app/jobs/job-progress.js';
import { startJobRequest, useJob } from '../app/jobs/use-job.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { PlanMap, type PlanLine } from './plan-map.js';
import { SolveQuality } from './solve-quality.js';
import { useCoverage, useFleet, useNeeds, usePlan, usePlans } from './use-energy.js';
import { formatDateTime } from '../app/format/dates.js';

/** The solver's time limit: the progress bar counts these seconds. */
const SOLVE_SECONDS = 10;

/**
 * Energy autonomy for planners: the fleet, the facilities short of backup, a
 * run of the allocator (cancellable), the plan on the map, coverage by oblast
 * before and after, and approval and execution.
 */
export function EnergyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const oblasts = useOblasts();
  const fleet = useFleet();
  const needs = useNeeds();
  const plans = usePlans();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [discardReason, setDiscardReason] = useState('');
  const planId = selected ?? plans.data?.items[0]?.id;
  const plan = usePlan(planId);
  const coverage = useCoverage(planId);
  const points = useQuery({ queryKey: ['facility-points'], queryFn: () => api<GeoJSON.FeatureCollection>('/api/v1/facilities/export?format=geojson'), staleTime: 5 * 60_000 });
  const kw = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }), [lang]);
  const pct = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 2 }), [lang]);
  const refresh = () => void client.invalidateQueries({ queryKey: ['energy'] });

  // The solve runs as a job: its progress is seconds of the time limit, and Cancel stops it with nothing saved.
  const run = useJob<Plan>({
    start: (signal) => startJobRequest('/api/v1/energy/plans', { method: 'POST', body: { timeLimitSeconds: SOLVE_SECONDS }, signal }),
    readResult: (url, signal) => api<Plan>(url, { signal }),
    onResult: (p) => {
      setSelected(p.id);
      refresh();
    },
  });
  const transition = useMutation({
    mutationFn: (action: 'approve' | 'execute') => api<Plan>(`/api/v1/energy/plans/${planId ?? ''}/${action}`, { method: 'POST', body: { version: plan.data?.version ?? 1 } }),
    onSuccess: refresh,
  });
  const discard = useMutation({
    mutationFn: () => api<Plan>(`/api/v1/energy/plans/${planId ?? ''}/discard`, { method: 'POST', body: { version: plan.data?.version ?? 1, reason: discardReason } }),
    onSuccess: () => {
      setDiscardReason('');
      refresh();
    },
  });

  const lines = useMemo((): PlanLine[] => {
    const depot = new Map((fleet.data?.items ?? []).filter((g) => g.lon !== null && g.lat !== null).map((g) => [g.id, [g.lon as number, g.lat as number] as [number, number]]));
    const place = new Map((points.data?.features ?? []).map((f) => [String((f.properties as { id: string }).id), (f.geometry as GeoJSON.Point).coordinates as [number, number]]));
    return (plan.data?.assignments ?? []).flatMap((a) => {
      const from = depot.get(a.generatorId);
      const to = place.get(a.facilityId);
      return from === undefined || to === undefined ? [] : [{ from, to, kw: a.usableKw }];
    });
  }, [fleet.data, points.data, plan.data]);

  return (
    <section>
      <h1>{t('energy.title')}</h1>
      <h2>{t('energy.fleet')}</h2>
      {fleet.isError ? <ErrorState error={fleet.error} /> : null}
      <ul className="chips" data-testid="fleet-totals">
        {(fleet.data?.totals ?? []).map((s) => (
          <li key={s.status}>
            {t(`energy.statuses.${s.status}`)}: {s.count} · {kw.format(s.ratingKw)} kW
          </li>
        ))}
      </ul>

      <h2>{t('energy.needs')}</h2>
      {needs.isError ? <ErrorState error={needs.error} /> : null}
      {needs.data?.items.length === 0 ? <EmptyState title={t('energy.noNeeds')} hint={t('energy.noNeedsHint')} /> : null}
      <div className="table-wrap" hidden={needs.data?.items.length === 0} tabIndex={0} role="region" aria-label={t('energy.needs')}>
        <table className="data" data-testid="energy-needs">
          <thead>
            <tr>
              <th scope="col">{t('facilities.name')}</th>
              <th scope="col">{t('facilities.oblast')}</th>
              <th scope="col" className="num">{t('energy.criticalKw')}</th>
              <th scope="col" className="num">{t('energy.backupKw')}</th>
              <th scope="col" className="num">{t('energy.deficitKw')}</th>
              <th scope="col" className="num">{t('energy.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {(needs.data?.items ?? []).map((n) => (
              <tr key={n.facilityId}>
                <td>
                  <Link to={`/facilities/${n.facilityId}`}>{n.facilityName}</Link>
                </td>
                <td>{oblastName(oblasts.data?.items, n.oblastIso, lang)}</td>
                <td className="num">{kw.format(n.criticalLoadKw)}</td>
                <td className="num">{n.backupKw === null ? '—' : kw.format(n.backupKw)}</td>
                <td className="num">{n.deficitKw === null ? '—' : kw.format(n.deficitKw)}</td>
                <td className="num">{n.priority.weight.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('energy.plan')}</h2>
      <p className="actions">
        <button type="button" onClick={run.start} disabled={run.busy}>
          {t('energy.run')}
        </button>
        {(plans.data?.items.length ?? 0) > 1 ? (
          <label>
            {t('energy.plans')}{' '}
            <select value={planId ?? ''} onChange={(e) => setSelected(e.target.value)}>
              {(plans.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {formatDateTime(p.createdAt, lang)} · {t(`energy.planStatuses.${p.status}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </p>
      <JobProgress handle={run} unit="seconds" label={t('energy.run')} testId="solve-progress" />
      <SolveQuality running={run.busy} />
      {transition.isError ? <ErrorState error={transition.error} /> : null}
      {discard.isError ? <ErrorState error={discard.error} /> : null}
      {plan.data === undefined ? (
        <p className="muted">{t('energy.noPlan')}</p>
      ) : (
        <>
          <dl className="details" data-testid="plan-summary">
            <div>
              <dt>{t('energy.status')}</dt>
              <dd data-testid="plan-status">{t(`energy.planStatuses.${plan.data.status}`)}</dd>
            </div>
            <div>
              <dt>{t('energy.assigned')}</dt>
              <dd>
                {plan.data.assignedGenerators} · {kw.format(plan.data.assignedKw)} kW
              </dd>
            </div>
            <div>
              <dt>{t('energy.gap')}</dt>
              <dd>{pct.format(plan.data.gapPercent / 100)}</dd>
            </div>
            <div>
              <dt>{t('energy.seconds')}</dt>
              <dd>{plan.data.seconds.toFixed(1)} s</dd>
            </div>
          </dl>
          <p className="actions">
            {plan.data.status === 'draft' ? (
              <button type="button" onClick={() => transition.mutate('approve')} disabled={transition.isPending}>
                {t('energy.approve')}
              </button>
            ) : null}
            {plan.data.status === 'draft' ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  discard.mutate();
                }}
              >
                <label>
                  {t('energy.discardReason')} <input value={discardReason} onChange={(e) => setDiscardReason(e.target.value)} required minLength={3} data-testid="discard-reason" />
                </label>{' '}
                <button type="submit" disabled={discard.isPending}>
                  {t('energy.discard')}
                </button>
              </form>
            ) : null}
            {plan.data.status === 'discarded' ? <span className="muted">{t('energy.discarded', { who: plan.data.discardedBy ?? '', reason: plan.data.discardReason ?? '' })}</span> : null}
            {plan.data.status === 'approved' ? (
              <button type="button" onClick={() => transition.mutate('execute')} disabled={transition.isPending}>
                {t('energy.execute')}
              </button>
            ) : null}
          </p>
          {/* One notice per area under active hostilities that the plan sends units to. */}
          {[...new Map(plan.data.assignments.flatMap((a) => (a.warning === undefined ? [] : [[a.warning.area.katottg, a.warning] as const]))).values()].map((w) => (
            <AccessWarningNotice key={w.area.katottg} warning={w} testId="plan-access-warning" />
          ))}
          <PlanMap lines={lines} />
          <details>
            <summary>{t('energy.explanations', { count: plan.data.assignments.length })}</summary>
            <ul className="plain">
              {plan.data.assignments.map((a) => (
                <li key={a.generatorId}>
                  <strong>{a.serial}</strong> → {a.facilityName}: {a.explanation.text}
                  {a.warning === undefined ? null : <em> {accessWarningText(a.warning, t, i18n.language)}</em>}
                  {a.needId === null ? null : (
                    <>
                      {' '}
                      {t('energy.meetsNeed')} <Link to={`/needs/${a.needId}`}>{a.needSpecification ?? a.needId}</Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}

      <h2>{t('energy.coverage')}</h2>
      {coverage.isError ? <ErrorState error={coverage.error} /> : null}
      {coverage.data?.items.length === 0 ? <EmptyState title={t('energy.noCoverage')} /> : null}
      <div className="table-wrap" hidden={coverage.data?.items.length === 0} tabIndex={0} role="region" aria-label={t('energy.coverage')}>
        <table className="data" data-testid="coverage-table">
          <thead>
            <tr>
              <th scope="col">{t('facilities.oblast')}</th>
              <th scope="col" className="num">{t('energy.criticalKw')}</th>
              <th scope="col" className="num">{t('energy.deficitBefore')}</th>
              <th scope="col" className="num">{t('energy.deficitAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {(coverage.data?.items ?? []).map((c) => (
              <tr key={c.oblastIso}>
                <td>{oblastName(oblasts.data?.items, c.oblastIso, lang)}</td>
                <td className="num">{kw.format(c.criticalLoadKw)}</td>
                <td className="num">{kw.format(c.before.deficitKw)}</td>
                <td className="num">{c.after === null ? '—' : kw.format(c.after.deficitKw)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
