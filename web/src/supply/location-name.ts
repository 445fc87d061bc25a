import type { Location } from '../../../src/modules/supply/locations.schema.js';
import { localName } from '../app/local-name.js';

/** A stock location's name for the reader: a facility's in Ukrainian to Ukrainian readers; a warehouse has one name. */
export const locationName = (l: Pick<Location, 'name' | 'nameUk'>, lang: string): string => localName({ nameUk: l.nameUk ?? l.name, nameEn: l.name }, lang);
