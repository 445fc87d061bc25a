import type { ValidateFunction } from 'ajv';
import type { Transaction } from 'kysely';
import { compiledOnFirstUse } from '../../ajv.js';
import { fieldErrors } from '../../http/validation.js';
import type { CallContext } from '../../context.js';
import type { DB } from '../../db/tables.js';
import type { InTransaction } from '../../db/transaction.js';
import { invalid, notFound, type FieldError } from '../../errors.js';
import { covers, registryScope } from '../../scope.js';
import { assetIntake } from '../assets/assets.intake.js';
import { changeAssetStatus, getAsset } from '../assets/assets.service.js';
import { assertMayEdit, facilityRowById, updateFacilityRecord } from '../facilities/facilities.service.js';
import { NeedCreate } from '../needs/needs.schema.js';
import { createNeed } from '../needs/needs.service.js';
import { recordCount } from '../supply/counts.service.js';
import type { RuleSettings } from '../supply/donation-rules.js';
import { receiveShipment } from '../supply/receipts.service.js';
import { loadShipment } from '../supply/shipments.service.js';
import { CountCreate, MoveCreate } from '../supply/stock.schema.js';
import { recordMove } from '../supply/stock.service.js';
import { IncidentCreate } from './incidents.schema.js';
import { storeIncident } from './incidents.service.js';
import { StatusReportCreate } from './status.schema.js';
import { storeStatusReport } from './status.service.js';
import { reasonInEnglish, sendToInbox, type SyncReason } from './sync.inbox-store.js';
import { AssetStatusSync, FacilityEdit, ReceiptSync, type SyncKind } from './sync.schema.js';

const validators: Record<SyncKind, () => ValidateFunction> = {
  status_report: compiledOnFirstUse(StatusReportCreate),
  incident: compiledOnFirstUse(IncidentCreate),
  facility_edit: compiledOnFirstUse(FacilityEdit),
  receipt: compiledOnFirstUse(ReceiptSync),
  stock_move: compiledOnFirstUse(MoveCreate),
  stock_count: compiledOnFirstUse(CountCreate),
  asset_status: compiledOnFirstUse(AssetStatusSync),
  need: compiledOnFirstUse(NeedCreate),
};

/** What storing a record may need beyond the database: the donation rules a receipt is checked against. */
export interface SyncSettings {
  rules: RuleSettings;
}

/** What became of one record: stored/applied (202) or kept in the review inbox (409). */
export interface Outcome {
  status: 202 | 409;
  /** The stored record's id; for a facility edit, the facility's. */
  id: string;
  detail: string | null;
}

/** The body's problems against its kind's schema, with JSON-pointer paths (empty when valid). */
export function bodyProblems(kind: SyncKind, body: Record<string, unknown>): FieldError[] {
  const validate = validators[kind]();
  if (validate(body)) return [];
  // The same field errors as the API's own 400s (rule and bound included, never a regular expression).
  return fieldErrors(validate.errors ?? [], 'body');
}

/** The facility an edit names, if the caller may edit it (unreadable ones are "not found", so they do not leak). */
async function editableFacility(trx: Transaction<DB>, ctx: CallContext, id: string) {
  const facility = await facilityRowById(trx, id);
  if (facility === undefined || !covers(registryScope(ctx.principal), facility)) throw notFound('facility', id);
  assertMayEdit(ctx.principal, facility);
  return facility;
}

/** Applies the edit's changes on top of the given version through the facility service (same checks, history and audit as PATCH). */
async function applyEdit(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, edit: FacilityEdit, version: number): Promise<void> {
  await updateFacilityRecord(database, ctx, edit.facilityId, { ...edit.changes, version });
}

/**
 * An offline facility edit: applied when it was made on the current version; otherwise kept in the review
 * inbox naming both versions. Never last-write-wins.
 */
async function syncFacilityEdit(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, edit: FacilityEdit, clientId: string): Promise<Outcome> {
  const facility = await editableFacility(trx, ctx, edit.facilityId);
  if (facility.version !== edit.baseVersion) {
    const reason: SyncReason = { code: 'stale_facility_edit', params: { baseVersion: edit.baseVersion, currentVersion: facility.version } };
    await sendToInbox(trx, database, ctx, { clientId, kind: 'facility_edit', body: edit }, reason);
    return { status: 409, id: facility.id, detail: `${reasonInEnglish(reason)}; sent to the review inbox` };
  }
  await applyEdit(trx, database, ctx, edit, edit.baseVersion);
  return { status: 202, id: facility.id, detail: null };
}

