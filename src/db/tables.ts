import type { AssetsTables } from '../modules/assets/assets.tables.js';
import type { EnergyTables } from '../modules/energy/energy.tables.js';
import type { FundingTables } from '../modules/funding/funding.tables.js';
import type { JobsTables } from '../modules/jobs/jobs.tables.js';
import type { MonitoringTables } from '../modules/monitoring/monitoring.tables.js';
import type { NeedsTables } from '../modules/needs/needs.tables.js';
import type { NotificationsTables } from '../modules/notifications/notifications.tables.js';
import type { PartnershipsTables } from '../modules/partnerships/partnerships.tables.js';
import type { ReportingTables } from '../modules/reporting/reporting.tables.js';
import type { SupplyTables } from '../modules/supply/supply.tables.js';

/**
 * Table types. Timestamps are ISO-8601 UTC strings in both dialects so that
 * comparisons and "as of" filters behave the same on SQLite and PostgreSQL.
 */
export interface AreasTable {
  katottg: string;
  level: number;
  parent_katottg: string | null;
  /** Slash-joined KATOTTG codes from the oblast down, ending with "/": prefix match finds sub-areas. */
  path: string;
  category: string;
  iso3166_2: string | null;
  pcode: string | null;
  name_uk: string;
  name_en: string | null;
  geometry: string | null;
}

/** An area's access status over a period (migration 0011); `valid_to` is the first day it no longer holds. */
export interface AreaStatusesTable {
  id: string;
  area_katottg: string;
  status: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OrganizationsTable {
  id: string;
  name_uk: string;
  name_en: string;
  /** Migration 0021; null where the organisation has no Japanese name (Japanese readers see the English one). */
  name_ja: string | null;
  type: string;
  country: string | null;
  iati_org_id: string | null;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface FacilitiesTable {
  id: string;
  code: string;
  name_uk: string;
  name_en: string;
  type: string;
  tier: string;
  ownership: string;
  area_katottg: string;
  /** The area's path, copied so that "in this area or below" is one indexed prefix match. */
  area_path: string;
  lat: number;
  lon: number;
  beds: number;
  staff: number;
  operator_org_id: string | null;
  /** JSON array of service codes. */
  services: string;
  opened_on: string | null;
  closed_on: string | null;
  closed_reason: string | null;
  /** Lower-cased code and names: case-insensitive search for Cyrillic on both dialects. */
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface FacilityHistoryTable {
  id: string;
  facility_id: string;
  version: number;
  action: string;
  actor: string | null;
  at: string;
  /** JSON object: field -> { from, to }. */
  change: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  entity_id: string;
  change: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** A signed head of the audit chain (migration 0013): HMAC-SHA256 over (seq, hash) with CAREBRIDGE_AUDIT_KEY. */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  mac: string;
  at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  body_hash: string;
  status: number;
  response: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  language: string;
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  organization_id: string | null;
  role: string;
  scope_areas: string | null;
  scope_facilities: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface DB extends MonitoringTables, EnergyTables, AssetsTables, FundingTables, NeedsTables, SupplyTables, PartnershipsTables, NotificationsTables, ReportingTables, JobsTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  areas: AreasTable;
  area_statuses: AreaStatusesTable;
  organizations: OrganizationsTable;
  facilities: FacilitiesTable;
  facility_history: FacilityHistoryTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  idempotency_keys: IdempotencyKeysTable;
}
