import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationList, Subscriptions, SubscriptionsUpdate } from '../../../src/modules/notifications/notifications.schema.js';
import { api, queryString } from '../api/client.js';

const KEY = 'notifications';
/** How often the bell asks for the unread count while the page is open (the worker drains every few seconds). */
const POLL_MS = 30_000;

/** The user's notifications (newest first) with the unread count; `unread` keeps only those not read yet. */
export const useNotifications = (options: { unread?: boolean; limit?: number; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [KEY, 'list', options.unread === true, options.limit ?? 50],
    queryFn: () => api<NotificationList>(`/api/v1/notifications${queryString({ limit: options.limit ?? 50, ...(options.unread === true ? { unread: 'true' } : {}) })}`),
    enabled: options.enabled ?? true,
    refetchInterval: POLL_MS,
  });

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => (id === 'all' ? api<unknown>('/api/v1/notifications/read-all', { method: 'POST' }) : api<Notification>(`/api/v1/notifications/${id}/read`, { method: 'POST' })),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export const useSubscriptions = () => useQuery({ queryKey: [KEY, 'subscriptions'], queryFn: () => api<Subscriptions>('/api/v1/notifications/subscriptions') });

export function useSaveSubscriptions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubscriptionsUpdate) => api<Subscriptions>('/api/v1/notifications/subscriptions', { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData([KEY, 'subscriptions'], saved),
  });
}
