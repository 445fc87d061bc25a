import { Type, type Static, type TSchema } from '@sinclair/typebox';

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
