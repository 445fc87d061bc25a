import fastifyCookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../context.js';
import { byId, type PageRequest } from '../db/pagination.js';
import { installAccess, PUBLIC, rolesOnly } from './access-rule.js';
import { installErrorHandler } from './error-handler.js';
import { listRoute } from './list-route.js';
import { validatorCompiler } from './validation.js';

interface Row {
  id: string;
  name: string;
  kind: 'a' | 'b';
  beds: number;
}

// 120 rows: ids in order, names and beds in another order with ties, so a keyset must break ties by id.
const ROWS: Row[] = Array.from({ length: 120 }, (_, i) => ({ id: `id-${String(i).padStart(3, '0')}`, name: `n${(i * 7) % 120}`, kind: i % 3 === 0 ? 'a' : 'b', beds: i % 10 }));

const ADMIN: Principal = { userId: 'u1', email: 'a@example.org', memberships: [{ role: 'admin', organizationId: null, scope: { all: true, areaPaths: [], facilityIds: [] } }], sessionId: null, csrfToken: null };

/** Keyset over the array as a repository does it: filter, order by (column, id), rows after the cursor, limit + 1. */
function seek<K extends 'id' | 'name' | 'beds'>(rows: Row[], column: K, descending: boolean, page: PageRequest): Row[] {
  const sign = descending ? -1 : 1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const ordered = [...rows].sort((x, y) => sign * (cmp(x[column], y[column]) || cmp(x.id, y.id)));
  const after = page.after;
  const rest = after === undefined ? ordered : ordered.filter((r) => sign * (cmp(r[column], after.value) || cmp(r.id, after.id)) > 0);
  return rest.slice(0, page.limit + 1);
}

const Item = Type.Object({ id: Type.String(), name: Type.String() });

async function build(): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  installAccess(app, { authenticateToken: async (token) => (token === 'admin' ? ADMIN : null), authenticateSession: async () => null });
  listRoute(app, {
    url: '/api/things',
    access: PUBLIC,
    tags: ['test'],
    filters: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])) }),
    item: Item,
    keyset: byId<Row>(),
    load: async ({ filters }, page) => seek(ROWS.filter((r) => filters.kind === undefined || r.kind === filters.kind), 'id', false, page),
    present: (rows) => rows.map((r) => ({ id: r.id, name: r.name })),
  });
  listRoute(app, {
    url: '/api/sorted',
    access: rolesOnly('admin'),
    tags: ['test'],
    filters: Type.Object({}),
    item: Item,
    maxLimit: 30,
    sort: { columns: ['name', 'beds'] as const, default: 'name' },
    valueOf: (row: Row, column) => row[column],
    load: async (_input, page) => seek(ROWS, page.column, page.descending, page),
    present: (rows) => rows.map((r) => ({ id: r.id, name: r.name })),
  });
  listRoute(app, {
    url: '/api/counted',
    access: PUBLIC,
    tags: ['test'],
    filters: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])) }),
    item: Item,
    defaultLimit: 20,
    keyset: byId<Row>(),
    load: async ({ filters }, page) => seek(ROWS.filter((r) => filters.kind === undefined || r.kind === filters.kind), 'id', false, page),
    present: (rows) => rows.map((r) => ({ id: r.id, name: r.name })),
    besides: { fields: Type.Object({ total: Type.Integer() }), load: async ({ filters }) => ({ total: ROWS.filter((r) => filters.kind === undefined || r.kind === filters.kind).length }) },
  });
  return app;
}

