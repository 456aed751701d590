// A data table: column headers (some only for screen readers), one row per item, scrolling sideways on
// narrow screens.
import type { Key, ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The header is read out but not shown (a column of buttons). */
  hiddenHeader?: boolean;
  /** This column names the row (`<th scope="row">`). */
  rowHeader?: boolean;
}

export function Table<T>(p: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowClass?: (row: T) => string | undefined;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th key={c.header} scope="col">
                {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row) => (
            <tr key={p.rowKey(row)} className={p.rowClass?.(row)}>
              {p.columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
