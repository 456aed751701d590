import { describe, expect, it } from 'vitest';
import { formatState, MAX_COMPARE, parseState } from './urlState';

describe('URL state', () => {
  it('round-trips a full view', () => {
    const state = {
      parameter: 'air_temperature:2.0:point:PT0S',
      station: '0-20000-0-06260',
      compare: ['0-20000-0-06235', '0-20000-0-06240'],
      time: '2026-11-21T10:20Z',
      search: 'de bilt',
      authority: 'nl.knmi',
      inView: true,
      view: { lon: 5.18, lat: 52.1, zoom: 7.5 },
    };
    const text = formatState(state);
    expect(text).toContain('parameter=air_temperature:2.0:point:PT0S');
    expect(text).toContain('compare=0-20000-0-06235,0-20000-0-06240');
    expect(parseState(text)).toEqual(state);
  });

  it('is empty for the default view', () => {
    expect(formatState({ compare: [] })).toBe('');
    expect(parseState('')).toEqual({
      parameter: undefined,
      station: undefined,
      compare: [],
      time: undefined,
      search: undefined,
      authority: undefined,
      inView: undefined,
      view: undefined,
    });
  });

  it('rounds the view so that URLs stay short', () => {
    expect(formatState({ compare: [], view: { lon: 5.123456789, lat: 52.987654321, zoom: 3.14159 } })).toBe(
      '?view=5.1235,52.9877,3.14',
    );
  });

  it('drops what does not make sense', () => {
    const state = parseState('?time=yesterday&view=500,0,3&compare=a,b&station=&parameter=%20');
    expect(state.time).toBeUndefined();
    expect(state.view).toBeUndefined();
    expect(state.compare).toEqual([]); // no station to compare with
    expect(state.parameter).toBeUndefined();
  });

  it('compares at most MAX_COMPARE stations in all, without repeating the station', () => {
    const state = parseState('?station=s&compare=s,a,b,a,c,d,e,f');
    expect(state.compare).toEqual(['a', 'b', 'c', 'd']);
    expect(1 + state.compare.length).toBe(MAX_COMPARE);
  });
});
