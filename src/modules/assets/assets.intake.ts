import type { AssetIntake } from '../supply/asset-intake.js';
import { newAssetRows, storeAssets, takenSerials } from './assets.service.js';
import { generatorArrivalProblems, generatorKwForNeed, installArrivedGenerators } from './generators.service.js';

/** Assets' side of receiving a shipment, handed to supply's receiveShipment by whoever receives. */
export const assetIntake: AssetIntake = {
  generatorArrivalProblems,
  takenSerials,
  registerReceived: async (trx, database, ctx, items, where, at) => {
    const rows = newAssetRows(items, where, at);
    await storeAssets(trx, database, ctx, rows);
    return rows.map((r) => r.id);
  },
  installArrivedGenerators,
  generatorKwForNeed,
};
