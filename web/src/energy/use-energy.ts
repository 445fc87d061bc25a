import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { Coverage, FleetList, NeedList, Plan, PlanList, SolveProgressView } from '../../../src/modules/energy/energy.schema.js';
import { api } from '../api/client.js';

export type FleetPage = Static<typeof FleetList>;
export type Needs = Static<typeof NeedList>;
export type Plans = Static<typeof PlanList>;
export type CoverageTable = Static<typeof Coverage>;

/** The energy page's reads, one hook each, keyed so a new plan refreshes what depends on it. */
export const useFleet = () => useQuery({ queryKey: ['energy', 'fleet'], queryFn: () => api<FleetPage>('/api/v1/energy/fleet?limit=500') });
export const useNeeds = () => useQuery({ queryKey: ['energy', 'needs'], queryFn: () => api<Needs>('/api/v1/energy/facilities?limit=15') });
export const usePlans = () => useQuery({ queryKey: ['energy', 'plans'], queryFn: () => api<Plans>('/api/v1/energy/plans?limit=20') });
export const usePlan = (id: string | undefined) =>
  useQuery({ queryKey: ['energy', 'plan', id], queryFn: () => api<Plan>(`/api/v1/energy/plans/${id ?? ''}`), enabled: id !== undefined });
export const useCoverage = (planId: string | undefined) =>
  useQuery({ queryKey: ['energy', 'coverage', planId], queryFn: () => api<CoverageTable>(`/api/v1/energy/coverage${planId === undefined ? '' : `?plan=${planId}`}`) });

/** The solve under way, read every half second while this page runs one: its best plan and proven bound improve as it goes. */
export const useSolveProgress = (running: boolean) =>
  useQuery({
    queryKey: ['energy', 'solve-progress'],
    queryFn: () => api<SolveProgressView>('/api/v1/energy/plans/progress'),
    enabled: running,
    refetchInterval: running ? 500 : false,
  });
