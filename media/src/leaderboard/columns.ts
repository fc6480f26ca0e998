// The leaderboard's table columns: what each shows, sorts by, and sorts first.
import * as l10n from '../l10n';
import type { RankedRowView, SpeedRowView } from '../../../extension/contract/leaderboard';
import type { TableColumn } from './sortableTable';

export function rankedColumns(withTone: boolean): TableColumn<RankedRowView>[] {
  return [
    { id: 'rank', label: l10n.t('Rank'), numeric: true, firstDirection: 'ascending', value: (row) => row.rank, cell: (row) => String(row.rank) },
    { id: 'model', label: l10n.t('Model'), numeric: false, firstDirection: 'ascending', value: (row) => row.model, cell: (row) => row.model },
    ...(withTone
      ? [{ id: 'tone', label: l10n.t('Tone'), numeric: false, firstDirection: 'ascending', value: (row) => row.tone, cell: (row) => row.tone ?? '' } satisfies TableColumn<RankedRowView>]
      : []),
    { id: 'rating', label: l10n.t('Rating'), numeric: true, firstDirection: 'descending', value: (row) => row.rating.value, cell: (row) => row.rating.text },
    { id: 'interval', label: l10n.t('95% CI'), numeric: true, firstDirection: 'descending', value: (row) => row.interval?.low ?? null, cell: (row) => row.intervalText },
    { id: 'record', label: l10n.t('W-L-T'), numeric: true, firstDirection: 'descending', value: (row) => row.record.value, cell: (row) => row.record.text },
    { id: 'debates', label: l10n.t('Debates'), numeric: true, firstDirection: 'descending', value: (row) => row.debates, cell: (row) => String(row.debates) },
    { id: 'firstToken', label: l10n.t('Median TTFT'), numeric: true, firstDirection: 'ascending', value: (row) => row.firstToken.value, cell: (row) => row.firstToken.text },
    { id: 'tokensPerSecond', label: l10n.t('Tokens/s'), numeric: true, firstDirection: 'descending', value: (row) => row.tokensPerSecond.value, cell: (row) => row.tokensPerSecond.text },
  ];
}

export function speedColumns(): TableColumn<SpeedRowView>[] {
  return [
    { id: 'model', label: l10n.t('Model'), numeric: false, firstDirection: 'ascending', value: (row) => row.model, cell: (row) => row.model },
    { id: 'host', label: l10n.t('Host'), numeric: false, firstDirection: 'ascending', value: (row) => row.host, cell: (row) => row.host },
    { id: 'turns', label: l10n.t('Turns'), numeric: true, firstDirection: 'descending', value: (row) => row.turns, cell: (row) => String(row.turns) },
    { id: 'firstToken', label: l10n.t('Median TTFT'), numeric: true, firstDirection: 'ascending', value: (row) => row.firstToken.value, cell: (row) => row.firstToken.text },
    { id: 'tokensPerSecond', label: l10n.t('Tokens/s'), numeric: true, firstDirection: 'descending', value: (row) => row.tokensPerSecond.value, cell: (row) => row.tokensPerSecond.text },
  ];
}
