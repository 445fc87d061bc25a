/** Tables owned by partnerships (merged into the DB interface in src/db/tables.ts). JSON columns are validated by the schemas. */
export interface AgreementsTable {
  id: string;
  kind: string;
  /** JSON { en, uk?, ja? }. */
  title: string;
  status: string;
  signed_on: string | null;
  start_date: string;
  end_date: string | null;
  /** JSON [{ name, position, organizationId }]. */
  signatories: string;
  /** JSON [{ amount, currency, note? }]: what the text of the agreement states, apart from recorded transactions. */
  pledges: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AgreementPartnersTable {
  agreement_id: string;
  organization_id: string;
}

export interface AgreementAreasTable {
  agreement_id: string;
  area: string;
  position: number;
  /** JSON [{ quantity, unit }]. */
  targets: string;
}

export interface AgreementDocumentsTable {
  id: string;
  agreement_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: string;
}

export interface MeetingsTable {
  id: string;
  agreement_id: string | null;
  held_on: string;
  /** JSON { en, uk?, ja? }. */
  title: string;
  place: string | null;
  /** JSON [{ organizationId, name?, role }]. */
  participants: string;
  /** JSON array of priority-area codes. */
  areas: string;
  /** JSON [{ text: { en, uk?, ja? }, area? }]. */
  decisions: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeetingOrganizationsTable {
  meeting_id: string;
  organization_id: string;
}

export interface ActionItemsTable {
  id: string;
  meeting_id: string;
  /** JSON { en, uk?, ja? }. */
  text: string;
  area: string | null;
  owner: string;
  owner_org_id: string | null;
  due_on: string;
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProjectLinksTable {
  agreement_id: string;
  area: string;
  project_id: string;
  created_at: string;
}

/** Progress toward a target no module measures, one row per piece of evidence (never edited). */
export interface AgreementAchievementsTable {
  id: string;
  agreement_id: string;
  area: string;
  unit: string;
  /** Decimal string, > 0: what this evidence proves was achieved (progress is the sum). */
  value: string;
  achieved_on: string;
  document_id: string;
  note: string | null;
  /** The user who recorded it ('system' for the demo and the CLI). */
  recorded_by: string;
  recorded_at: string;
}

export interface PartnershipsTables {
  agreements: AgreementsTable;
  agreement_partners: AgreementPartnersTable;
  agreement_areas: AgreementAreasTable;
  agreement_documents: AgreementDocumentsTable;
  meetings: MeetingsTable;
  meeting_organizations: MeetingOrganizationsTable;
  action_items: ActionItemsTable;
  project_links: ProjectLinksTable;
  agreement_achievements: AgreementAchievementsTable;
}
