import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { Static } from '@sinclair/typebox';
import type { OrganizationList } from '../../../src/modules/organizations/organizations.schema.js';
import type { Project, ProjectList } from '../../../src/modules/funding/projects.schema.js';
import type { Totals, TransactionList } from '../../../src/modules/funding/transactions.schema.js';
import { api, queryString } from '../api/client.js';
import { organizationName } from '../app/format/organization-name.js';

export type Organizations = Static<typeof OrganizationList>;
export type Projects = Static<typeof ProjectList>;
export type Transactions = Static<typeof TransactionList>;

/** The funding pages' reads, one hook each; keys start with 'funding' so a new transaction refreshes them all. */
export const useProjects = (filters: Record<string, string | undefined>) =>
  useQuery({ queryKey: ['funding', 'projects', filters], queryFn: () => api<Projects>(`/api/v1/projects${queryString({ ...filters, limit: 50 })}`), placeholderData: (previous) => previous });

export const useProject = (id: string) => useQuery({ queryKey: ['funding', 'project', id], queryFn: () => api<Project>(`/api/v1/projects/${id}`) });

export const useTransactions = (id: string) => useQuery({ queryKey: ['funding', 'project', id, 'transactions'], queryFn: () => api<Transactions>(`/api/v1/projects/${id}/transactions?limit=500`) });

export const useTotals = (id: string, currency: string) =>
  useQuery({ queryKey: ['funding', 'project', id, 'totals', currency], queryFn: () => api<Totals>(`/api/v1/projects/${id}/totals?currency=${currency}`) });

/** Organisations change rarely; one list (up to the API's page limit) names participants and fills pickers. */
export const useOrganizations = () => useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api<Organizations>('/api/v1/organizations?limit=500'), staleTime: 10 * 60_000 });

/** The name of the organisation with this id, from the list above, in the reader's language. */
export function organizationNameById(orgs: Organizations | undefined, id: string | null, lang: string): string {
  if (id === null) return '—';
  // While the list loads there is nothing to say yet; a missing one is named as unknown, never by its id.
  if (orgs === undefined) return '…';
  const o = orgs.items.find((x) => x.id === id);
  if (o === undefined) return i18next.t('funding.unknownOrganization', { lng: lang });
  return organizationName(o, lang);
}
