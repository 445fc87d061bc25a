import { v7 } from 'uuid';

/** A new UUIDv7: time-ordered, so inserts stay at the end of indexes. */
export const newId = (): string => v7();

/** Current time as ISO-8601 UTC, the one timestamp format stored in both dialects. */
export const nowIso = (): string => new Date().toISOString();
