import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';

export const ORGANIZATION_TYPES = [
  'ministry', 'regional_health_dept', 'donor_government', 'bilateral_agency', 'multilateral', 'ngo', 'private', 'facility_operator',
] as const;
const OrganizationType = StringEnum(ORGANIZATION_TYPES);

export const Organization = Type.Object({
  id: Uuid,
  nameUk: Type.String(),
  nameEn: Type.String(),
  /** Null where the organisation has no Japanese name: a Japanese reader sees `nameEn` then. */
  nameJa: Type.Union([Type.String(), Type.Null()]),
  type: OrganizationType,
  country: Type.Union([Type.String(), Type.Null()]),
  iatiOrgId: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Uuid, Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Organization = Static<typeof Organization>;

const fields = {
  nameUk: Type.String({ minLength: 1, maxLength: 300 }),
  nameEn: Type.String({ minLength: 1, maxLength: 300 }),
  nameJa: Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()]),
  type: OrganizationType,
  country: Type.Union([Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }), Type.Null()]),
  iatiOrgId: Type.Union([Type.String({ pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9.]+)+$', maxLength: 100, description: 'IATI organisation identifier, e.g. XM-DAC-701-8' }), Type.Null()]),
  parentId: Type.Union([Uuid, Type.Null()]),
};

export const OrganizationCreate = Type.Object(
  {
    nameUk: fields.nameUk,
    nameEn: fields.nameEn,
    nameJa: Type.Optional(fields.nameJa),
    type: fields.type,
    country: Type.Optional(fields.country),
    iatiOrgId: Type.Optional(fields.iatiOrgId),
    parentId: Type.Optional(fields.parentId),
  },
  { additionalProperties: false },
);
export type OrganizationCreate = Static<typeof OrganizationCreate>;

export const OrganizationUpdate = Type.Composite([Type.Object({ version: Version }), Type.Partial(OrganizationCreate)], { additionalProperties: false });
export type OrganizationUpdate = Static<typeof OrganizationUpdate>;

export const OrganizationListFilters = Type.Object(
  {
    type: Type.Optional(OrganizationType),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type OrganizationListFilters = Static<typeof OrganizationListFilters>;
export const OrganizationList = ListOf(Organization);
