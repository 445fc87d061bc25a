import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallContext, Principal } from '../context.js';
import { AppError } from '../errors.js';
import type { Role } from '../modules/access/access.schema.js';

/**
 * Who may call a route. Every /api route declares one in its `config.access`;
 * a route without a declaration refuses to register, so the default is deny.
 */
export type AccessRule = { readonly public: true } | { readonly roles: readonly Role[] };

export const PUBLIC: AccessRule = Object.freeze({ public: true });
export const rolesOnly = (...roles: Role[]): AccessRule => Object.freeze({ roles: Object.freeze(roles) });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AccessOptions {
  /** Resolves a bearer secret to a principal; null when unknown, revoked or expired. */
  authenticate(token: string): Promise<Principal | null>;
}

/** Installs the declaration check, authentication and the per-route authorisation. */
export function installAccess(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/')) return;
    // The OpenAPI document and its viewer are registered by a plugin; they are public by design.
    if (url.startsWith('/api/docs') && route.config?.access === undefined) {
      route.config = { ...route.config, access: PUBLIC };
      return;
    }
    if (route.config?.access === undefined) throw new Error(`Route ${String(route.method)} ${url} declares no access rule (config.access).`);
  });
  // Authorisation runs before the body is parsed or validated: a caller who may
  // not use a route learns nothing about its input rules.
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match?.[1] === undefined ? null : await options.authenticate(match[1]);
      if (principal === null) throw new AppError('unauthenticated', 'The bearer token is unknown, revoked or expired.');
      request.principal = principal;
    }
    const rule = request.routeOptions.config.access;
    if (rule === undefined || 'public' in rule) return;
    if (request.principal === null) throw new AppError('unauthenticated', 'Sign in or send a bearer token to use this route.');
    if (!rule.roles.includes(request.principal.role)) {
      throw new AppError('forbidden', `Your role (${request.principal.role}) may not use this route.`);
    }
  });
}

export const contextOf = (request: FastifyRequest): CallContext => ({ principal: request.principal, requestId: request.id });
