import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The one JSON-Schema validator setup. `coerce` is for text inputs (query
 * strings, params) where numbers arrive as strings; bodies and imported rows
 * are validated exactly as given, with unknown fields refused by the schemas.
 */
export function makeAjv(coerce: boolean): Ajv {
  return addFormats(
    new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false }),
  );
}

/**
 * A validator compiled when it is first called rather than when its module loads: compiled at load, the import
 * and sync schemas cost every CLI command and every server start about a second, mostly for commands that never
 * validate a row.
 */
export function compiledOnFirstUse<T>(schema: object): () => ValidateFunction<T> {
  let validate: ValidateFunction<T> | undefined;
  return () => (validate ??= makeAjv(false).compile<T>(schema));
}
