// What a hostile or careless query string cannot do to the query API: ask for millions of levels or
// list items (400 before any SQL), hold NUL characters or offsets beyond the database's integers (400/404,
// never 500).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestHub, type TestHub } from '../support/hub.js';

describe('query API guard rails', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub();
  });
  after(() => hub.stop());

  const get = (url: string) => hub.app.inject({ url });

  it('refuses level and z lists that expand past 1000 values, before any SQL', async () => {
    const repeats = Array(1000).fill('R10000/0/1').join(',');
    for (const url of [
      `/collections/observations/locations?z=${repeats}`,
      `/collections/observations/locations?level=${repeats}`,
      `/collections/observations/cube?bbox=-10,40,10,60&z=${repeats}`,
      `/collections/observations/area?coords=POLYGON((0 0,1 0,1 1,0 0))&level=R1001/0/1`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url.slice(0, 60));
      assert.match(res.body, /At most 1000 levels per parameter/);
    }
  });

  it('refuses lists of more than 1000 items', async () => {
    const names = Array(1001).fill('air_temperature:*:*:*').join(',');
    const res = await get(`/collections/observations/locations?parameter-name=${encodeURIComponent(names)}`);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { detail: 'At most 1000 comma-separated values per parameter' });
  });

  it('answers levels and periods beyond the stored integers with 400, not 500 (found by the HTTP fuzz)', async () => {
    for (const url of [
      '/collections/observations/locations?level=5.963108621468148e%2B35',
      '/collections/observations/position?coords=POINT(5.18%2052.1)&z=1e12',
      '/collections/observations/locations?duration=P99999999999W',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    }
  });

  it('answers NUL characters and huge offsets with 4xx, not 500', async () => {
    for (const url of [
      '/collections/observations/items/%00',
      '/collections/observations/locations?parameter-name=%00',
      '/collections/observations/position?coords=POINT(5%2052)&standard_name=air%00',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /NUL character/);
    }
    const offset = await get('/collections/observations/items?platform=0-20000-0-06260&offset=2147483648');
    assert.equal(offset.statusCode, 404);
    assert.equal((await get('/health')).statusCode, 200);
  });
});
