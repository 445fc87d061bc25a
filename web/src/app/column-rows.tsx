import { flexRender, getCoreRowModel, useReactTable, type Header, type Table, type TableOptions } from '@tanstack/react-table';
import type { ReactNode, ThHTMLAttributes } from 'react';

/** Attributes a page puts on a row (`data-lot`…) for links and tests to find it by. */
type RowData = Record<`data-${string}`, string | undefined>;

/** A header cell as a sortable list draws it: its content (a sort button) and its attributes (aria-sort). */
interface HeaderCell {
  props?: ThHTMLAttributes<HTMLTableCellElement>;
  content: ReactNode;
}

/**
 * A TanStack table's header and rows, drawn the one way every list page draws them, inside ListTable: a header
 * cell per column (scope="col"), a cell per column in each row. What differs between lists is given, not copied:
 * `numeric` columns are right-aligned (class "num"), `columnIds` marks each cell with its column (data-column),
 * `rowData` names a row, and `header` (sortable lists) wraps a header's content and adds its attributes.
 */
export function ColumnRows<T>({
  table,
  numeric = [],
  columnIds = false,
  rowData,
  header,
}: {
  table: Table<T>;
  numeric?: readonly string[];
  columnIds?: boolean;
  rowData?: (row: T) => RowData;
  header?: (h: Header<T, unknown>, content: ReactNode) => HeaderCell;
}) {
  const cellProps = (id: string) => ({ className: numeric.includes(id) ? 'num' : undefined, ...(columnIds ? { 'data-column': id } : {}) });
  return (
    <>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => {
              const content = flexRender(h.column.columnDef.header, h.getContext());
              const drawn: HeaderCell = header === undefined ? { content } : header(h, content);
              return (
                <th key={h.id} scope="col" {...cellProps(h.column.id)} {...drawn.props}>
                  {drawn.content}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} {...rowData?.(row.original)}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id} {...cellProps(cell.column.id)}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </>
  );
}

/**
 * The table over a page of a list: the server has filtered, sorted and paged it, so only the core row model; rows
 * are keyed by their id, so React keeps a row's cells when the page above it changes.
 */
export function useListTable<T extends { id: string }>(items: T[] | undefined, columns: TableOptions<T>['columns']): Table<T> {
  return useReactTable({ data: items ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, manualPagination: true, manualSorting: true });
}
