// The decoder's API and its errors: bad input gives a BufrError saying what and at which byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BufrError, bufrMessages, decodeBufr, resolveVersion, wmoTables } from '../src/index.js';
import { readLayout } from '../src/sections.js';

const corpus = (file: string): Uint8Array => readFileSync(new URL(`../corpus/${file}`, import.meta.url));
const synop = corpus('synop-301150-307080-12-stations.bufr');

function throwsBufrError(fn: () => unknown, detail: RegExp, offset?: number): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BufrError, `expected a BufrError, got ${String(error)}`);
    assert.match(error.message, detail);
    if (offset !== undefined) assert.equal(error.offset, offset);
    return true;
  });
}

/** Byte offset of section 3 (unpadded, as ecCodes writes edition 4), which section 4 follows. */
function section3(bytes: Uint8Array): number {
  const layout = readLayout(bytes, 0);
  return layout.dataStart - 4 - 7 - 2 * layout.descriptorNumbers.length;
}

/** A copy of `bytes` with section 3's first descriptor replaced. */
function withFirstDescriptor(bytes: Uint8Array, f: number, x: number, y: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const first = section3(copy) + 7;
  copy[first] = (f << 6) | x;
  copy[first + 1] = y;
  return copy;
}

describe('decodeBufr', () => {
  it('gives the header sections and named, typed values with their units', () => {
    const [message] = decodeBufr(synop);
    assert.equal(message!.edition, 4);
    assert.equal(message!.identification.originatingCentre, 99);
    assert.equal(message!.identification.masterTablesVersion, 39);
    assert.deepEqual(message!.description.descriptors, ['301150', '307080']);
    assert.equal(message!.subsets.length, 12);
    const debilt = message!.subsets[0]!;
    const temperature = debilt.find((v) => v.descriptor === '012101')!;
    assert.deepEqual(
      { ...temperature },
      {
        descriptor: '012101',
        key: 'airTemperature',
        name: 'TEMPERATURE/AIR TEMPERATURE',
        unit: 'K',
        scale: 2,
        reference: 0,
        width: 16,
        value: 288.25,
      },
    );
    assert.equal(debilt.find((v) => v.descriptor === '001128')!.value, '06260');
    assert.equal(debilt.find((v) => v.descriptor === '001015')!.value, 'DE BILT AWS');
    assert.equal(debilt.find((v) => v.descriptor === '005001')!.value, 52.09882);
    assert.equal(debilt.find((v) => v.descriptor === '013013')!.value, null);
  });

  it('finds every message of a GTS bulletin, skipping the headings between them', () => {
    const messages = [...bufrMessages(corpus('gts-bulletin-3-messages.bufr'))];
    assert.deepEqual(
      messages.map((m) => [m.index, m.subsets[0]!.find((v) => v.descriptor === '004004')!.value]),
      [
        [0, 12],
        [1, 6],
        [2, 0],
      ],
    );
    assert.ok(messages[0]!.offset > 0);
  });

  it('resolves a master table version to the nearest built-in one, newer if it must', () => {
    assert.equal(resolveVersion(13), 13);
    assert.equal(resolveVersion(4), 6);
    assert.equal(resolveVersion(99), wmoTables(99).version);
    assert.equal(wmoTables(13).element(12101)?.width, 16);
    assert.deepEqual(wmoTables(39).sequence(301150), [1125, 1126, 1127, 1128]);
  });

  it('reports a file cut short with the offset where the input ends', () => {
    const cut = synop.subarray(0, 1000);
    throwsBufrError(() => decodeBufr(cut), /message 0 .*input ends after 1000/, 1000);
  });

  it('reports a message whose data section ends early with the offset in the data', () => {
    const copy = Uint8Array.from(synop);
    copy[section3(copy) + 5] = 200; // 200 subsets instead of 12
    throwsBufrError(() => decodeBufr(copy), /data section ends before element/);
  });

  it('refuses local descriptors and descriptors missing from the WMO tables', () => {
    throwsBufrError(() => decodeBufr(withFirstDescriptor(synop, 0, 49, 1)), /049001 is a local descriptor/);
    throwsBufrError(
      () => decodeBufr(withFirstDescriptor(synop, 3, 1, 190)),
      /301190 is not in WMO table D version 39/,
    );
  });

  it('refuses other editions and a missing end section', () => {
    const edition2 = Uint8Array.from(synop);
    edition2[7] = 2;
    throwsBufrError(() => decodeBufr(edition2), /edition 2 is not supported/, 7);
    const noEnd = Uint8Array.from(synop);
    noEnd[synop.length - 1] = 0;
    throwsBufrError(() => decodeBufr(noEnd), /does not end with "7777"/, synop.length - 4);
  });

  it('follows data-present bit-maps to the elements that quality information and statistics refer to', () => {
    // Made by scripts/make-corpus.py; bufr_dump -j f shows these values, the markers (2 24 255) as
    // firstOrderStatisticalValue without a descriptor, and percentConfidence 70 as an attribute of the
    // air temperature (bufr_dump -j a).
    const bytes = readFileSync(new URL('fixtures/quality-222000-224000.bufr', import.meta.url));
    const [message] = decodeBufr(bytes);
    assert.deepEqual(
      message!.subsets[0]!.map((v) => `${v.descriptor} ${v.key} ${v.value}`),
      [
        '001001 blockNumber 6',
        '001002 stationNumber 260',
        '012101 airTemperature 288.25',
        '012103 dewpointTemperature 284.15',
        '031001 delayedDescriptorReplicationFactor 4',
        '031031 dataPresentIndicator 1',
        '031031 dataPresentIndicator 1',
        '031031 dataPresentIndicator 0',
        '031031 dataPresentIndicator 0',
        '001031 centre 99',
        '001032 generatingApplication null',
        '031001 delayedDescriptorReplicationFactor 2',
        '033007 percentConfidence 70',
        '033007 percentConfidence null',
        '001031 centre null',
        '001032 generatingApplication null',
        '031001 delayedDescriptorReplicationFactor 2',
        // The re-used bit-map marks the air and dew-point temperatures: the markers take their entries.
        '224255 airTemperature null',
        '224255 dewpointTemperature null',
      ],
    );
  });

  it('bounds the values a message may expand to', () => {
    throwsBufrError(() => decodeBufr(synop, { maxValues: 500 }), /more values than the decoder allows/);
  });
});
