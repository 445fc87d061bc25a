import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const ROLES = ['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = StringEnum(ROLES);
export const LANGUAGES = ['uk', 'en', 'ja'] as const;
const Language = StringEnum(LANGUAGES);
const Email = Type.String({ format: 'email', maxLength: 200 });
const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
const Katottg = Type.String({ pattern: '^UA[0-9]{17}$' });

export const MembershipCreate = Type.Object(
  {
    role: RoleSchema,
    organizationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    scopeAreas: Type.Optional(Type.Union([Type.Array(Katottg, { minItems: 1, maxItems: 100, uniqueItems: true }), Type.Null()], { description: 'KATOTTG codes; null or absent: all areas' })),
    scopeFacilities: Type.Optional(Type.Union([Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type MembershipCreate = Static<typeof MembershipCreate>;

export const Membership = Type.Object({
  id: Uuid,
  role: RoleSchema,
  organizationId: Type.Union([Uuid, Type.Null()]),
  scopeAreas: Type.Union([Type.Array(Type.String()), Type.Null()]),
  scopeFacilities: Type.Union([Type.Array(Type.String()), Type.Null()]),
});
export type Membership = Static<typeof Membership>;

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  language: Language,
  disabled: Type.Boolean(),
  memberships: Type.Array(Membership),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type User = Static<typeof User>;

export const UserCreate = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.Optional(Language),
    password: Type.Optional(Password),
    memberships: Type.Array(MembershipCreate, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(
  {
    version: Version,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    language: Type.Optional(Language),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserUpdate = Static<typeof UserUpdate>;

/** The user list's filter; listRoute adds the paging parameters. */
export const UserListFilters = Type.Object({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });

export const SignIn = Type.Object({ email: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type SignIn = Static<typeof SignIn>;

export const Me = Type.Object({
  user: User,
  roles: Type.Array(RoleSchema),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});
export type Me = Static<typeof Me>;

export const PasswordChange = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password }, { additionalProperties: false });
export type PasswordChange = Static<typeof PasswordChange>;

const EndedAccess = {
  endedSessions: Type.Integer({ minimum: 0, description: 'Sessions ended' }),
  endedTokens: Type.Integer({ minimum: 0, description: 'API tokens revoked' }),
};
export const AccessEnded = Type.Object(EndedAccess);
export const UserLocked = Type.Object({ user: User, ...EndedAccess });
export type UserLocked = Static<typeof UserLocked>;

export const TokenCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), expiresDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
  { additionalProperties: false },
);
export type TokenCreate = Static<typeof TokenCreate>;

export const Token = Type.Object({
  id: Uuid,
  userId: Uuid,
  name: Type.String(),
  createdAt: IsoDateTime,
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Token = Static<typeof Token>;
export const TokenList = Type.Object({ items: Type.Array(Token) });
export const TokenCreated = Type.Composite([Token, Type.Object({ token: Type.String({ description: 'Shown once; store it now' }) })]);
