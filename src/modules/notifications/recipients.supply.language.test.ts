import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { updateUserRecord } from '../access/access.service.js';
import { createShipment, facilityLocation, makeProduct, markInTransit, monthsFromNow, notice } from '../supply/supply.testkit.js';
import { notificationHarness, type Harness, type TestUser } from './notifications.testkit.js';

const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`a delivery on its way names the donor in its reader's language on ${dialect}`, () => {
    let h: Harness;
    let admin: TestUser;
    let officer: TestUser;
    /** Reporters of the receiving facility, by the language each chose. */
    const readers: Record<'uk' | 'en' | 'ja', TestUser | undefined> = { uk: undefined, en: undefined, ja: undefined };
    let ward = '';

    /** The donor each reader is told of, for a shipment from a donor with these names. */
    const toldDonor = async (names: { nameUk: string; nameEn: string; nameJa?: string }) => {
      const donor = await h.call<{ id: string }>('POST', '/api/v1/organizations', admin.headers, { ...names, type: 'bilateral_agency', country: 'JP' });
      const product = await makeProduct(h.app, admin.headers);
      const shipment = await createShipment(h.app, admin.headers, notice(donor.id, ward, [{ productId: product.id, quantity: 5, lotCode: `L-${names.nameEn.length}`, expiry: monthsFromNow(30) }]));
      await markInTransit(h.app, officer.headers, shipment);
      await h.drain();
      const told: Record<string, unknown> = {};
      for (const [language, u] of Object.entries(readers)) {
        if (u === undefined) continue;
        const found = (await h.ofKind(u, 'shipment_dispatched')).filter((n) => n.link === `/supply/shipments/${shipment.id}`);
        expect(found, `${language} reader`).toHaveLength(1);
        told[language] = found[0]?.params.donor;
      }
      return told;
    };

    beforeAll(async () => {
      h = await notificationHarness(dialect);
      admin = await h.user('admin');
      officer = await h.user('warehouse_officer', { scopeAreas: [LVIV] });
      const hospital = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: LVIV }))).id;
      ward = (await facilityLocation(h.app, admin.headers, hospital)).id;
      for (const language of ['uk', 'en', 'ja'] as const) {
        const u = await h.user('facility_reporter', { scopeFacilities: [hospital] });
        // Ukrainian unless chosen otherwise.
        if (language !== 'uk') await updateUserRecord(h.testDb.database, systemContext('test'), u.id, { language, version: 1 });
        readers[language] = u;
      }
    }, 60_000);
    afterAll(() => h.close());

    it('in Ukrainian, English and Japanese', async () => {
      expect(await toldDonor({ nameUk: 'Японське агентство міжнародного співробітництва', nameEn: 'Japan International Cooperation Agency', nameJa: '国際協力機構' })).toEqual({
        uk: 'Японське агентство міжнародного співробітництва',
        en: 'Japan International Cooperation Agency',
        ja: '国際協力機構',
      });
    });

    it('in English to a Japanese reader when the donor has no Japanese name', async () => {
      expect(await toldDonor({ nameUk: 'Данська рада у справах біженців', nameEn: 'Danish Refugee Council' })).toEqual({ uk: 'Данська рада у справах біженців', en: 'Danish Refugee Council', ja: 'Danish Refugee Council' });
    });
  });
}
