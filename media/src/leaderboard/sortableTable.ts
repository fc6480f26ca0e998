// A table whose column headers sort it: each header holds a button (click, Enter or Space),
// and the sorted column's header says how in aria-sort, as screen readers expect.
import { h, icon } from '../dom';
import * as l10n from '../l10n';
import { nextSort, sortRows, type SortableColumn, type SortState } from './sortRules';

export interface TableColumn<Row> extends SortableColumn<Row> {
  label: string;
  /** Right-aligned figures. */
  numeric: boolean;
  cell(row: Row): string;
}

export interface SortableTableOptions<Row> {
  caption: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  sort: SortState;
  onSort(sort: SortState): void;
}

function sortIcon(state: SortState, columnId: string): HTMLSpanElement {
  if (state.column !== columnId) return icon('blank');
  return icon(state.direction === 'ascending' ? 'arrow-up' : 'arrow-down');
}

export function sortableTable<Row>(options: SortableTableOptions<Row>): HTMLTableElement {
  const { columns, sort } = options;
  const header = h(
    'tr',
    {},
    columns.map((column) => {
      const sorted = sort.column === column.id;
      const button = h('button', { type: 'button', class: 'sort-button', 'data-column': column.id }, [column.label, sortIcon(sort, column.id)]);
      button.title = l10n.t('Sort by {0}', column.label);
      button.addEventListener('click', () => options.onSort(nextSort(sort, column)));
      return h('th', { scope: 'col', class: column.numeric ? 'numeric' : undefined, 'aria-sort': sorted ? sort.direction : 'none' }, [button]);
    }),
  );
  const body = sortRows(options.rows, columns, sort).map((row) =>
    h(
      'tr',
      {},
      columns.map((column) => h('td', { class: column.numeric ? 'numeric' : undefined, text: column.cell(row) })),
    ),
  );
  return h('table', { class: 'leaderboard-table' }, [h('caption', { class: 'visually-hidden', text: options.caption }), h('thead', {}, [header]), h('tbody', {}, body)]);
}
