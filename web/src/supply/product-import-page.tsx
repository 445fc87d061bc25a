import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRODUCT_COLUMNS } from '../../../src/modules/supply/products.schema.js';
import { ImportPanel, type ImportAnswer } from '../app/import-panel.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

interface ProductImportAnswer extends ImportAnswer {
  rows: number;
  imported: number;
  errorCount: number;
}

/** The catalogue from a CSV or XLSX file: checked first, all rows or none. */
export function ProductImportPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const refresh = useSupplyRefresh();
  return (
    <section>
      <p>
        <Link to="/supply/products">← {t('supply.products.title')}</Link>
      </p>
      <h1>{t('supply.import.title')}</h1>
      <p>{t('supply.import.hint')}</p>
      <p>
        <code className="wrap">{PRODUCT_COLUMNS.join(',')}</code>
      </p>
      <ImportPanel<ProductImportAnswer>
        url="/api/v1/products/import"
        accept=".csv,.xlsx,text/csv"
        summary={(a) => (a.dryRun ? t('imports.checked', { rows: f.number(a.rows), errors: f.number(a.errorCount) }) : t('supply.import.imported', { n: f.number(a.imported) }))}
        onImported={refresh}
      />
    </section>
  );
}
