/**
 * Walks one need through its whole life over HTTP, as the people who do it (issue 17): the facility's reporter raises
 * it, a coordinator approves it, the JICA officer links a commitment, the warehouse officer sends a shipment that
 * carries it, the reporter receives it with a rejection, the need is partially met, the coordinator closes it short
 * with a reason, and the history is read. Then the Japan agreement's follow-through (the partner page's API) is read
 * before and after an allocation plan is created, approved and executed, and once one of its generators is received.
 *
 * On a fresh SQLite file with the small demo (seed 1), through a real server on a random port, as
 * test/support/app-server.ts starts one. Prints a markdown record of every request: who, method, path, status and
 * the answer's key fields. Run: `npx tsx tools/walk-need-life.ts > walk.md` (about a minute).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/demo.js';
import { buildApp } from '../src/http/app.js';
import type { Me } from '../src/modules/access/access.schema.js';
import type { Plan } from '../src/modules/energy/energy.schema.js';
import type { Need, NeedHistory } from '../src/modules/needs/needs.schema.js';
import type { PartnerPage } from '../src/modules/partnerships/follow-through.schema.js';
import type { Shipment } from '../src/modules/supply/shipments.schema.js';

interface User {
  readonly who: string;
  readonly cookie: string;
  readonly csrf: string | null;
  readonly me: Me;
}

const rows: string[] = [];
let base = '';

/** Shortens a UUID for the record: its last 8 characters say which one without filling the line. */
const short = (id: string): string => (/^[0-9a-f-]{36}$/.test(id) ? `…${id.slice(-8)}` : id);
const shortPath = (p: string): string => p.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => short(id));

/** One request as a user; records it with the fields `summary` picks from the answer. Fails loudly on an unexpected status. */
async function call<T>(user: User, method: string, url: string, body: unknown, expected: number, summary: (answer: T) => string): Promise<T> {
  const headers: Record<string, string> = { cookie: user.cookie, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && user.csrf !== null) headers['x-csrf-token'] = user.csrf;
  const res = await fetch(`${base}${url}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${url} as ${user.who}: ${res.status}, expected ${expected}: ${text}`);
  const answer = (text === '' ? null : JSON.parse(text)) as T;
  rows.push(`| ${rows.length + 1} | ${user.who} | \`${method} ${shortPath(url)}\` | ${res.status} | ${summary(answer).replace(/\|/g, '\\|')} |`);
  return answer;
}

