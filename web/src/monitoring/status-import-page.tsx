import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusImportResult } from '../../../src/modules/monitoring/status.schema.js';
import type { Static } from '@sinclair/typebox';
import { ImportPanel } from '../app/import-panel.js';

/**
 * Status reports from a field survey's export (CSV or XLSX, one row per facility visit), with an optional column
 * mapping over the default KoBo-style headers (docs/monitoring.md): checked first, all rows or none.
 */
export function StatusImportPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [mapping, setMapping] = useState('');
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <section>
      <h2>{t('monitoring.import.title')}</h2>
      <p>{t('monitoring.import.hint')}</p>
      <ImportPanel<Static<typeof StatusImportResult>>
        url="/api/v1/status-reports/import"
        accept=".csv,.xlsx,text/csv"
        query={{ mapping: mapping.trim() === '' ? undefined : mapping.trim() }}
        summary={(a) => (a.dryRun ? t('imports.checked', { rows: n.format(a.rows), errors: n.format(a.errorCount) }) : t('monitoring.import.imported', { n: n.format(a.imported) }))}
        onImported={() => void client.invalidateQueries()}
      >
        <label>
          {t('monitoring.import.mapping')}
          <textarea name="mapping" rows={3} maxLength={20000} value={mapping} onChange={(e) => setMapping(e.target.value)} placeholder='{"facilityCode": "Facility code", "observedAt": "Visit date"}' spellCheck={false} />
        </label>
      </ImportPanel>
    </section>
  );
}
