// How the leaderboard's tables sort, pure (no DOM): by one column, either way, with rows that
// have no figure in that column always last, and ties kept in rank order.

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: string;
  direction: SortDirection;
}

/** A column's sort key for a row: a number, a text, or null (not measured). */
export type SortValue = number | string | null;

export interface SortableColumn<Row> {
  id: string;
  value(row: Row): SortValue;
  /** The direction a first click sorts in: the best first (highest rating, fastest first token). */
  firstDirection: SortDirection;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** Pure: the rows sorted by `state` (stable: equal rows keep their order). */
export function sortRows<Row>(rows: readonly Row[], columns: readonly SortableColumn<Row>[], state: SortState): Row[] {
  const column = columns.find((candidate) => candidate.id === state.column);
  if (column === undefined) return [...rows];
  const sign = state.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, at) => ({ row, at, value: column.value(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.at - b.at : a.value === null ? 1 : -1;
      return sign * compareValues(a.value, b.value) || a.at - b.at;
    })
    .map(({ row }) => row);
}

/** Pure: the sort after a click on `column`: the same column flips; another starts in its first direction. */
export function nextSort<Row>(state: SortState, column: SortableColumn<Row>): SortState {
  if (state.column === column.id) return { column: column.id, direction: state.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column: column.id, direction: column.firstDirection };
}
