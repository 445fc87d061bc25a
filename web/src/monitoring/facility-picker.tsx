import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility, FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { api } from '../api/client.js';
import { pickerListUrl } from './facility-list-url.js';

/** One facility by id (also offline, from the service worker's copy of the last answer). */
export function useFacility(id: string) {
  return useQuery({ queryKey: ['facility', id], queryFn: () => api<Facility>(`/api/v1/facilities/${id}`), enabled: id !== '' });
}

/**
 * Chooses an open facility the caller works for (GET /facilities?scope=work): a facility reporter's few facilities
 * are listed at once, and its only one is chosen already; anyone else searches by name or code. The unfiltered
 * first list is what the service worker keeps for offline use.
 */
export function FacilityPicker({ value, onChange, label, optional = false }: { value: string; onChange: (id: string) => void; label: string; optional?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const list = useQuery({ queryKey: ['facilities', 'picker', q], queryFn: () => api<FacilityList>(pickerListUrl(q)) });
  const chosen = useFacility(value);
  const name = (f: Facility) => `${i18n.language === 'uk' ? f.nameUk : f.nameEn} (${f.code})`;
  const options = list.data?.items ?? [];
  const only = q === '' && options.length === 1 && list.data?.nextCursor === null ? options[0]?.id : undefined;
  // Once: a user who then picks "no facility" (an incident in an area) keeps that choice.
  const preselected = useRef(false);
  useEffect(() => {
    if (preselected.current || only === undefined) return;
    preselected.current = true;
    if (value === '') onChange(only);
  }, [value, only, onChange]);
  const withChosen = chosen.data !== undefined && !options.some((f) => f.id === value) ? [chosen.data, ...options] : options;
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-q`}>
        {t('monitoring.report.searchFacility')}
        <input id={`${id}-q`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <label htmlFor={`${id}-f`}>
        {label}
        <select id={`${id}-f`} name="facility" value={value} required={!optional} onChange={(e) => onChange(e.target.value)}>
          <option value="">{optional ? t('monitoring.incident.noFacility') : t('monitoring.report.chooseFacility')}</option>
          {withChosen.map((f) => (
            <option key={f.id} value={f.id}>
              {name(f)}
            </option>
          ))}
        </select>
      </label>
      {list.isError && withChosen.length === 0 ? <p className="muted">{t('monitoring.report.facilitiesOffline')}</p> : null}
    </div>
  );
}