async function signIn(who: string, email: string): Promise<User> {
  const res = await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 201) throw new Error(`signing in as ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await res.json()) as Me;
  return { who, cookie, csrf: me.csrfToken, me };
}

const needFields = (n: Need): string =>
  `status **${n.status}**, v${n.version}, ${n.quantity} ${n.unit}: committed ${n.committed}, delivered ${n.delivered}, rejected ${n.rejected}, closed short ${n.closedShort}, uncovered ${n.uncovered}${n.warning === undefined ? '' : `, warning ${n.warning.code} (${n.warning.area.name.en})`}`;

/** The Japan agreement's generator follow-through as the partner page answers it. */
const japanFigures = (page: PartnerPage): string => {
  const ft = page.agreements[0]?.followThrough;
  if (ft === undefined) return 'no agreement';
  const d = ft.deliveries;
  const energy = ft.areas.find((a) => a.area === 'energy_autonomy');
  const target = energy?.progress.find((p) => p.unit === 'generators' || p.unit === 'MW' || p.unit === 'kW');
  const progress = target === undefined ? '' : `; target ${target.quantity} ${target.unit}: arrived ${target.achieved ?? '—'} (${target.percent ?? '—'} %), installed ${target.installed ?? '—'} (${target.installedPercent ?? '—'} %)`;
  return `${page.organization.nameEn}: generators arrived **${d.generatorsArrived}** (${d.arrivedMw} MW), installed **${d.generatorsInstalled}** (${d.installedMw} MW)${progress}`;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-walk-'));
  const file = path.join(dir, 'walk.db');
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, PORT: '0', HOST: '127.0.0.1', CAREBRIDGE_LOG_LEVEL: 'warn' }, process.cwd());
  const database = openDatabase({ url: config.databaseUrl, kind: config.databaseKind, sqlitePath: config.sqlitePath, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(database);
  await loadDemo(database, { scale: 'small', seed: 1 });
  const app = await buildApp({ config, database, logger: false });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const reporter = await signIn('reporter', 'reporter@demo.carebridge');
    const coordinator = await signIn('coordinator', 'coordinator@demo.carebridge');
    const donor = await signIn('JICA officer', 'donor@demo.carebridge');
    const officer = await signIn('warehouse', 'warehouse@demo.carebridge');
    const facilityId = reporter.me.user.memberships[0]?.scopeFacilities?.[0];
    const jica = donor.me.user.memberships[0]?.organizationId;
    if (facilityId === undefined || jica === undefined || jica === null) throw new Error('the demo reporter has no facility or the JICA officer no organization');

    // 1. The reporter raises a need for its own hospital; "vials" is read as the listed unit "vial".
    let need = await call<Need>(reporter, 'POST', '/api/v1/needs', { facilityId, category: 'medicine', specification: 'Ceftriaxone 1 g powder for injection', quantity: '200', unit: 'vials', priority: 'critical', estimate: { unitPrice: '4.20', currency: 'EUR' } }, 201, needFields);
    // 2. A coordinator approves it.
    need = await call<Need>(coordinator, 'POST', `/api/v1/needs/${need.id}/approve`, { version: need.version }, 200, needFields);
    // 3. The JICA officer commits money in one of JICA's projects and links the commitment to the need.
    const projects = await call<{ items: { id: string; iatiIdentifier: string }[] }>(donor, 'GET', `/api/v1/projects?organizationId=${jica}&limit=1`, undefined, 200, (a) => `first JICA project ${a.items[0]?.iatiIdentifier ?? '—'}`);
    const projectId = projects.items[0]?.id;
    if (projectId === undefined) throw new Error('JICA has no project in the demo');
    const commitment = await call<{ id: string }>(donor, 'POST', '/api/v1/transactions', { projectId, type: '2', amount: '840', currency: 'EUR', valueDate: new Date().toISOString().slice(0, 10), providerOrgId: jica }, 201, (t) => `commitment ${short(t.id)}, 840 EUR`);
    need = await call<{ need: Need }>(donor, 'POST', `/api/v1/needs/${need.id}/links`, { transactionId: commitment.id, quantity: '200' }, 201, (a) => `link: ${needFields(a.need)}`).then((a) => a.need);
    // 4. The warehouse officer sends a shipment to the hospital whose line carries the need.
    const product = await call<{ id: string }>(officer, 'POST', '/api/v1/products', { kind: 'medicine', name: 'Ceftriaxone 1 g vial', inn: 'ceftriaxone', atcCode: 'J01DD04', form: 'powder for injection', strength: '1 g', unit: 'vial', packSize: 1, essential: true }, 201, (p) => `product ${short(p.id)} (vial)`);
    const location = await call<{ id: string; name: string }>(officer, 'POST', '/api/v1/locations/facility', { facilityId }, 200, (l) => `the hospital's stock location "${l.name}"`);
    const expiry = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    let shipment = await call<Shipment>(officer, 'POST', '/api/v1/shipments', { donorOrgId: jica, donorReference: 'JICA-WALK-1', origin: 'Tokyo, Japan', toLocationId: location.id, expectedArrival: day(7), recipientAgreedOn: day(-3), lines: [{ productId: product.id, quantity: 200, lotCode: 'CEF2401', expiry, needId: need.id }] }, 201, (s) => `shipment ${short(s.id)} **${s.status}**, 1 line of ${s.lines[0]?.quantity ?? 0}, need ${short(s.lines[0]?.needId ?? '')}`);
    shipment = await call<Shipment>(officer, 'POST', `/api/v1/shipments/${shipment.id}/status`, { status: 'in_transit', version: shipment.version }, 200, (s) => `**${s.status}**`);
    // 5. The reporter receives it at the hospital: 190 vials accepted, 10 rejected (broken).
    await call<{ shipment: Shipment; lotIds: string[] }>(reporter, 'POST', `/api/v1/shipments/${shipment.id}/receipts`, { version: shipment.version, entries: [{ lineId: shipment.lines[0]?.id, quantity: 190, rejectedQuantity: 10, rejectReason: 'broken vials' }] }, 201, (r) => `shipment **${r.shipment.status}**, ${r.lotIds.length} lot into stock`);
    // 6. The need is partially met: the 10 rejected vials are open again.
    need = await call<Need>(reporter, 'GET', `/api/v1/needs/${need.id}`, undefined, 200, needFields);
    // 7. The rest will not come: the coordinator closes it short, with the reason and the quantity left out.
    need = await call<Need>(coordinator, 'POST', `/api/v1/needs/${need.id}/close`, { version: need.version, reason: 'the supplier has no more this year', shortQuantity: '10' }, 200, needFields);
    // 8. The reporter reads the history: who, when, why.
    await call<NeedHistory>(reporter, 'GET', `/api/v1/needs/${need.id}/history`, undefined, 200, (h) => h.items.map((i) => `${i.action}→${i.toStatus}${i.reason === null ? '' : ` ("${i.reason}")`}`).join(', '));

    // The Japan agreement's follow-through before and after an allocation plan moves generators to hospitals.
    const agreements = await call<{ items: { id: string; partners: { id: string; nameEn: string }[] }[] }>(coordinator, 'GET', '/api/v1/agreements?limit=5', undefined, 200, (a) => `${a.items.length} agreement(s); partners ${a.items[0]?.partners.map((p) => p.nameEn).join(', ') ?? '—'}`);
    const partnerId = agreements.items[0]?.partners[0]?.id;
    if (partnerId === undefined) throw new Error('the demo has no agreement with a partner');
    await call<PartnerPage>(coordinator, 'GET', `/api/v1/partners/${partnerId}`, undefined, 200, (p) => `before the plan: ${japanFigures(p)}`);
    const created = await call<Plan>(coordinator, 'POST', '/api/v1/energy/plans', { timeLimitSeconds: 5 }, 201, (p) => `plan ${short(p.id)} **${p.status}**: ${p.assignedGenerators} generators, ${p.assignedKw} kW; ${p.assignments.filter((a) => a.needId !== null).length} meet a need; ${p.assignments.filter((a) => a.warning !== undefined).length} to areas under active hostilities`);
    const approved = await call<Plan>(coordinator, 'POST', `/api/v1/energy/plans/${created.id}/approve`, { version: created.version }, 200, (p) => `**${p.status}**`);
    await call<Plan>(coordinator, 'POST', `/api/v1/energy/plans/${created.id}/execute`, { version: approved.version }, 200, (p) => `**${p.status}**: generators dispatched`);
    await call<PartnerPage>(coordinator, 'GET', `/api/v1/partners/${partnerId}`, undefined, 200, (p) => `after execution: ${japanFigures(p)}`);
    // One generator reaches its hospital: received there, it is installed; the units still on the road stay arrived.
    const moving = await call<{ items: { id: string }[] }>(officer, 'GET', '/api/v1/shipments?status=in_transit&limit=1', undefined, 200, (a) => `${a.items.length} shipment in transit`);
    if (moving.items[0] === undefined) throw new Error('the executed plan sent no shipment');
    const first = await call<Shipment>(officer, 'GET', `/api/v1/shipments/${moving.items[0].id}`, undefined, 200, (a) => a.lines.map((l) => `${l.quantity} × ${l.productName}${l.serials === null ? '' : ` (serial ${l.serials.join(', ')})`}`).join('; '));
    const entries = first.lines.map((l) => ({ lineId: l.id, quantity: l.quantity, ...(l.serials === null ? {} : { serials: l.serials }) }));
    await call<{ shipment: Shipment; assetIds: string[] }>(officer, 'POST', `/api/v1/shipments/${first.id}/receipts`, { version: first.version, entries }, 201, (r) => `shipment **${r.shipment.status}** at the facility`);
    await call<PartnerPage>(coordinator, 'GET', `/api/v1/partners/${partnerId}`, undefined, 200, (p) => `after one arrives: ${japanFigures(p)}`);
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(['| # | as | request | status | answer |', '|---|---|---|---|---|', ...rows].join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
