import { queryString } from '../api/client.js';

/** The facility picker's list request; the offline warm-up asks for the very same URL so the worker's copy matches. */
export const pickerListUrl = (q: string): string => `/api/v1/facilities${queryString({ q: q === '' ? undefined : q, limit: 50, status: 'open', sort: 'name_en' })}`;
