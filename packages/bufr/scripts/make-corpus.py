#!/usr/bin/python3
"""Builds the verification corpus (corpus/*.bufr) with ecCodes itself.

Real values of the KNMI test day (samples/esoh-knmi-20221231, CC-BY-4.0) are encoded into the common
surface templates, single and multi-subset, compressed and uncompressed, editions 3 and 4, with the values a
station lacks left missing, plus ecCodes' own BUFR samples. Run with Debian's python3 and python3-eccodes
(apt-get install python3-eccodes libeccodes-data libeccodes-tools), then `tsx scripts/dump-corpus.ts`:

    /usr/bin/python3 scripts/make-corpus.py
"""

import glob
import gzip
import json
import os
import shutil

import eccodes as ec

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
CORPUS = os.path.join(PACKAGE, 'corpus')
KNMI = os.path.join(PACKAGE, '..', '..', 'samples', 'esoh-knmi-20221231')
SAMPLES = os.path.join(ec.codes_samples_path(), '')
MISSING = ec.CODES_MISSING_DOUBLE

STATIONS = ['06260', '06240', '06235', '06280', '06310', '06380', '06201', '06225', '06344', '78990', '06270', '06275']


def knmi(station, time):
    """The KNMI observations of one station at one time, keyed by (standard_name, level, function, period)."""
    path = os.path.join(KNMI, f'0-20000-0-{station}.json.gz')
    with gzip.open(path, 'rt') as f:
        messages = json.load(f)
    record = {'values': {}}
    for m in messages:
        p = m['properties']
        if p['datetime'] != time:
            continue
        record['name'] = p['platform_name']
        record['lat'] = float(m['geometry']['coordinates']['lat'])
        record['lon'] = float(m['geometry']['coordinates']['lon'])
        key = (p['content']['standard_name'], p['level'], p['function'], p['period'])
        record['values'][key] = float(p['content']['value'])
    record['station'] = station
    record['time'] = time
    return record


def celsius_to_kelvin(v):
    return None if v is None else v + 273.15


def value_of(record, name, level, function, period, convert=lambda v: v):
    v = record['values'].get((name, level, function, period))
    return None if v is None else convert(v)


# What the next measured element after a context descriptor is decides the context's value.
def next_element(codes, at):
    for code in codes[at + 1:]:
        if code[:3] in ('010', '011', '012', '013', '014', '020', '022'):
            return code
    return None


def fill(record, codes, occurrence):
    """The value of each expanded element (by index) for one station; None means missing."""
    r = record
    values = {}
    seen = {}
    for i, code in enumerate(codes):
        seen[code] = seen.get(code, 0) + 1
        n = seen[code]
        nxt = next_element(codes, i)
        v = None
        if code == '001125':
            v = 0
        elif code == '001126':
            v = 20000
        elif code == '001127':
            v = 0
        elif code == '001128':
            v = r['station']
        elif code == '001001':
            v = int(r['station'][:2])
        elif code == '001002':
            v = int(r['station'][2:])
        elif code in ('001015', '001019') and n == 1:
            v = r['name'][:20 if code == '001015' else 32]
        elif code == '002001':
            v = 0  # automatic station
        elif code in ('004001', '004002', '004003', '004004', '004005') and n == 1:
            t = r['time']
            v = int({'004001': t[0:4], '004002': t[5:7], '004003': t[8:10], '004004': t[11:13], '004005': t[14:16]}[code])
        elif code == '005001' and n == 1:
            v = round(r['lat'], 5)
        elif code == '006001' and n == 1:
            v = round(r['lon'], 5)
        elif code == '007032':
            v = 10.0 if nxt and nxt.startswith('011') else 2.0 if nxt in ('012101', '012111', '012112', '020001', '013011', '013023') else None
        elif code == '008021':
            v = 2 if nxt in ('011001', '011002') else None  # time averaged
        elif code == '004025':
            if nxt in ('011001', '011002', '011041', '011043', '013011', '020001'):
                v = -10
            elif nxt in ('012111', '012112'):
                v = -720  # the KNMI 12-hour extremes, in minutes
            elif nxt == '014031':
                v = -60
        elif code == '004024':
            if nxt in ('012111', '012112'):
                # Period pairs (start, end): -12 h to the observation time.
                v = -12 if codes[i + 1] == '004024' else 0
            elif nxt == '013011':
                v = -6 if occurrence(code, nxt, i) == 0 else -12
            elif nxt == '014031':
                v = -1
        elif code == '010051':
            v = value_of(r, 'air_pressure_at_mean_sea_level', '1', 'mean', 'PT1M', lambda x: x * 100)
        elif code == '012101':
            v = value_of(r, 'air_temperature', '2.0', 'mean', 'PT1M', celsius_to_kelvin)
        elif code == '012103':
            v = value_of(r, 'dew_point_temperature', '1.5', 'mean', 'PT1M', celsius_to_kelvin)
        elif code == '013003':
            v = value_of(r, 'relative_humidity', '2.0', 'mean', 'PT1M')
        elif code == '020001':
            v = value_of(r, 'visibility_in_air', '1.8', 'mean', 'PT10M')
        elif code == '020010':
            v = value_of(r, 'cloud_area_fraction', '2.0', 'point', 'PT0S', lambda okta: round(okta * 12.5))
        elif code == '011001':
            v = value_of(r, 'wind_from_direction', '2.0', 'mean', 'PT10M')
        elif code == '011002':
            v = value_of(r, 'wind_speed', '10', 'mean', 'PT10M')
        elif code == '011041':
            v = value_of(r, 'wind_speed_of_gust', '10', 'maximum', 'PT10M')
        elif code == '012111':
            v = value_of(r, 'air_temperature', '2.0', 'maximum', 'PT12H', celsius_to_kelvin)
        elif code == '012112':
            v = value_of(r, 'air_temperature', '2.0', 'minimum', 'PT12H', celsius_to_kelvin)
        elif code == '013011':
            period = 'PT10M' if '004025' in codes[i - 3:i] else 'PT6H' if occurrence(code, code, i) == 1 else 'PT12H'
            if period == 'PT10M':
                v = value_of(r, 'lwe_precipitation_rate', '1.8', 'mean', 'PT10M', lambda x: x / 6)
            else:
                v = value_of(r, 'rainfall_amount', '2.0', 'point', period)
        elif code == '013023':
            v = value_of(r, 'rainfall_amount', '2.0', 'point', 'PT24H')
        elif code == '014031':
            v = value_of(r, 'duration_of_sunshine', '2.0', 'point', 'PT0S', lambda s: round(s / 60))
        if v is not None:
            values[i] = v
    return values


