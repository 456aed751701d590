// The query baseline: a minimal node:http server answering the same requests with one hand-written SQL
// query each and JSON.stringify, on a database holding the same rows. Run as its own process:
//   tsx bench/baselines/minimalServer.ts <postgres-url | pglite-data-dir>
// It prints its port on stdout, then serves:
//   /series?platform=…&parameter=…            one series, all its values
//   /area?west=…&east=…&south=…&north=…&parameter=…&since=…   one parameter of the stations in a box
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';

const target = process.argv[2] ?? '';
type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
let query: Query;
if (target.startsWith('postgres')) {
  const pool = new pg.Pool({ connectionString: target, max: 20 });
  query = async (text, params) => (await pool.query(text, params)).rows;
} else {
  const db = await PGlite.create({ dataDir: target, extensions: { postgis } });
  query = async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows;
}

const SERIES = `SELECT o.obstime, o.value FROM time_series t JOIN observation o ON o.ts_id = t.id
  WHERE t.platform = $1 AND t.parameter_name = $2 ORDER BY o.obstime`;
const AREA = `SELECT t.platform, g.lon, g.lat, o.obstime, o.value FROM time_series t
  JOIN geo_point g ON g.id = t.geo_point_id JOIN observation o ON o.ts_id = t.id
  WHERE t.parameter_name = $1 AND g.lon BETWEEN $2 AND $3 AND g.lat BETWEEN $4 AND $5 AND o.obstime >= $6
  ORDER BY t.platform, o.obstime`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const p = url.searchParams;
  const answer =
    url.pathname === '/series'
      ? query(SERIES, [p.get('platform'), p.get('parameter')])
      : query(AREA, [
          p.get('parameter'),
          p.get('west'),
          p.get('east'),
          p.get('south'),
          p.get('north'),
          p.get('since'),
        ]);
  answer.then(
    (rows) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows));
    },
    (err: Error) => {
      res.writeHead(500);
      res.end(err.message);
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
