import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create();
await db.exec('SET statement_timeout = 200');
const t = Date.now();
try {
  await db.query('SELECT count(*) FROM generate_series(1, 50000000)');
  console.log('finished', Date.now() - t);
} catch (e) {
  console.log('error', e.message, Date.now() - t);
}
try {
  await db.query('SELECT pg_sleep(1)');
  console.log('sleep finished', Date.now() - t);
} catch (e) {
  console.log('error', e.message, Date.now() - t);
}
