import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Role } from '../../../src/modules/access/access.schema.js';
import { api, ApiError, setCsrfToken } from '../api/client.js';

/** Who is signed in (or null), kept by TanStack Query; the CSRF token rides along. Also read before the first render (main.tsx). */
export const sessionQuery = {
  queryKey: ['session'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('/api/v1/sessions/current');
      setCsrfToken(me.csrfToken);
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
};

/** The signed-in user (or null). */
export const useSession = () => useQuery(sessionQuery);

/** A facility reporter and nothing else: their first page is their own facility, not the overview. */
export const reporterOnly = (me: Me | null): boolean => me !== null && me.roles.length > 0 && me.roles.every((r) => r === 'facility_reporter');

export const hasAnyRole = (me: Me | null | undefined, roles: readonly Role[]): boolean => me !== null && me !== undefined && me.roles.some((r) => roles.includes(r));

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api<Me>('/api/v1/sessions', { method: 'POST', body: input }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Replace the session in place (observers keep watching it) and drop what the previous caller saw.
      client.setQueryData(['session'], me);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>('/api/v1/sessions/current', { method: 'DELETE' }),
    onSettled: () => {
      setCsrfToken(null);
      client.setQueryData(['session'], null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  });
}
