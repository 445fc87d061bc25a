import type { Role } from '../../../src/modules/access/access.schema.js';
import { REPORTING_ROLES } from '../reporting/reporting-roles.js';
import { EVERY_ROLE } from '../access/every-role.js';

/** The left navigation (DESIGN §11) as data, shared by the side bar and the phone tab bar. */
export interface NavItem {
  to: string;
  label: string;
  /** Roles that see the item; undefined: everyone signed in or not. */
  roles?: readonly Role[];
  ready: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.overview', ready: true },
  // The facility reporter's home: its facility's status, needs, deliveries, stock, attacks and equipment.
  { to: '/my-facility', label: 'nav.myFacility', ready: true, roles: ['facility_reporter'] },
  { to: '/facilities', label: 'nav.facilities', ready: true, roles: EVERY_ROLE },
  { to: '/monitoring', label: 'nav.monitoring', ready: true, roles: EVERY_ROLE },
  // Needs and projects are read by every signed-in role (needs within the caller's registry scope); open data is public.
  { to: '/needs', label: 'nav.needs', ready: true, roles: EVERY_ROLE },
  { to: '/funding', label: 'nav.funding', ready: true, roles: EVERY_ROLE },
  { to: '/partners', label: 'nav.partners', ready: true, roles: ['admin', 'coordinator', 'analyst', 'donor_officer'] },
  // Every signed-in role reads supply (filtered by scope in SQL); write actions show only to writers (web/src/supply/supply-access.ts).
  { to: '/supply', label: 'nav.supply', ready: true, roles: EVERY_ROLE },
  { to: '/energy', label: 'nav.energy', ready: true, roles: ['admin', 'coordinator'] },
  // Who has reported for the period (issue 15): those who follow up on reports; the API answers any signed-in role in its scope.
  { to: '/reporting', label: 'reporting.nav', ready: true, roles: REPORTING_ROLES },
  { to: '/open-data', label: 'nav.openData', ready: true },
  // The organisations registry: who may create and edit one (POST/PATCH /api/v1/organizations) sees it.
  { to: '/admin/organizations', label: 'organizations.nav', ready: true, roles: ['admin', 'coordinator'] },
  { to: '/admin/users', label: 'nav.users', ready: true, roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', ready: true, roles: ['admin'] },
];
