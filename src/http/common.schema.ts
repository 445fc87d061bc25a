import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';

/** Shared API building blocks: ids, dates, list envelopes. */
/** A closed set of strings: validated as a JSON-Schema enum, typed as the union of its values. */
export const StringEnum = <T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Uuid = Type.String({ format: 'uuid', description: 'UUIDv7' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Version = Type.Integer({ minimum: 1, description: 'Optimistic-concurrency version; send it back on update' });

export const ListQueryBase = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Opaque; from nextCursor' })),
};

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

/** One field's problem: an English sentence, and for schema rules the rule and its bound so clients can translate it. */
export const FieldProblem = Type.Object({
  path: Type.String(),
  message: Type.String(),
  rule: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Union([Type.Number(), Type.String()])),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(FieldProblem)),
    rowErrors: Type.Optional(Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** A status an AppError answers with a Problem (errors.ts). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

/**
 * Exactly the problems named, for a route that cannot answer all of validation, sign-in and role:
 * a public route (no 401 or 403) or one that takes no input (no 400). Any other route uses `problems`.
 */
export const problemsOnly = <S extends ProblemStatus>(...statuses: S[]): Readonly<Record<S, typeof Problem>> =>
  Object.freeze(Object.fromEntries(statuses.map((status) => [status, Problem])) as Record<S, typeof Problem>);

/** The problems a route answers: always validation, sign-in and role or scope (400, 401, 403), and those it names (e.g. 404, 409). */
export const problems = <S extends ProblemStatus>(...statuses: S[]): Readonly<Record<400 | 401 | 403 | S, typeof Problem>> => problemsOnly<400 | 401 | 403 | S>(400, 401, 403, ...statuses);

/** The problems of a route on one record (validation, sign-in, role or scope, unknown id, stale version or conflict). */
export const ProblemResponses = problems(404, 409);

/** A refused row of an imported file: its number as a spreadsheet shows it (the header is row 1), the column, why. */
export const RowProblem = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });

const importCounts = {
  rows: Type.Integer(),
  imported: Type.Integer({ description: 'Rows stored (in a dry run: none)' }),
  errorCount: Type.Integer({ description: 'Rows refused; only the first ones are listed in errors' }),
  errors: Type.Array(RowProblem),
};

/** What a table import (CSV or XLSX, one record a row) answers; an import with a dry run says whether it was one. */
export const ImportResult = Type.Object({ dryRun: Type.Boolean(), ...importCounts });
export type ImportResult = Static<typeof ImportResult>;

/** The import summary of an import that has more to say (e.g. rows already imported before). */
export const importResultWith = <P extends TProperties>(extra: P) => Type.Object({ dryRun: Type.Boolean(), ...importCounts, ...extra });

/** The import summary of an import that offers no dry run. */
export const ImportResultNoDryRun = Type.Object(importCounts);
export type ImportResultNoDryRun = Static<typeof ImportResultNoDryRun>;