def expanded(handle):
    """The ranked keys (#n#key) and descriptor codes of the expanded template, in order."""
    keys = []
    iterator = ec.codes_bufr_keys_iterator_new(handle)
    while ec.codes_bufr_keys_iterator_next(iterator):
        key = ec.codes_bufr_keys_iterator_get_name(iterator)
        if key.startswith('#') and '->' not in key:
            try:
                keys.append((key, ec.codes_get_string(handle, key + '->code')))
            except ec.KeyValueNotFoundError:
                pass
    ec.codes_bufr_keys_iterator_delete(iterator)
    return keys


def encode(name, descriptors, records, edition=4, version=39, compressed=False, factors=(1,) * 200, short=(1,) * 200):
    handle = ec.codes_bufr_new_from_samples('BUFR4' if edition == 4 else 'BUFR3')
    ec.codes_set(handle, 'masterTablesVersionNumber', version)
    ec.codes_set(handle, 'localTablesVersionNumber', 0)
    ec.codes_set(handle, 'bufrHeaderCentre', 99)  # De Bilt
    ec.codes_set(handle, 'dataCategory', 0)
    ec.codes_set(handle, 'numberOfSubsets', len(records))
    ec.codes_set(handle, 'compressedData', 1 if compressed else 0)
    ec.codes_set(handle, 'observedData', 1)
    ec.codes_set_array(handle, 'inputDelayedDescriptorReplicationFactor', list(factors))
    ec.codes_set_array(handle, 'inputShortDelayedDescriptorReplicationFactor', list(short))
    ec.codes_set_array(handle, 'unexpandedDescriptors', descriptors)
    keys = expanded(handle)
    # Uncompressed, every subset has its own keys (ranks go on from subset to subset); compressed, one key
    # holds the values of all subsets.
    per_subset = len(keys) // (1 if compressed else len(records))
    codes = [code for _, code in keys[:per_subset]]

    def occurrence(code, of, at):
        return sum(1 for c in codes[:at + 1] if c == of)

    per_station = [fill(r, codes, occurrence) for r in records]
    for i in range(per_subset):
        column = [values.get(i) for values in per_station]
        if all(v is None for v in column):
            continue
        if compressed:
            key = keys[i][0]
            if isinstance(next(v for v in column if v is not None), str):
                ec.codes_set_string_array(handle, key, [v or '' for v in column])
            else:
                ec.codes_set_array(handle, key, [MISSING if v is None else float(v) for v in column])
            continue
        for s, v in enumerate(column):
            if v is not None:
                key = keys[s * per_subset + i][0]
                (ec.codes_set_string if isinstance(v, str) else ec.codes_set)(handle, key, v)
    ec.codes_set(handle, 'pack', 1)
    data = ec.codes_get_message(handle)
    ec.codes_release(handle)
    with open(os.path.join(CORPUS, name), 'wb') as f:
        f.write(data)
    return data


