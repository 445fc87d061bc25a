import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import type { FieldError } from '../../errors.js';

/** Where received equipment is, and why, as its asset rows record it. */
export interface ReceivedAt {
  readonly facilityId: string | null;
  readonly areaPath: string;
  readonly locationId: string;
  readonly donorOrgId: string;
  readonly shipmentId: string;
  readonly reason: string;
}

/**
 * What receiving a shipment asks of the assets capability: equipment becomes assets, generators already registered
 * on arrival are installed. Assets builds on supply (catalogue, locations, stock scope), so supply does not import
 * it: whoever receives (the routes, sync, the demo) passes assets' `assetIntake` (src/modules/assets/assets.intake.ts).
 */
export interface AssetIntake {
  /** Problems with the generator units named for a facility (unknown, elsewhere, already installed), at `path`. */
  generatorArrivalProblems(db: Kysely<DB>, facilityId: string | null, serials: readonly string[], path: string): Promise<FieldError[]>;
  /** The serials of a product that are already registered. */
  takenSerials(db: Kysely<DB>, productId: string, serials: readonly string[]): Promise<string[]>;
  /** Registers received equipment (one asset per serial) in the receipt's transaction; the new assets' ids. */
  registerReceived(trx: Kysely<DB>, database: Database, ctx: CallContext, items: readonly { serial: string; productId: string }[], where: ReceivedAt, at: string): Promise<string[]>;
  /** Installs generator units that arrived at a facility's location. */
  installArrivedGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, serials: readonly string[], locationId: string, at: string): Promise<void>;
  /** What a generator line delivers to its need, in kW (usable rating). */
  generatorKwForNeed(db: Kysely<DB>, lineSerials: readonly string[], received: readonly string[], rejected: number): Promise<{ accepted: number; rejected: number }>;
}
