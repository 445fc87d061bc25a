import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../src/modules/supply/products.schema.js';
import { api } from '../api/client.js';
import { useLocations, useProductSearch } from './use-supply.js';
import { locationName } from './location-name.js';

/** A location select over the warehouses and facility locations the caller may see. */
export function LocationSelect({ label, value, onChange, empty, id, describedBy, invalid = false, kind }: { label?: string; value: string; onChange: (id: string) => void; empty?: string; id?: string; describedBy?: string; invalid?: boolean; kind?: 'warehouse' | 'facility' }) {
  const { i18n } = useTranslation();
  const locations = useLocations();
  const select = (
    <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={value} onChange={(e) => onChange(e.target.value)}>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {(locations.data?.items ?? [])
        .filter((l) => kind === undefined || l.kind === kind)
        .map((l) => (
          <option key={l.id} value={l.id}>
            {locationName(l, i18n.language)}
          </option>
        ))}
    </select>
  );
  return label === undefined ? (
    select
  ) : (
    <label>
      {label}
      {select}
    </label>
  );
}

/**
 * A product chosen by searching the catalogue (name, INN, ATC or GTIN): a search box and the
 * matches; the chosen product stays listed while the search changes.
 */
export function ProductPicker({ label, value, onChange, empty, error }: { label: string; value: string; onChange: (id: string) => void; empty?: string; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const found = useProductSearch(q);
  const chosen = useQuery({ queryKey: ['supply', 'products', 'one', value], queryFn: () => api<Product>(`/api/v1/products/${value}`), enabled: value !== '' });
  const items = found.data?.items ?? [];
  const options = chosen.data !== undefined && !items.some((p) => p.id === chosen.data.id) ? [chosen.data, ...items] : items;
  return (
    <div className="picker">
      <label htmlFor={`${id}-q`}>{t('supply.findProduct')}</label>
      <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <label htmlFor={`${id}-p`}>{label}</label>
      <select id={`${id}-p`} value={value} aria-invalid={error !== undefined} aria-describedby={error === undefined ? undefined : `${id}-e`} onChange={(e) => onChange(e.target.value)}>
        {empty === undefined ? null : <option value="">{empty}</option>}
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error === undefined ? null : (
        <p id={`${id}-e`} className="field-error">
          {t('supply.form.fixField')} <span lang="en">({error})</span>
        </p>
      )}
    </div>
  );
}
