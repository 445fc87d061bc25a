import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/database.js';
import { byColumn } from '../../db/pagination.js';
import { contextOf, principalOf, PUBLIC, rolesOnly, SESSION_COOKIE, SIGNED_IN } from '../../http/access-rule.js';
import { listRoute } from '../../http/list-route.js';
import { IdParams, problems, Uuid } from '../../http/common.schema.js';
import { presentMembership, presentToken, presentUser } from './access.presenter.js';
import { AccessEnded, Me, Membership, MembershipCreate, PasswordChange, SignIn, TokenCreate, TokenCreated, TokenList, User, UserCreate, UserListFilters, UserLocked, UserUpdate } from './access.schema.js';
import {
  addMembership,
  createToken,
  createUser,
  getUser,
  listUserRows,
  membershipsByUser,
  membershipsOfUser,
  removeMembership,
  revokeTokenRecord,
  tokensVisibleTo,
  updateUserRecord,
} from './access.service.js';
import { lockUser, unlockUser } from './access.lock.js';
import { changePassword, signIn, signOut } from './access.sessions.js';
import type { UserRow } from './access.repository.js';
import type { SignInThrottle } from './access.throttle.js';

const ADMIN = rolesOnly('admin');
/** Marks a browser that has signed in (access.throttle.ts): only sent back to the sign-in route. */
const DEVICE_COOKIE = 'cb_device';
const DEVICE_COOKIE_SECONDS = 365 * 86_400;
const errors = problems(404, 409, 429);

export function accessRoutes(database: Database, throttle: SignInThrottle): FastifyPluginAsyncTypebox {
  return async (app) => {
    const me = async (userId: string, csrfToken: string | null, roles: readonly string[]) => {
      const user = await getUser(database, userId);
      return { user: presentUser(user, await membershipsOfUser(database, userId)), roles: [...new Set(roles)] as Me['roles'], csrfToken };
    };

    app.post('/api/v1/sessions', { config: { access: PUBLIC }, schema: { tags: ['access'], body: SignIn, response: { 201: Me, ...errors } } }, async (req, reply) => {
      const signed = await signIn(database, throttle, { email: req.body.email, password: req.body.password, address: req.ip, device: req.cookies[DEVICE_COOKIE], requestId: req.id });
      void reply.setCookie(SESSION_COOKIE, signed.secret, { httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', path: '/', expires: new Date(signed.expiresAt) });
      void reply.setCookie(DEVICE_COOKIE, signed.device, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: '/api/v1/sessions', maxAge: DEVICE_COOKIE_SECONDS });
      return reply.code(201).send(await me(signed.principal.userId, signed.principal.csrfToken, signed.principal.memberships.map((m) => m.role)));
    });
    app.get('/api/v1/sessions/current', { config: { access: SIGNED_IN }, schema: { tags: ['access'], response: { 200: Me, ...errors } } }, async (req) => {
      const p = principalOf(req);
      return me(p.userId, p.csrfToken, p.memberships.map((m) => m.role));
    });
    app.delete('/api/v1/sessions/current', { config: { access: SIGNED_IN }, schema: { tags: ['access'], response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      await signOut(database, contextOf(req));
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    });
    app.post('/api/v1/users/me/password', { config: { access: SIGNED_IN }, schema: { tags: ['access'], body: PasswordChange, response: { 200: AccessEnded, ...errors } } }, async (req) =>
      changePassword(database, contextOf(req), req.body),
    );

    listRoute(app, {
      url: '/api/v1/users',
      access: ADMIN,
      tags: ['access'],
      filters: UserListFilters,
      item: User,
      // The route has always declared the module's whole error map; kept so its responses stay as documented.
      problems: [404, 409, 429],
      keyset: byColumn<UserRow>('email', (row) => row.email),
      load: ({ filters }, page) => listUserRows(database, filters.q, page),
      present: async (rows) => {
        const memberships = await membershipsByUser(database, rows.map((u) => u.id));
        return rows.map((u) => presentUser(u, memberships.get(u.id) ?? []));
      },
    });
    app.post('/api/v1/users', { config: { access: ADMIN }, schema: { tags: ['access'], body: UserCreate, response: { 201: User, ...errors } } }, async (req, reply) => {
      const user = await createUser(database, contextOf(req), req.body);
      return reply.code(201).send(presentUser(user, await membershipsOfUser(database, user.id)));
    });
    app.get('/api/v1/users/:id', { config: { access: ADMIN }, schema: { tags: ['access'], params: IdParams, response: { 200: User, ...errors } } }, async (req) =>
      presentUser(await getUser(database, req.params.id), await membershipsOfUser(database, req.params.id)),
    );
    app.patch('/api/v1/users/:id', { config: { access: ADMIN }, schema: { tags: ['access'], params: IdParams, body: UserUpdate, response: { 200: User, ...errors } } }, async (req) => {
      const user = await updateUserRecord(database, contextOf(req), req.params.id, req.body);
      return presentUser(user, await membershipsOfUser(database, user.id));
    });
    app.post('/api/v1/users/:id/lock', { config: { access: ADMIN }, schema: { tags: ['access'], params: IdParams, response: { 200: UserLocked, ...errors } } }, async (req) => {
      const locked = await lockUser(database, contextOf(req), { id: req.params.id });
      return { ...locked, user: presentUser(locked.user, await membershipsOfUser(database, locked.user.id)) };
    });
    app.post('/api/v1/users/:id/unlock', { config: { access: ADMIN }, schema: { tags: ['access'], params: IdParams, response: { 200: User, ...errors } } }, async (req) => {
      const user = await unlockUser(database, contextOf(req), { id: req.params.id });
      return presentUser(user, await membershipsOfUser(database, user.id));
    });
    app.post('/api/v1/users/:id/memberships', { config: { access: ADMIN }, schema: { tags: ['access'], params: IdParams, body: MembershipCreate, response: { 201: Membership, ...errors } } }, async (req, reply) =>
      reply.code(201).send(presentMembership(await addMembership(database, contextOf(req), req.params.id, req.body))),
    );
    app.delete(
      '/api/v1/users/:id/memberships/:membershipId',
      { config: { access: ADMIN }, schema: { tags: ['access'], params: Type.Object({ id: Uuid, membershipId: Uuid }), response: { 204: Type.Null(), ...errors } } },
      async (req, reply) => {
        await removeMembership(database, contextOf(req), req.params.id, req.params.membershipId);
        return reply.code(204).send(null);
      },
    );

    app.get('/api/v1/tokens', { config: { access: SIGNED_IN }, schema: { tags: ['access'], response: { 200: TokenList, ...errors } } }, async (req) => ({
      items: (await tokensVisibleTo(database, principalOf(req))).map(presentToken),
    }));
    app.post('/api/v1/tokens', { config: { access: SIGNED_IN }, schema: { tags: ['access'], body: TokenCreate, response: { 201: TokenCreated, ...errors } } }, async (req, reply) => {
      const created = await createToken(database, contextOf(req), { email: principalOf(req).email, name: req.body.name, ...(req.body.expiresDays === undefined ? {} : { expiresDays: req.body.expiresDays }) });
      return reply.code(201).send({ ...presentToken(created), token: created.token });
    });
    app.delete('/api/v1/tokens/:id', { config: { access: SIGNED_IN }, schema: { tags: ['access'], params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      await revokeTokenRecord(database, contextOf(req), principalOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}

