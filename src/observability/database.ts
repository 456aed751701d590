// Every database statement, on both drivers: its duration by statement name (metrics), a span with its
// SQL when a traced operation runs it, and a warn line when it is slow. Wraps the Database that
// storage/ opens (StorageOptions.observe), so storage itself knows nothing of metrics or traces.
import type { Logger } from 'pino';
import type { Database, Sql } from '../storage/index.js';
import type { Metrics } from './metrics.js';
import { inSpan, SpanKind, tracingEnabled } from './tracing.js';

const MAX_NAMES = 500;
const names = new Map<string, string>();

/**
 * A short, bounded name for a statement: its verb and first table, digits folded (`select outbox`,
 * `insert observation`, `create observation_pN`). Never its parameters.
 */
export function statementName(sql: string): string {
  const cached = names.get(sql);
  if (cached) return cached;
  // Comments and row-locking clauses (`FOR UPDATE SKIP LOCKED`) name nothing.
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\bfor\s+(?:no\s+key\s+)?(?:update|share)\b/gi, ' ')
    .trim();
  let verb = (/^\s*([a-z]+)/i.exec(text)?.[1] ?? 'other').toLowerCase();
  let table = /\b(?:from|into|update|table(?:\s+if\s+(?:not\s+)?exists)?)\s+("?[a-z_][a-z0-9_.]*"?)/i.exec(
    text,
  )?.[1];
  // A WITH statement is named after its first data-modifying part (`insert observation`), else a select.
  const dml =
    verb === 'with' ? /\b(insert\s+into|update|delete\s+from)\s+("?[a-z_][a-z0-9_.]*"?)/i.exec(text) : null;
  if (dml) {
    verb = dml[1]!.split(/\s+/)[0]!.toLowerCase();
    table = dml[2];
  } else if (verb === 'with') verb = 'select';
  const name = `${verb}${table ? ` ${table.replace(/"/g, '').replace(/\d+/g, 'N')}` : ''}`.slice(0, 60);
  if (names.size < MAX_NAMES) names.set(sql, name);
  return name;
}

export interface DatabaseObserverOptions {
  metrics: Metrics;
  log: Logger;
  slowQueryMs: number;
}

/** Returns the wrapper for StorageOptions.observe. */
export function observeDatabase(options: DatabaseObserverOptions): (db: Database) => Database {
  const { metrics, log, slowQueryMs } = options;
  const seen = new Set<string>();
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    let statement = statementName(sql);
    // A bounded label set even if some code built SQL with varying identifiers.
    if (!seen.has(statement)) {
      if (seen.size >= MAX_NAMES) statement = 'other';
      else seen.add(statement);
    }
    const started = performance.now();
    try {
      return tracingEnabled()
        ? await inSpan(
            `db ${statement}`,
            { 'db.system.name': 'postgresql', 'db.query.text': sql, 'db.operation.name': statement },
            () => run(),
            { requireParent: true, kind: SpanKind.CLIENT },
          )
        : await run();
    } finally {
      const ms = performance.now() - started;
      metrics.dbQuery.observe({ statement }, ms / 1000);
      if (ms > slowQueryMs) {
        log.warn(
          { component: 'storage', statement, durationMs: Math.round(ms) },
          `slow SQL statement (${statement}) took ${Math.round(ms)} ms`,
        );
      }
    }
  };
  const wrapSql = (sql: Sql): Sql => ({
    query: <T>(text: string, params?: unknown[]) => timed(text, () => sql.query<T>(text, params)),
    exec: (script: string) => timed(script, () => sql.exec(script)),
  });
  return (db: Database): Database => {
    return {
      ...db,
      ...wrapSql(db),
      transaction: <T>(fn: (tx: Sql) => Promise<T>) =>
        inSpan(
          'db transaction',
          { 'db.system.name': 'postgresql' },
          () => db.transaction((tx) => fn(wrapSql(tx))),
          {
            requireParent: true,
            kind: SpanKind.INTERNAL,
          },
        ),
      limited: (limits) => {
        const sql = wrapSql(db.limited(limits));
        return {
          ...sql,
          query: async <T>(text: string, params?: unknown[]) => {
            const rows = await sql.query<T>(text, params);
            metrics.queryRows.inc(rows.length);
            return rows;
          },
        };
      },
    };
  };
}
