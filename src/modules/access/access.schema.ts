import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from '../../http/common.schema.js';

export const ROLES = ['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = StringEnum(ROLES);

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
