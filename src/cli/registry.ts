import { userCreateCommand, userLockCommand, userPasswordCommand, userUnlockCommand, tokenCreateCommand } from '../modules/access/access.commands.js';
import { auditCheckpointCommand, auditVerifyCommand } from '../modules/audit/audit.commands.js';
import { planGeneratorsCommand } from '../modules/energy/energy.commands.js';
import { exportFacilitiesCommand, importFacilitiesCommand } from '../modules/facilities/facilities.commands.js';
import { exportHxlCliCommand, exportIatiCliCommand, importFxCommand, importIatiCliCommand } from '../modules/funding/funding.commands.js';
import { importAreaStatusCommand, importBoundariesCommand, importKatottgCommand } from '../modules/geography/geography.commands.js';
import { importStatusReportsCommand } from '../modules/monitoring/monitoring.commands.js';
import { importProductsCommand, stockReconcileCommand } from '../modules/supply/supply.commands.js';
import { backupCommand, restoreCommand } from './backup-commands.js';
import type { CliCommand } from './command.js';
import { demoCommand, migrateCommand, serveCommand } from './server-commands.js';
import { statsCommand } from './stats-command.js';

/** Every `carebridge` command, in the order `carebridge --help` and the README list them. */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  importFacilitiesCommand,
  importProductsCommand,
  importKatottgCommand,
  importBoundariesCommand,
  importAreaStatusCommand,
  importFxCommand,
  importStatusReportsCommand,
  importIatiCliCommand,
  exportFacilitiesCommand,
  exportIatiCliCommand,
  exportHxlCliCommand,
  planGeneratorsCommand,
  userCreateCommand,
  userPasswordCommand,
  userLockCommand,
  userUnlockCommand,
  tokenCreateCommand,
  auditVerifyCommand,
  auditCheckpointCommand,
  stockReconcileCommand,
  statsCommand,
  backupCommand,
  restoreCommand,
];
