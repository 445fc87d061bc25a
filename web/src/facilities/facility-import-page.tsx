import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FACILITY_IMPORT_COLUMNS } from '../../../src/modules/facilities/facilities.schema.js';
import { ImportPanel, type ImportAnswer } from '../app/import-panel.js';

interface FacilityImportAnswer extends ImportAnswer {
  rows: number;
  imported: number;
  errorCount: number;
}

/** Facilities from a CSV or XLSX file (the export's own columns read back): checked first, all rows or none. */
export function FacilityImportPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <section>
      <p>
        <Link to="/facilities">← {t('facilities.title')}</Link>
      </p>
      <h1>{t('imports.facilitiesTitle')}</h1>
      <p>{t('imports.facilitiesHint')}</p>
      <p>
        <code className="wrap">{FACILITY_IMPORT_COLUMNS.join(',')}</code>
      </p>
      <ImportPanel<FacilityImportAnswer>
        url="/api/v1/facilities/import"
        accept=".csv,.xlsx,text/csv"
        summary={(a) => (a.dryRun ? t('imports.checked', { rows: n.format(a.rows), errors: n.format(a.errorCount) }) : t('imports.imported', { n: n.format(a.imported) }))}
        onImported={() => void client.invalidateQueries({ queryKey: ['facilities'] })}
      />
    </section>
  );
}
