import { systemContext } from '../../src/context.js';
import type { Database } from '../../src/db/database.js';
import type { MembershipCreate, Role } from '../../src/modules/access/access.schema.js';
import { createToken, createUser } from '../../src/modules/access/access.service.js';
import type { FacilityCreate } from '../../src/modules/facilities/facilities.schema.js';

let counter = 0;
const unique = (): string => `${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

/** A valid facility in Lviv oblast; override what the test is about. */
export const buildFacility = (overrides: Partial<FacilityCreate> = {}): FacilityCreate => ({
  code: `T-${unique()}`,
  nameUk: 'Тестова лікарня',
  nameEn: 'Test hospital',
  type: 'city_hospital',
  tier: 'secondary',
  ownership: 'communal',
  areaKatottg: 'UA46000000000026241',
  lat: 49.84,
  lon: 24.03,
  beds: 120,
  staff: 300,
  services: ['surgery', 'emergency'],
  openedOn: '1990-01-01',
  ...overrides,
});

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user with one membership (national scope unless given) and a bearer token for it. */
export async function userWithToken(
  database: Database,
  role: Role,
  scope: Pick<MembershipCreate, 'scopeAreas' | 'scopeFacilities' | 'organizationId'> = {},
): Promise<{ id: string; email: string; token: string; headers: { authorization: string } }> {
  const email = `${role}-${unique().toLowerCase()}@test.example`;
  const user = await createUser(database, systemContext('test'), { email, name: role, password: TEST_PASSWORD, memberships: [{ role, ...scope }] });
  const { token } = await createToken(database, systemContext('test'), { email });
  return { id: user.id, email, token, headers: { authorization: `Bearer ${token}` } };
}
