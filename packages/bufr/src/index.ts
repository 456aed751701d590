// @obshub/bufr: a WMO BUFR decoder (FM 94, editions 3 and 4) with the WMO master tables built in.
export { bufrMessages, decodeBufr, decodeMessage } from './decode.js';
export type { BufrMessage, DecodeOptions } from './decode.js';
export type { AssociatedField, DataItem, Value } from './data.js';
export { BufrError } from './errors.js';
export type { DataDescriptionSection, IdentificationSection } from './sections.js';
export { availableVersions, resolveVersion, wmoTables } from './tables/index.js';
export type { ElementDefinition, WmoTables } from './tables/index.js';
