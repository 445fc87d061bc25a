import type { Kysely, Migration } from 'kysely';
import { newId } from '../../ids.js';
import { unitCode } from '../../modules/needs/needs.units.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

interface OldNeed {
  id: string;
  unit: string;
  status: string;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
}

/**
 * A need's whole life (issue 17, DESIGN §4 Needs).
 * - Statuses: `open` unapproved becomes `submitted`, `open` approved becomes `approved`; partially_met, met and
 *   cancelled keep their names. New: rejected and closed (short).
 * - Rejected quantities at receipt (a `rejected` link stage), the quantity closed short, a cost estimate (unit
 *   price, currency, date) and who raised the need.
 * - Units from the controlled list: a spelling of a listed unit ("l", "unit", "vials") becomes its code; a unit not
 *   on the list is kept as written (it converts to nothing but itself).
 * - need_transitions: each step with who, when and why; existing needs get their submission, approval (by the
 *   approver's email) and where they stand now.
 * - Links keep what the source counted before conversion.
 */
export function needsLife(): Migration {
  return {
    async up(db: AnyDb) {
      for (const [column, fallback] of [['quantity_rejected', '0'], ['quantity_closed', '0']] as const) {
        await db.schema.alterTable('needs').addColumn(column, 'text', (c) => c.notNull().defaultTo(fallback)).execute();
      }
      for (const column of ['unit_price', 'price_currency', 'price_date', 'raised_by']) await db.schema.alterTable('needs').addColumn(column, 'text').execute();
      for (const column of ['source_quantity', 'source_unit']) await db.schema.alterTable('need_links').addColumn(column, 'text').execute();
      await db.schema
        .createTable('need_transitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('change', 'text')
        .execute();
      await db.schema.createIndex('need_transitions_need').on('need_transitions').columns(['need_id', 'at']).execute();
      await db.schema.createIndex('needs_status').on('needs').columns(['status', 'area_path']).execute();

      // Who approved, by email as the audit log names actors (the row holds a user id); unknown ids stay unnamed.
      const emails = new Map(((await db.selectFrom('users').select(['id', 'email']).execute()) as { id: string; email: string }[]).map((u) => [u.id, u.email]));
      // Keyset batches: a ministry's needs fit in memory many times over, but the habit costs nothing.
      let after = '';
      for (;;) {
        const rows = (await db.selectFrom('needs').select(['id', 'unit', 'status', 'approved_by', 'approved_at', 'created_at']).where('id', '>', after).orderBy('id').limit(1000).execute()) as OldNeed[];
        if (rows.length === 0) break;
        for (const r of rows) {
          const status = r.status === 'open' ? (r.approved_at === null ? 'submitted' : 'approved') : r.status;
          const unit = unitCode(r.unit) ?? r.unit;
          if (status !== r.status || unit !== r.unit) await db.updateTable('needs').set({ status, unit }).where('id', '=', r.id).execute();
          const steps: { id: string; need_id: string; at: string; actor: string | null; action: string; from_status: string | null; to_status: string; reason: null; change: null }[] = [{ id: newId(), need_id: r.id, at: r.created_at, actor: null, action: 'submit', from_status: null, to_status: 'submitted', reason: null, change: null }];
          if (r.approved_at !== null) steps.push({ id: newId(), need_id: r.id, at: r.approved_at, actor: r.approved_by === null ? null : (emails.get(r.approved_by) ?? null), action: 'approve', from_status: 'submitted', to_status: 'approved', reason: null, change: null });
          if (status !== 'submitted' && status !== 'approved') steps.push({ id: newId(), need_id: r.id, at: r.approved_at ?? r.created_at, actor: null, action: status === 'cancelled' ? 'cancel' : 'progress', from_status: r.approved_at === null ? 'submitted' : 'approved', to_status: status, reason: null, change: null });
          await db.insertInto('need_transitions').values(steps).execute();
        }
        after = (rows[rows.length - 1] as OldNeed).id;
      }
    },
  };
}