def quality_information():
    """Operators 2 22 000 (quality information) and 2 24 000 (first-order statistics) with a data-present
    bit-map defined for re-use (2 36 000) and re-used (2 37 000). bufr_dump -j f shows quality values as
    attributes and markers without a descriptor, so this file is checked by test/decode.test.ts instead."""
    handle = ec.codes_bufr_new_from_samples('BUFR4')
    ec.codes_set(handle, 'masterTablesVersionNumber', 39)
    ec.codes_set(handle, 'numberOfSubsets', 1)
    ec.codes_set(handle, 'compressedData', 0)
    ec.codes_set_array(handle, 'inputDelayedDescriptorReplicationFactor', [4, 2, 2])
    ec.codes_set_array(handle, 'inputDataPresentIndicator', [1, 1, 0, 0])
    ec.codes_set_array(handle, 'unexpandedDescriptors', [
        301001, 12101, 12103,
        222000, 236000, 101000, 31001, 31031, 1031, 1032, 101000, 31001, 33007,
        224000, 237000, 1031, 1032, 101000, 31001, 224255])
    ec.codes_set(handle, 'blockNumber', 6)
    ec.codes_set(handle, 'stationNumber', 260)
    ec.codes_set(handle, 'airTemperature', 288.25)
    ec.codes_set(handle, 'dewpointTemperature', 284.15)
    ec.codes_set(handle, '#1#centre', 99)
    ec.codes_set(handle, 'airTemperature->percentConfidence', 70)
    ec.codes_set(handle, 'pack', 1)
    os.makedirs(os.path.join(PACKAGE, 'test', 'fixtures'), exist_ok=True)
    with open(os.path.join(PACKAGE, 'test', 'fixtures', 'quality-222000-224000.bufr'), 'wb') as f:
        f.write(ec.codes_get_message(handle))
    ec.codes_release(handle)


def main():
    for old in glob.glob(os.path.join(CORPUS, '*.bufr')):
        os.remove(old)
    noon = [knmi(s, '2022-12-31T12:00:00Z') for s in STATIONS]
    six = [knmi(s, '2022-12-31T06:00:00Z') for s in STATIONS]
    midnight = [knmi(s, '2022-12-31T00:00:00Z') for s in STATIONS[:5]]

    # TM 307080 (SYNOP from a fixed land station), one subset: edition 3 with master table 13, edition 4
    # with the 24 of ecCodes' sample; two cloud layers, then none.
    encode('synop-307080-ed3-v13-06260.bufr', [307080], noon[:1], edition=3, version=13, factors=(2, 0) + (1,) * 200)
    encode('synop-307080-ed4-v24-06260.bufr', [307080], noon[:1], version=24)
    # With the WIGOS identifier (301150), several stations, uncompressed and compressed.
    encode('synop-301150-307080-12-stations.bufr', [301150, 307080], noon)
    encode('synop-301150-307080-12-stations-compressed.bufr', [301150, 307080], six, compressed=True)
    # TM 307096 (SYNOP, regional and national), TM 307091 (one-hour surface observations) and TM 307092
    # (n-minute surface observations, with associated fields 2 04 and changed width and scale 2 01, 2 02).
    encode('synop-307096-06260.bufr', [307096], noon[:1])
    encode('synop-301150-307096-12-stations-compressed.bufr', [301150, 307096], noon, compressed=True)
    encode('surface-307091-5-stations.bufr', [307091], midnight)
    encode('surface-307092-12-stations.bufr', [307092], noon)
    encode('surface-307092-12-stations-compressed.bufr', [307092], six, compressed=True, short=(1, 0) * 100)

    # A GTS bulletin: three messages, each with its abbreviated heading and end-of-message characters.
    parts = []
    for n, records in enumerate([noon[:1], six[:1], midnight[:1]]):
        message = encode('bulletin-part.bufr', [301150, 307080], records)
        parts.append(b'\x01\r\r\n%03d\r\r\nISMN01 EHDB 31%02d00\r\r\n' % (n, [12, 6, 0][n]) + message + b'\r\r\n\x03')
    os.remove(os.path.join(CORPUS, 'bulletin-part.bufr'))
    with open(os.path.join(CORPUS, 'gts-bulletin-3-messages.bufr'), 'wb') as f:
        f.write(b''.join(parts))

    quality_information()

    # ecCodes' own samples (Apache-2.0, ECMWF).
    for sample in sorted(glob.glob(os.path.join(SAMPLES, 'BUFR*.tmpl'))):
        name = os.path.basename(sample)[:-len('.tmpl')]
        shutil.copyfile(sample, os.path.join(CORPUS, f'eccodes-sample-{name}.bufr'))


if __name__ == '__main__':
    main()
