// The ratings as a picture: one row per player, a dot at its rating and a whisker across its
// 95% interval, beside a dashed line at the mean (1500), so overlapping intervals (players the
// data can't tell apart) show at a glance. Drawn in SVG with theme colours (leaderboard.css);
// names go in as text nodes. The text alternative names every rating and interval.
import * as l10n from '../l10n';
import type { RankedRowView } from '../../../extension/contract/leaderboard';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const LABEL_WIDTH = 200;
const RIGHT_MARGIN = 16;
const ROW_HEIGHT = 24;
const AXIS_HEIGHT = 28;
const MEAN = 1500;
const MAX_LABEL_CHARS = 28;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function playerName(row: Pick<RankedRowView, 'model' | 'tone'>): string {
  return row.tone === null ? row.model : l10n.t('{0} ({1})', row.model, row.tone);
}

function shortened(text: string): string {
  const characters = [...text];
  return characters.length <= MAX_LABEL_CHARS ? text : `${characters.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
}

/** Pure: the axis's ends, rounded out to hundreds, around every interval, rating and the mean. */
export function chartRange(rows: readonly RankedRowView[]): { min: number; max: number } {
  const values = rows.flatMap((row) => [row.rating.value ?? MEAN, ...(row.interval === null ? [] : [row.interval.low, row.interval.high])]);
  const min = Math.floor((Math.min(MEAN, ...values) - 1) / 100) * 100;
  const max = Math.ceil((Math.max(MEAN, ...values) + 1) / 100) * 100;
  return { min, max };
}

/** Pure: the words a screen reader reads for the chart. */
export function chartDescription(rows: readonly RankedRowView[]): string {
  return rows
    .map((row) => (row.interval === null ? l10n.t('{0}: {1}', playerName(row), row.rating.text) : l10n.t('{0}: {1}, 95% interval {2}', playerName(row), row.rating.text, row.intervalText)))
    .join('; ');
}

export function ratingChart(rows: readonly RankedRowView[], title: string): SVGSVGElement {
  const { min, max } = chartRange(rows);
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 8;
  const x = (value: number): number => LABEL_WIDTH + ((value - min) / (max - min)) * (WIDTH - LABEL_WIDTH - RIGHT_MARGIN);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'rating-chart', role: 'img', 'aria-labelledby': 'rating-chart-title rating-chart-desc' });
  chart.append(svg('title', { id: 'rating-chart-title' }, title), svg('desc', { id: 'rating-chart-desc' }, chartDescription(rows)));
  const step = max - min > 1200 ? 400 : max - min > 600 ? 200 : 100;
  for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) {
    chart.append(
      svg('line', { x1: x(tick), x2: x(tick), y1: AXIS_HEIGHT - 6, y2: height - 4, class: 'chart-grid' }),
      svg('text', { x: x(tick), y: AXIS_HEIGHT - 10, 'text-anchor': 'middle', class: 'chart-tick' }, String(tick)),
    );
  }
  chart.append(svg('line', { x1: x(MEAN), x2: x(MEAN), y1: AXIS_HEIGHT - 6, y2: height - 4, class: 'chart-mean' }));
  rows.forEach((row, at) => {
    const y = AXIS_HEIGHT + at * ROW_HEIGHT + ROW_HEIGHT / 2;
    const group = svg('g', { class: 'chart-row', 'data-player': playerName(row) });
    const label = svg('text', { x: LABEL_WIDTH - 8, y: y + 4, 'text-anchor': 'end', class: 'chart-label' }, shortened(playerName(row)));
    group.append(label);
    if (row.interval !== null) {
      group.append(
        svg('line', { x1: x(row.interval.low), x2: x(row.interval.high), y1: y, y2: y, class: 'chart-whisker' }),
        svg('line', { x1: x(row.interval.low), x2: x(row.interval.low), y1: y - 5, y2: y + 5, class: 'chart-whisker' }),
        svg('line', { x1: x(row.interval.high), x2: x(row.interval.high), y1: y - 5, y2: y + 5, class: 'chart-whisker' }),
      );
    }
    if (row.rating.value !== null) group.append(svg('circle', { cx: x(row.rating.value), cy: y, r: 5, class: 'chart-dot' }));
    chart.append(group);
  });
  return chart;
}
