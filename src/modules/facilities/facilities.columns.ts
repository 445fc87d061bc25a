/**
 * The facility table as files carry it (CSV, XLSX). Import reads the editable
 * columns; export writes these plus the read-only ones, so an export can be
 * edited and imported again.
 */
export const IMPORT_COLUMNS = ['code', 'name_uk', 'name_en', 'type', 'tier', 'ownership', 'area', 'lat', 'lon', 'beds', 'staff', 'services', 'opened_on'] as const;
export const REQUIRED_COLUMNS = ['code', 'name_uk', 'name_en', 'type', 'tier', 'ownership', 'area', 'lat', 'lon'] as const;
export const EXPORT_ONLY_COLUMNS = ['id', 'oblast_iso', 'coordinate_precision', 'closed_on', 'closed_reason', 'updated_at', 'version'] as const;
export const EXPORT_COLUMNS = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS] as const;

/** JSON pointer of the API field → the file column that carries it, for row errors. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  '/code': 'code',
  '/nameUk': 'name_uk',
  '/nameEn': 'name_en',
  '/type': 'type',
  '/tier': 'tier',
  '/ownership': 'ownership',
  '/areaKatottg': 'area',
  '/lat': 'lat',
  '/lon': 'lon',
  '/beds': 'beds',
  '/staff': 'staff',
  '/services': 'services',
  '/openedOn': 'opened_on',
};