/** Applies a unit's reported condition on top of the given version through the assets service (same checks and audit as the API). */
async function applyAssetStatus(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, change: AssetStatusSync, version: number): Promise<void> {
  const { assetId, baseVersion: _seen, ...rest } = change;
  await changeAssetStatus(database, ctx, assetId, { ...rest, version });
}

/** A unit's condition reported offline: applied on the version the phone saw; otherwise kept for review, never last-write-wins. */
async function syncAssetStatus(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, change: AssetStatusSync, clientId: string): Promise<Outcome> {
  const asset = await getAsset(database, ctx.principal, change.assetId);
  if (asset.version !== change.baseVersion) {
    const reason: SyncReason = { code: 'stale_asset_status', params: { baseVersion: change.baseVersion, serial: asset.serial, currentVersion: asset.version } };
    await sendToInbox(trx, database, ctx, { clientId, kind: 'asset_status', body: change }, reason, { facility_id: asset.facility_id, area_path: asset.area_path });
    return { status: 409, id: asset.id, detail: `${reasonInEnglish(reason)}; sent to the review inbox` };
  }
  await applyAssetStatus(trx, database, ctx, change, change.baseVersion);
  return { status: 202, id: asset.id, detail: null };
}

/** A delivery confirmed offline, on the shipment as it is now; the receipt takes the record's UUID. */
async function storeReceipt(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, receipt: ReceiptSync, id: string, settings: SyncSettings): Promise<void> {
  const { shipmentId, ...input } = receipt;
  const { shipment } = await loadShipment(database, ctx.principal, shipmentId);
  await receiveShipment(database, ctx, shipmentId, { ...input, version: shipment.version }, settings.rules, assetIntake, id);
}

/**
 * Stores a record that passed bodyProblems under the given id, inside the caller's transaction. Each kind goes
 * through its own module's service, so the API's checks (scope, stock, rules) and audit apply unchanged.
 * `database` is the context joined to `trx` (withTransaction's second argument): the services it is handed open
 * "their own" transaction with withTransaction, which then runs in `trx`, so their writes and the caller's (the sync
 * record, the inbox resolution) commit or roll back together.
 */
export async function storeRecord(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, kind: SyncKind, body: Record<string, unknown>, id: string, settings: SyncSettings): Promise<Outcome> {
  // The body passed its kind's schema just before; the casts name what the validator proved.
  switch (kind) {
    case 'facility_edit':
      return syncFacilityEdit(trx, database, ctx, body as FacilityEdit, id);
    case 'asset_status':
      return syncAssetStatus(trx, database, ctx, body as AssetStatusSync, id);
    case 'status_report':
      await storeStatusReport(trx, database, ctx, body as StatusReportCreate, id);
      return { status: 202, id, detail: null };
    case 'incident':
      await storeIncident(trx, database, ctx, body as IncidentCreate, id);
      return { status: 202, id, detail: null };
    case 'receipt':
      await storeReceipt(trx, database, ctx, body as ReceiptSync, id, settings);
      return { status: 202, id, detail: null };
    case 'need':
      // Raised through the needs service (who may raise where, units, occupied areas), under the phone's UUID.
      await createNeed(database, ctx, body as NeedCreate, id);
      return { status: 202, id, detail: null };
    case 'stock_move':
      await recordMove(database, ctx, body as MoveCreate, id);
      return { status: 202, id, detail: null };
    case 'stock_count': {
      // A count's adjustments are new moves (none when it matched); the record's answer names the counted location.
      const count = body as CountCreate;
      await recordCount(database, ctx, count);
      return { status: 202, id: count.locationId, detail: null };
    }
  }
}

/**
 * A reviewer's "apply": a facility edit or a unit's condition goes on top of the current version; any other
 * record whose client UUID was taken is stored under the new id. Returns the id of what was written.
 */
export async function applyReviewed(trx: Transaction<DB>, database: InTransaction, ctx: CallContext, kind: SyncKind, body: Record<string, unknown>, newRecordId: string, settings: SyncSettings): Promise<string> {
  const problems = bodyProblems(kind, body);
  if (problems.length > 0) throw invalid(problems.map((p) => ({ ...p, path: `/body${p.path}` })));
  if (kind === 'asset_status') {
    const change = body as AssetStatusSync;
    const asset = await getAsset(database, ctx.principal, change.assetId);
    await applyAssetStatus(trx, database, ctx, change, asset.version);
    return asset.id;
  }
  if (kind !== 'facility_edit') return (await storeRecord(trx, database, ctx, kind, body, newRecordId, settings)).id;
  const edit = body as FacilityEdit;
  const facility = await editableFacility(trx, ctx, edit.facilityId);
  await applyEdit(trx, database, ctx, edit, facility.version);
  return facility.id;
}