interface ListBody {
  items: { id: string; name: string }[];
  nextCursor: string | null;
}
interface ProblemBody {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

describe('listRoute', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 50 rows by default with a cursor that round-trips to the next page, and null after the last', async () => {
    const first = await app.inject({ url: '/api/things' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<ListBody>();
    expect(page1.items.map((i) => i.id)).toEqual(ROWS.slice(0, 50).map((r) => r.id));
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = (await app.inject({ url: `/api/things?cursor=${encodeURIComponent(page1.nextCursor ?? '')}` })).json<ListBody>();
    expect(page2.items.map((i) => i.id)).toEqual(ROWS.slice(50, 100).map((r) => r.id));
    const page3 = (await app.inject({ url: `/api/things?cursor=${encodeURIComponent(page2.nextCursor ?? '')}` })).json<ListBody>();
    expect(page3.items.map((i) => i.id)).toEqual(ROWS.slice(100).map((r) => r.id));
    expect(page3.nextCursor).toBeNull();
  });

  it('passes the module filters through and keeps paging within them', async () => {
    const res = await app.inject({ url: '/api/things?kind=a&limit=30' });
    const body = res.json<ListBody>();
    const as = ROWS.filter((r) => r.kind === 'a');
    expect(body.items.map((i) => i.id)).toEqual(as.slice(0, 30).map((r) => r.id));
    const next = (await app.inject({ url: `/api/things?kind=a&limit=30&cursor=${encodeURIComponent(body.nextCursor ?? '')}` })).json<ListBody>();
    expect(next.items.map((i) => i.id)).toEqual(as.slice(30).map((r) => r.id));
    expect(next.nextCursor).toBeNull();
  });

  it('refuses a bad limit with 400 naming the field, and an unknown parameter', async () => {
    for (const [query, path] of [['limit=0', '/querystring/limit'], ['limit=501', '/querystring/limit'], ['limit=ten', '/querystring/limit'], ['colour=red', '/querystring/colour']] as const) {
      const res = await app.inject({ url: `/api/things?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json<ProblemBody>().errors.map((e) => e.path), query).toEqual([path]);
    }
    const over = await app.inject({ url: '/api/sorted?limit=31', headers: { authorization: 'Bearer admin' } });
    expect(over.statusCode).toBe(400);
    expect(over.json<ProblemBody>().errors).toEqual([expect.objectContaining({ path: '/querystring/limit', message: 'must be <= 30' })]);
  });

  it('refuses a cursor that is not one, or was made for another sort', async () => {
    const garbage = await app.inject({ url: '/api/things?cursor=not-a-cursor' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json<ProblemBody>().errors).toEqual([{ path: '/cursor', message: 'not a cursor returned by this list with this sort' }]);

    const headers = { authorization: 'Bearer admin' };
    const byBeds = (await app.inject({ url: '/api/sorted?sort=-beds&limit=5', headers })).json<ListBody>();
    const replayed = await app.inject({ url: `/api/sorted?sort=name&cursor=${encodeURIComponent(byBeds.nextCursor ?? '')}`, headers });
    expect(replayed.statusCode).toBe(400);
  });

  it('sorts by the column asked for, breaking ties by id, across pages', async () => {
    const headers = { authorization: 'Bearer admin' };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/sorted?sort=-beds&limit=30${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const body: ListBody = (await app.inject({ url, headers })).json<ListBody>();
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    const expected = [...ROWS].sort((x, y) => y.beds - x.beds || (x.id < y.id ? 1 : -1)).map((r) => r.id);
    expect(seen).toEqual(expected);

    const bad = await app.inject({ url: '/api/sorted?sort=colour', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ProblemBody>().errors.map((e) => e.path)).toEqual(['/querystring/sort']);
  });

  it('answers the list\'s own default length, and its fields about the whole list beside every page', async () => {
    const first = (await app.inject({ url: '/api/counted?kind=a' })).json<ListBody & { total: number }>();
    const as = ROWS.filter((r) => r.kind === 'a');
    expect(first.items.map((i) => i.id)).toEqual(as.slice(0, 20).map((r) => r.id));
    expect(first.total).toBe(as.length);
    const next = (await app.inject({ url: `/api/counted?kind=a&cursor=${encodeURIComponent(first.nextCursor ?? '')}` })).json<ListBody & { total: number }>();
    expect(next.items.map((i) => i.id)).toEqual(as.slice(20, 40).map((r) => r.id));
    expect(next.total).toBe(as.length);
  });

  it('keeps the route behind its access rule and documents it', async () => {
    expect((await app.inject({ url: '/api/sorted' })).statusCode).toBe(401);
    expect(app.declaredRoutes).toEqual(expect.arrayContaining([{ method: 'GET', url: '/api/sorted', rule: rolesOnly('admin') }]));
  });
});
