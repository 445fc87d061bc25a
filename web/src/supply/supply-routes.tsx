import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { EmptyState, NotForRole } from '../app/states.js';
import '../funding/funding.css';
import { AssetListPage } from './asset-list-page.js';
import { AssetPage } from './asset-page.js';
import { CountPage } from './count-page.js';
import { DispatchPage } from './dispatch-page.js';
import { LocationListPage } from './location-list-page.js';
import { LotPage } from './lot-page.js';
import { MovesPage } from './moves-page.js';
import { ProductForm } from './product-form.js';
import { ProductImportPage } from './product-import-page.js';
import { ProductListPage } from './product-list-page.js';
import { ProductPage } from './product-page.js';
import { ShipmentListPage } from './shipment-list-page.js';
import { ShipmentNoticeForm } from './shipment-notice-form.js';
import { ShipmentPage } from './shipment-page.js';
import { StockMovePage } from './stock-move-page.js';
import { StockPage } from './stock-page.js';
import { SupplyOverviewPage } from './supply-overview-page.js';
import { SUPPLY_WRITERS, useSupplyRoles } from './supply-access.js';
import { WarehouseForm } from './warehouse-form.js';
import './supply.css';

const TABS = [
  { to: '', label: 'supply.tabs.overview' },
  { to: 'products', label: 'supply.tabs.products' },
  { to: 'shipments', label: 'supply.tabs.shipments' },
  { to: 'stock', label: 'supply.tabs.stock' },
  { to: 'moves', label: 'supply.tabs.moves' },
  { to: 'locations', label: 'supply.locations.tab' },
  { to: 'assets', label: 'supply.tabs.assets' },
] as const;

/** /supply: alerts, the catalogue, shipments and receiving, stock and lots, manual moves, the ledger, warehouses and locations, equipment in service. */
export function SupplyRoutes() {
  const { t } = useTranslation();
  const { canWrite } = useSupplyRoles();
  const writersOnly = (page: React.ReactNode) => (canWrite ? page : <NotForRole roles={SUPPLY_WRITERS} />);
  return (
    <section className="supply">
      <nav aria-label={t('supply.title')}>
        <ul className="tabs">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to === '' ? '/supply' : `/supply/${tab.to}`} end={tab.to === ''}>
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<SupplyOverviewPage />} />
        <Route path="products" element={<ProductListPage />} />
        <Route path="products/new" element={writersOnly(<ProductForm product={null} />)} />
        <Route path="products/import" element={writersOnly(<ProductImportPage />)} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="shipments" element={<ShipmentListPage />} />
        <Route path="shipments/new" element={writersOnly(<ShipmentNoticeForm />)} />
        <Route path="shipments/:id" element={<ShipmentPage />} />
        <Route path="stock" element={<StockPage />} />
        <Route path="stock/dispatch" element={writersOnly(<DispatchPage />)} />
        <Route path="stock/count" element={writersOnly(<CountPage />)} />
        <Route path="stock/move" element={writersOnly(<StockMovePage />)} />
        <Route path="locations" element={<LocationListPage />} />
        <Route path="locations/new" element={writersOnly(<WarehouseForm />)} />
        <Route path="lots/:id" element={<LotPage />} />
        <Route path="moves" element={<MovesPage />} />
        <Route path="assets" element={<AssetListPage />} />
        <Route path="assets/:id" element={<AssetPage />} />
        <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
      </Routes>
    </section>
  );
}
