import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallContext, Principal } from '../context.js';
import { AppError } from '../errors.js';
import type { Role } from '../modules/access/access.schema.js';
import { hasRole } from '../scope.js';

/**
 * Who may call a route. Every /api route declares one in its `config.access`;
 * a route without a declaration refuses to register, so the default is deny.
 * `scoped` names what the route's :id is when the service also checks the
 * caller's scope (the access matrix test uses it to try in- and out-of-scope ids).
 */
export type AccessRule =
  | { readonly public: true }
  | { readonly signedIn: true; readonly scoped?: 'facility' }
  | { readonly roles: readonly Role[]; readonly scoped?: 'facility' };

export const PUBLIC: AccessRule = Object.freeze({ public: true });
export const SIGNED_IN: AccessRule = Object.freeze({ signedIn: true });
export const rolesOnly = (...roles: Role[]): AccessRule => Object.freeze({ roles: Object.freeze(roles) });
export const scopedTo = (rule: AccessRule, scoped: 'facility'): AccessRule => Object.freeze({ ...rule, scoped });

export interface DeclaredRoute {
  method: string;
  url: string;
  rule: AccessRule;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}

export const SESSION_COOKIE = 'cb_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AccessOptions {
  /** Resolves a bearer secret to a principal; null when unknown, revoked or expired. */
  authenticateToken(token: string): Promise<Principal | null>;
  /** Resolves a session cookie to a principal; null when unknown, ended or expired. */
  authenticateSession(secret: string): Promise<Principal | null>;
}

/** Installs the declaration check, authentication (bearer or session cookie + CSRF) and per-route authorisation. */
export function installAccess(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('principal', null);
  app.decorate('declaredRoutes', [] as DeclaredRoute[]);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/')) return;
    // The OpenAPI document and its viewer are registered by a plugin; they are public by design.
    if (url.startsWith('/api/docs') && route.config?.access === undefined) {
      route.config = { ...route.config, access: PUBLIC };
      return;
    }
    const rule = route.config?.access;
    if (rule === undefined) throw new Error(`Route ${String(route.method)} ${url} declares no access rule (config.access).`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.declaredRoutes.push({ method, url, rule });
  });
  // Authorisation runs before the body is parsed or validated: a caller who may
  // not use a route learns nothing about its input rules.
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match?.[1] === undefined ? null : await options.authenticateToken(match[1]);
      if (principal === null) throw new AppError('unauthenticated', 'The bearer token is unknown, revoked or expired.');
      request.principal = principal;
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret !== undefined && secret !== '') {
        request.principal = await options.authenticateSession(secret);
        // A session cookie rides along automatically, so a page on another site could
        // send it: unsafe methods must also carry the token only our page can read.
        if (request.principal !== null && UNSAFE.has(request.method) && rule !== undefined && !('public' in rule) && request.headers[CSRF_HEADER] !== request.principal.csrfToken) {
          throw new AppError('forbidden', `The ${CSRF_HEADER} header is missing or wrong; reload the page and try again.`);
        }
      }
    }
    if (rule === undefined || 'public' in rule) return;
    if (request.principal === null) throw new AppError('unauthenticated', 'Sign in or send a bearer token to use this route.');
    if ('roles' in rule && !hasRole(request.principal, rule.roles)) {
      throw new AppError('forbidden', `Your role may not use this route (it needs one of: ${rule.roles.join(', ')}).`);
    }
  });
}

export const contextOf = (request: FastifyRequest): CallContext => ({ principal: request.principal, requestId: request.id });

/** The signed-in caller of a route whose rule already required one. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new AppError('unauthenticated', 'Sign in first.');
  return request.principal;
}
