import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../context.js';
import { byId, closePage, DEFAULT_LIMIT, type Keyset, MAX_LIMIT, openPage, type PageRequest, parseSort, type SortedPageRequest } from '../db/pagination.js';
import type { AccessRule } from './access-rule.js';
import { ListOf, problems, type ProblemStatus } from './common.schema.js';

/** What a list's loader gets besides the page: the validated filters and path parameters, and the caller. */
export interface ListInput<F extends TObject, P extends TObject> {
  filters: Static<F>;
  params: Static<P>;
  principal: Principal | null;
  request: FastifyRequest;
}

interface ListRouteCommon<F extends TObject, P extends TObject, I extends TSchema, R, E extends TObject> {
  url: string;
  access: AccessRule;
  tags: readonly string[];
  /** The module's filters only; the kit adds `limit`, `cursor` and, for a sortable list, `sort`. */
  filters: F;
  params?: P;
  item: I;
  /** Below the API-wide maximum for a list whose rows are heavy. */
  maxLimit?: number;
  /** The page length when the caller names none, for a list that has always answered another (by default 50, or maxLimit if lower). */
  defaultLimit?: number;
  /** What the list answers besides validation, sign-in and role (400, 401, 403); by default 404 for a list under a path parameter. */
  problems?: readonly ProblemStatus[];
  present(rows: R[], input: ListInput<F, P>): Static<I>[] | Promise<Static<I>[]>;
  /** Fields the answer carries beside the page, about the whole list rather than this page (e.g. the fleet's totals by status). */
  besides?: { fields: E; load(input: ListInput<F, P>): Promise<Static<E>> };
}

/** A list read in one order. `load` fetches up to `page.limit + 1` rows after `page.after`. */
export interface FixedOrderList<F extends TObject, P extends TObject, I extends TSchema, R, E extends TObject = TObject> extends ListRouteCommon<F, P, I, R, E> {
  keyset: Keyset<R>;
  load(input: ListInput<F, P>, page: PageRequest): Promise<R[]>;
}

/** A list in (reverse) creation order: ids are UUIDv7. */
export interface IdOrderList<F extends TObject, P extends TObject, I extends TSchema, R extends { id: string }, E extends TObject = TObject> extends ListRouteCommon<F, P, I, R, E> {
  keyset: 'id' | '-id';
  load(input: ListInput<F, P>, page: PageRequest): Promise<R[]>;
}

/** A list the caller orders with `?sort=column` or `?sort=-column`; ties are broken by id. */
export interface SortableList<F extends TObject, P extends TObject, I extends TSchema, R extends { id: string }, S extends string, E extends TObject = TObject> extends ListRouteCommon<F, P, I, R, E> {
  sort: { columns: readonly S[]; default: S };
  valueOf(row: R, column: S): string | number;
  load(input: ListInput<F, P>, page: SortedPageRequest<S>): Promise<R[]>;
}

function keysetOf<R extends { id: string }>(keyset: Keyset<R> | 'id' | '-id'): Keyset<R> {
  return typeof keyset === 'string' ? byId<R>(keyset === '-id') : keyset;
}

const PAGING_FIELDS = new Set(['limit', 'cursor', 'sort']);

/** The module's filters with the common paging parameters, refusing unknown ones. */
function querySchema(filters: TObject, maxLimit: number, defaultLimit: number, sort: { columns: readonly string[]; default: string } | undefined): TObject {
  return Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit })),
      cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Opaque; from nextCursor' })),
      ...filters.properties,
      ...(sort === undefined ? {} : { sort: Type.Optional(Type.String({ pattern: `^-?(${sort.columns.join('|')})$`, description: 'Field, with "-" for descending', default: sort.default })) }),
    },
    { additionalProperties: false },
  );
}

/**
 * Registers a keyset-paginated GET list: the query schema, the default and maximum limit, sort
 * parsing, the cursor (bound to the order, so it cannot be replayed against another), the
 * `{ items, nextCursor }` envelope (with the list's `besides` fields, if any) and the problem responses.
 * The module supplies its filters, how to load rows (a service call) and how to present them.
 */
export function listRoute<F extends TObject, P extends TObject, I extends TSchema, R extends { id: string }, E extends TObject = TObject>(app: FastifyInstance, options: IdOrderList<F, P, I, R, E>): void;
export function listRoute<F extends TObject, P extends TObject, I extends TSchema, R, E extends TObject = TObject>(app: FastifyInstance, options: FixedOrderList<F, P, I, R, E>): void;
export function listRoute<F extends TObject, P extends TObject, I extends TSchema, R extends { id: string }, S extends string, E extends TObject = TObject>(app: FastifyInstance, options: SortableList<F, P, I, R, S, E>): void;
export function listRoute<F extends TObject, P extends TObject, I extends TSchema, R extends { id: string }, S extends string, E extends TObject>(
  app: FastifyInstance,
  options: IdOrderList<F, P, I, R, E> | FixedOrderList<F, P, I, R, E> | SortableList<F, P, I, R, S, E>,
): void {
  const { url, access, tags, filters, params, item, maxLimit = MAX_LIMIT, besides } = options;
  const defaultLimit = options.defaultLimit ?? Math.min(DEFAULT_LIMIT, maxLimit);
  const answers = options.problems ?? (params === undefined ? [] : [404 as const]);
  const sort = 'sort' in options ? options.sort : undefined;
  const besidesOf = async (input: ListInput<F, P>): Promise<Static<E> | Record<string, never>> => (besides === undefined ? {} : besides.load(input));
  app.route({
    method: 'GET',
    url,
    config: { access },
    schema: {
      tags: [...tags],
      querystring: querySchema(filters, maxLimit, defaultLimit, sort),
      ...(params === undefined ? {} : { params }),
      response: { 200: besides === undefined ? ListOf(item) : Type.Object({ ...ListOf(item).properties, ...besides.fields.properties }), ...problems(...answers) },
    },
    handler: async (request) => {
      // The schema has validated and defaulted the query and params; the casts only name what it checked.
      const query = request.query as Record<string, unknown> & { limit?: number; cursor?: string; sort?: string };
      const input: ListInput<F, P> = {
        filters: Object.fromEntries(Object.entries(query).filter(([name]) => !PAGING_FIELDS.has(name))),
        params: (request.params ?? {}) as Static<P>,
        principal: request.principal,
        request,
      };
      if ('sort' in options) {
        const parsed = parseSort(query.sort, options.sort.columns, options.sort.default);
        const keyset: Keyset<R> = { key: parsed.key, valueOf: (row) => options.valueOf(row, parsed.column), idOf: (row) => row.id };
        const page = { ...openPage(query, keyset.key), column: parsed.column, descending: parsed.descending };
        const { rows, nextCursor } = closePage(await options.load(input, page), page, keyset);
        return { items: await options.present(rows, input), nextCursor, ...(await besidesOf(input)) };
      }
      const keyset = keysetOf(options.keyset);
      const page = openPage(query, keyset.key);
      const { rows, nextCursor } = closePage(await options.load(input, page), page, keyset);
      return { items: await options.present(rows, input), nextCursor, ...(await besidesOf(input)) };
    },
  });
}
