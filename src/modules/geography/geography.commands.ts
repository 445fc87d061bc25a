import fs from 'node:fs';
import { defineCommand, importFile } from '../../cli/command.js';
import { importAreaStatuses } from './area-status.import.js';
import { importBoundaries, importKatottg } from './geography.import.js';

export const importKatottgCommand = defineCommand({
  name: ['import', 'katottg'],
  summary: 'load raions and hromadas from the KATOTTG codifier CSV',
  description: 'raions and hromadas from the official KATOTTG codifier (`;`-separated); running it again changes nothing',
  arguments: [importFile('the KATOTTG codifier, CSV')],
  handler: async (args, { open, call, stdout }) => {
    const r = await importKatottg((await open()).database, call, fs.createReadStream(args.file));
    stdout.write(`KATOTTG loaded: ${r.raions} raions, ${r.hromadas} hromadas (areas by level: ${JSON.stringify(r.totalByLevel)}).\n`);
    return 0;
  },
});

export const importBoundariesCommand = defineCommand({
  name: ['import', 'boundaries'],
  summary: 'attach oblast polygons by ISO 3166-2 or P-code',
  description: 'attach oblast polygons, matched by ISO 3166-2 (`shapeISO`) or P-code',
  arguments: [importFile('the oblast polygons, GeoJSON', 'FILE.geojson')],
  handler: async (args, { open, call, stdout }) => {
    const r = await importBoundaries((await open()).database, call, await fs.promises.readFile(args.file, 'utf8'));
    stdout.write(`Boundaries attached to ${r.matched} areas.\n`);
    return 0;
  },
});

export const importAreaStatusCommand = defineCommand({
  name: ['import', 'area-status'],
  summary: "areas' access status (katottg,status,from,to; all rows or none)",
  description:
    "areas' access status over time (the Ministry of Reintegration's list): columns `katottg,status,from,to` (`status` one of `government_controlled`, `active_hostilities`, `possible_hostilities`, `temporarily_occupied`; `to` empty while in force); bad rows as `row N, column C: reason`, all rows or none; importing the republished list again changes only what changed (see docs/data-model.md)",
  arguments: [importFile('the list of statuses, CSV', 'FILE.csv')],
  // Row errors are printed by the CLI's error handler (row, column, reason).
  handler: async (args, { open, call, stdout }) => {
    const r = await importAreaStatuses((await open()).database, call, fs.createReadStream(args.file));
    stdout.write(`Area statuses: ${r.rows} rows, ${r.created} new, ${r.updated} ended or changed, ${r.unchanged} unchanged.\n`);
    return 0;
  },
});
