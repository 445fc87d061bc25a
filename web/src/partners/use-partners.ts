import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { AreaRollup, FollowThrough, PartnerPage } from '../../../src/modules/partnerships/follow-through.schema.js';
import type { Meeting, OverdueList } from '../../../src/modules/partnerships/meetings.schema.js';
import type { Agreement, AgreementList } from '../../../src/modules/partnerships/partnerships.schema.js';
import { api } from '../api/client.js';

export type Agreements = Static<typeof AgreementList>;
export type Overdue = Static<typeof OverdueList>;

/** The partnership pages' reads, one hook each, keyed under 'partners' so a change refreshes them all. */
export const useAgreements = () => useQuery({ queryKey: ['partners', 'agreements'], queryFn: () => api<Agreements>('/api/v1/agreements?limit=200') });
export const useAgreement = (id: string) => useQuery({ queryKey: ['partners', 'agreement', id], queryFn: () => api<Agreement>(`/api/v1/agreements/${id}`) });
export const useFollowThrough = (id: string, currency: string) =>
  useQuery({ queryKey: ['partners', 'follow-through', id, currency], queryFn: () => api<FollowThrough>(`/api/v1/agreements/${id}/follow-through?currency=${currency}`) });
export const useAgreementMeetings = (id: string) =>
  useQuery({ queryKey: ['partners', 'meetings', id], queryFn: () => api<{ items: Meeting[] }>(`/api/v1/meetings?agreementId=${id}&limit=100`) });
export const useMeeting = (id: string) => useQuery({ queryKey: ['partners', 'meeting', id], queryFn: () => api<Meeting>(`/api/v1/meetings/${id}`) });
export const usePartnerPage = (orgId: string, currency: string) =>
  useQuery({ queryKey: ['partners', 'partner', orgId, currency], queryFn: () => api<PartnerPage>(`/api/v1/partners/${orgId}?currency=${currency}`) });
export const useAreaRollup = (area: string, currency: string) =>
  useQuery({ queryKey: ['partners', 'area', area, currency], queryFn: () => api<AreaRollup>(`/api/v1/priority-areas/${area}/follow-through?currency=${currency}`) });
export const useOverdue = (enabled: boolean) =>
  useQuery({ queryKey: ['partners', 'overdue'], queryFn: () => api<Overdue>('/api/v1/action-items/overdue?limit=20'), enabled });

/** The currencies totals can be shown in (the funding capability's list). */
export const CURRENCIES = ['USD', 'EUR', 'JPY', 'UAH'] as const;
