import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { importFxRates } from './fx.service.js';
import { exportHxlCommand, exportIatiCommand, importIatiCommand } from './funding.commands.js';
import { createProject } from './projects.service.js';
import { createTransaction } from './transactions.service.js';
import { Readable } from 'node:stream';

const CODELISTS = '../shared/data/iati-2.03/codelists';
const ctx = systemContext('test');

const sink = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, text: () => text };
};

for (const dialect of DIALECTS) {
  describe(`funding commands on ${dialect}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funding-cli-'));

    beforeAll(async () => {
      source = await createTestDatabase(dialect);
      target = await createTestDatabase(dialect);
      await importFxRates(source.database, ctx, Readable.from(['currency,date,rate_per_usd,source\nJPY,2024-01-02,141.5,test\n']));
      const jica = (await createOrganization(source.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8' })).id;
      const p = await createProject(source.database, ctx, { reportingOrgId: jica, localId: 'CLI-1', title: { en: 'Generators, "110" & more' }, description: { en: 'x' }, status: '2', startDate: '2024-01-01', participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12230', percentage: 100 }] }, CODELISTS);
      await createTransaction(source.database, ctx, { projectId: p.id, type: '2', amount: '1415000', currency: 'JPY', valueDate: '2024-02-10', providerOrgId: jica });
    });
    afterAll(async () => {
      await source.drop();
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('exports IATI and HXL to files or standard output, and imports the IATI file into another database', async () => {
      const err = sink();
      const file = path.join(dir, `iati-${dialect}.xml`);
      expect(await exportIatiCommand(source.database, { output: file }, process.stdout, err.stream)).toBe(0);
      expect(err.text()).toBe(`Exported 1 IATI activities to ${file}.\n`);
      expect(fs.readFileSync(file, 'utf8')).toContain('<iati-identifier>XM-DAC-701-8-CLI-1</iati-identifier>');
      const out = sink();
      expect(await exportHxlCommand(source.database, { dataset: 'flows' }, out.stream, err.stream)).toBe(0);
      expect(out.text().split('\r\n')[2]).toBe('XM-DAC-701-8-CLI-1,2,JICA,,2024-02-10,1415000,JPY,10000.00,141.5,2024-01-02,test');
      await expect(exportHxlCommand(source.database, { dataset: '4w' }, out.stream, err.stream)).rejects.toThrow(/--dataset must be one of 3w, flows/);
      // A dry run checks everything, says what it would do, and writes nothing.
      const projectsIn = async () => (await target.database.db.selectFrom('projects').select('id').execute()).length;
      const checked = sink();
      expect(await importIatiCommand(target.database, ctx, file, CODELISTS, { dryRun: true }, checked.stream, sink().stream)).toBe(0);
      expect(checked.text()).toBe('Dry run: 1 IATI activities, 1 transactions; 1 new organisations; 0 left out; 0 warning(s), 0 problem(s); nothing written.\n');
      expect(await projectsIn()).toBe(0);
      const said = sink();
      expect(await importIatiCommand(target.database, ctx, file, CODELISTS, { dryRun: false }, said.stream, sink().stream)).toBe(0);
      expect(said.text()).toBe('Imported 1 IATI activities, 1 transactions; 1 new organisations; 0 left out; 0 warning(s).\n');
      expect(await projectsIn()).toBe(1);
      // Again, as a dry run: the activity is stored already, which the dry run lists (row, column) with exit code 2.
      const problems = sink();
      expect(await importIatiCommand(target.database, ctx, file, CODELISTS, { dryRun: true }, sink().stream, problems.stream)).toBe(2);
      expect(problems.text()).toMatch(/row 1, column iati-identifier: activity XM-DAC-701-8-CLI-1: is already stored/);
      const again = path.join(dir, `iati-again-${dialect}.xml`);
      await exportIatiCommand(target.database, { output: again }, process.stdout, sink().stream);
      // Only the generated-datetime differs between the two runs of the command.
      const strip = (f: string) => fs.readFileSync(f, 'utf8').replace(/generated-datetime="[^"]+"/, '');
      expect(strip(again)).toBe(strip(file));
    });
  });
}
