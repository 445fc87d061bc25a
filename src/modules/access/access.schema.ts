import { Type, type Static } from '@sinclair/typebox';

export const ROLES = ['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserCreate = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    organizationId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;
