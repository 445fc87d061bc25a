import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, StringEnum, Uuid } from '../../http/common.schema.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A job resource (`/api/v1/jobs/:id`): long work's status, progress and, once, its result. */
export const Job = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'What the job does: energy_plan, iati_export, …' }),
  status: StringEnum(JOB_STATUSES),
  progress: Type.Object({
    done: Type.Integer({ minimum: 0 }),
    total: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'null while not known' }),
    phase: Type.String({ description: 'One word for the step under way: queued, solving, exporting…' }),
  }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why the job failed, as a sentence for the user' }),
  resultUrl: Type.Union([Type.String(), Type.Null()], { description: 'Where the result can be fetched, once: the work\'s result, or for a failed job the problem with its details (an import\'s row errors) when there are any; null before the end and after the fetch' }),
  resultFetchedAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
  startedAt: Type.Union([IsoDateTime, Type.Null()]),
  finishedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Job = Static<typeof Job>;
