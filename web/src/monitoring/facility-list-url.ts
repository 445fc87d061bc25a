import { queryString } from '../api/client.js';

/**
 * The facility picker's list request: only the facilities the caller works for (reports, attacks, deliveries,
 * stock), so a choice the server would refuse is never offered. The offline warm-up asks for the very same URL
 * so the worker's copy matches.
 */
export const pickerListUrl = (q: string): string => `/api/v1/facilities${queryString({ q: q === '' ? undefined : q, limit: 50, status: 'open', scope: 'work', sort: 'name_en' })}`;
