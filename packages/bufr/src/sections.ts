// Sections 0 to 3 and 5 of one BUFR message (FM 94, editions 3 and 4): everything but the data.
import { formatDescriptor, fromBits } from './descriptors.js';
import { BufrError } from './errors.js';

/** Section 1, in one shape for both editions. */
export interface IdentificationSection {
  /** BUFR master table: 0 for meteorology. */
  masterTable: number;
  originatingCentre: number;
  originatingSubCentre: number;
  updateSequenceNumber: number;
  hasOptionalSection: boolean;
  /** Table A data category (0 = surface data, land). */
  dataCategory: number;
  /** International data sub-category (edition 4; null in edition 3). */
  internationalDataSubCategory: number | null;
  localDataSubCategory: number;
  masterTablesVersion: number;
  localTablesVersion: number;
  /** The message's typical time; edition 3 has a two-digit year (read as 19xx from 50, else 20xx) and no second. */
  typicalTime: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Section 3. */
export interface DataDescriptionSection {
  numberOfSubsets: number;
  observed: boolean;
  compressed: boolean;
  /** The unexpanded descriptors, six digits each (e.g. ["301150", "307080"]). */
  descriptors: string[];
}

export interface MessageLayout {
  edition: number;
  /** Byte offset of the message in the input, and its length. */
  offset: number;
  length: number;
  identification: IdentificationSection;
  /** Section 2's bytes after its 4-byte header (centre-specific), when present. */
  localSection: Uint8Array | null;
  description: DataDescriptionSection;
  /** Descriptors of section 3 as integers. */
  descriptorNumbers: number[];
  /** Byte range of section 4's data (after its 4-byte header). */
  dataStart: number;
  dataEnd: number;
}

const uint = (bytes: Uint8Array, at: number, size: number): number => {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + bytes[at + i]!;
  return value;
};

/** Checks that `size` bytes from `at` lie inside the message, else names what is cut off. */
function need(at: number, size: number, end: number, what: string): void {
  if (at + size > end) throw new BufrError(`message ends inside ${what}`, Math.min(at, end));
}

/** Reads a section's 3-byte length, checking it is at least `minimum` and fits in the message. */
function sectionLength(bytes: Uint8Array, at: number, end: number, minimum: number, what: string): number {
  need(at, 3, end, what);
  const length = uint(bytes, at, 3);
  if (length < minimum) throw new BufrError(`${what} is ${length} bytes long, less than ${minimum}`, at);
  need(at, length, end, what);
  return length;
}

function identification(bytes: Uint8Array, at: number, edition: number): IdentificationSection {
  if (edition === 4) {
    return {
      masterTable: bytes[at + 3]!,
      originatingCentre: uint(bytes, at + 4, 2),
      originatingSubCentre: uint(bytes, at + 6, 2),
      updateSequenceNumber: bytes[at + 8]!,
      hasOptionalSection: (bytes[at + 9]! & 0x80) !== 0,
      dataCategory: bytes[at + 10]!,
      internationalDataSubCategory: bytes[at + 11]!,
      localDataSubCategory: bytes[at + 12]!,
      masterTablesVersion: bytes[at + 13]!,
      localTablesVersion: bytes[at + 14]!,
      typicalTime: {
        year: uint(bytes, at + 15, 2),
        month: bytes[at + 17]!,
        day: bytes[at + 18]!,
        hour: bytes[at + 19]!,
        minute: bytes[at + 20]!,
        second: bytes[at + 21]!,
      },
    };
  }
  const yearOfCentury = bytes[at + 12]!;
  return {
    masterTable: bytes[at + 3]!,
    originatingSubCentre: bytes[at + 4]!,
    originatingCentre: bytes[at + 5]!,
    updateSequenceNumber: bytes[at + 6]!,
    hasOptionalSection: (bytes[at + 7]! & 0x80) !== 0,
    dataCategory: bytes[at + 8]!,
    internationalDataSubCategory: null,
    localDataSubCategory: bytes[at + 9]!,
    masterTablesVersion: bytes[at + 10]!,
    localTablesVersion: bytes[at + 11]!,
    typicalTime: {
      // Some edition 3 encoders write 100 for the year 2000.
      year: yearOfCentury >= 50 && yearOfCentury < 100 ? 1900 + yearOfCentury : 2000 + (yearOfCentury % 100),
      month: bytes[at + 13]!,
      day: bytes[at + 14]!,
      hour: bytes[at + 15]!,
      minute: bytes[at + 16]!,
      second: 0,
    },
  };
}

/**
 * Reads the layout of the message that starts at `offset` ("BUFR"): its sections 0 to 3 and where its
 * data lies. The whole message must be in `bytes` and end with "7777".
 */
export function readLayout(bytes: Uint8Array, offset: number): MessageLayout {
  need(offset, 8, bytes.length, 'section 0');
  if (uint(bytes, offset, 4) !== 0x42554652)
    throw new BufrError('no "BUFR" at the start of a message', offset);
  const length = uint(bytes, offset + 4, 3);
  const edition = bytes[offset + 7]!;
  if (edition !== 3 && edition !== 4) {
    throw new BufrError(`BUFR edition ${edition} is not supported (editions 3 and 4 are)`, offset + 7);
  }
  const end = offset + length;
  if (length < 8 + 18 + 10 + 4 + 4) throw new BufrError(`message length ${length} is too short`, offset + 4);
  if (end > bytes.length) {
    throw new BufrError(
      `message is ${length} bytes long but the input ends after ${bytes.length - offset}`,
      bytes.length,
    );
  }
  if (uint(bytes, end - 4, 4) !== 0x37373737)
    throw new BufrError('message does not end with "7777"', end - 4);

  let at = offset + 8;
  const section1Length = sectionLength(bytes, at, end, edition === 4 ? 22 : 17, 'section 1');
  const ident = identification(bytes, at, edition);
  at += section1Length;

  let localSection: Uint8Array | null = null;
  if (ident.hasOptionalSection) {
    const section2Length = sectionLength(bytes, at, end, 4, 'section 2');
    localSection = bytes.subarray(at + 4, at + section2Length);
    at += section2Length;
  }

  const section3Length = sectionLength(bytes, at, end, 9, 'section 3');
  const flags = bytes[at + 6]!;
  const descriptorNumbers: number[] = [];
  for (let d = at + 7; d + 1 < at + section3Length; d += 2)
    descriptorNumbers.push(fromBits(uint(bytes, d, 2)));
  const description: DataDescriptionSection = {
    numberOfSubsets: uint(bytes, at + 4, 2),
    observed: (flags & 0x80) !== 0,
    compressed: (flags & 0x40) !== 0,
    descriptors: descriptorNumbers.map(formatDescriptor),
  };
  if (description.numberOfSubsets === 0) throw new BufrError('section 3 declares 0 subsets', at + 4);
  at += section3Length;

  const section4Length = sectionLength(bytes, at, end, 4, 'section 4');
  const dataStart = at + 4;
  const dataEnd = at + section4Length;
  if (dataEnd > end - 4) throw new BufrError('section 4 runs into section 5', end - 4);

  return {
    edition,
    offset,
    length,
    identification: ident,
    localSection,
    description,
    descriptorNumbers,
    dataStart,
    dataEnd,
  };
}
