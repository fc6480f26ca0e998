// The Leaderboard panel: a tab per ranking (models, model + tone), each with the ratings chart
// and a sortable table, then the speed table. It draws what the host sends and asks it again
// on Refresh; the chosen tab and sorts survive a redraw and a hidden panel (the webview state).
import { h, icon } from '../dom';
import * as l10n from '../l10n';
import type { LeaderboardHostMessage, LeaderboardView, LeaderboardWebviewMessage } from '../../../extension/contract/leaderboard';
import { rankedColumns, speedColumns } from './columns';
import { ratingChart } from './ratingChart';
import { sortableTable } from './sortableTable';
import type { SortState } from './sortRules';
import { sortRows } from './sortRules';

export type Ranking = 'models' | 'modelTones';

export interface LeaderboardUiState {
  ranking: Ranking;
  sorts: Record<Ranking | 'speed', SortState>;
}

export interface LeaderboardTransport {
  post(message: LeaderboardWebviewMessage): void;
  onMessage(handler: (message: LeaderboardHostMessage) => void): void;
  loadState(): LeaderboardUiState | undefined;
  saveState(state: LeaderboardUiState): void;
}

const BY_RANK: SortState = { column: 'rank', direction: 'ascending' };
const DEFAULT_STATE: LeaderboardUiState = { ranking: 'models', sorts: { models: BY_RANK, modelTones: BY_RANK, speed: { column: 'model', direction: 'ascending' } } };
const RANKINGS: Ranking[] = ['models', 'modelTones'];

function rankingLabel(ranking: Ranking): string {
  return ranking === 'models' ? l10n.t('Models') : l10n.t('Model + tone');
}

export class LeaderboardApp {
  private state: LeaderboardUiState;
  private content: { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'shown'; view: LeaderboardView } = { kind: 'loading' };

  constructor(
    private readonly root: HTMLElement,
    private readonly transport: LeaderboardTransport,
  ) {
    const saved = transport.loadState();
    // A state saved by another version may lack a part: start afresh then.
    this.state = saved !== undefined && RANKINGS.includes(saved.ranking) && saved.sorts?.speed !== undefined ? saved : DEFAULT_STATE;
    transport.onMessage((message) => {
      this.content = message.type === 'leaderboard' ? { kind: 'shown', view: message.view } : { kind: 'failed', message: message.message };
      this.render();
    });
    this.render();
    transport.post({ type: 'ready' });
  }

  private update(state: LeaderboardUiState, focus?: string): void {
    this.state = state;
    this.transport.saveState(state);
    this.render();
    if (focus !== undefined) this.root.querySelector<HTMLElement>(focus)?.focus();
  }

  private render(): void {
    const refresh = h('button', { type: 'button', class: 'icon-button', 'aria-label': l10n.t('Refresh'), title: l10n.t('Refresh') }, [icon('refresh')]);
    refresh.addEventListener('click', () => this.transport.post({ type: 'refresh' }));
    const header = h('header', { class: 'leaderboard-header' }, [h('h1', { text: l10n.t('Leaderboard') }), refresh]);
    this.root.replaceChildren(h('main', { class: 'leaderboard' }, [header, ...this.body()]));
  }

  private body(): HTMLElement[] {
    const { content } = this;
    if (content.kind === 'loading') return [h('p', { class: 'leaderboard-status', role: 'status', text: l10n.t('Reading the library…') })];
    if (content.kind === 'failed') {
      return [h('p', { class: 'leaderboard-error', role: 'alert' }, [icon('error'), ' ', l10n.t('The leaderboard could not be read: {0}', content.message)])];
    }
    if (content.view.judgedDebates === 0) return [this.emptyState()];
    return [this.summary(content.view), this.tabs(), this.rankingPanel(content.view), ...this.speedSection(content.view)];
  }

  private emptyState(): HTMLElement {
    const show = h('button', { type: 'button', class: 'secondary-button' }, [icon('list-tree'), ' ', l10n.t('Show Debates View')]);
    show.addEventListener('click', () => this.transport.post({ type: 'showDebates' }));
    return h('div', { class: 'leaderboard-empty', role: 'status' }, [
      h('p', { text: l10n.t('No judged debates yet — judge a debate (Judge Debate… in the Debates view) or run a tournament') }),
      show,
    ]);
  }

  private summary(view: LeaderboardView): HTMLElement {
    return h('p', {
      class: 'leaderboard-summary',
      text: l10n.t(
        '{0} judged debates. Bradley-Terry ratings on the Elo scale (the mean is 1500), with 95% intervals from {1} bootstrap resamples; a win over each other speaker counts, a tie half.',
        view.judgedDebates,
        view.resamples,
      ),
    });
  }

  /** The rankings as tabs: arrow keys move between them, as the ARIA tabs pattern has it. */
  private tabs(): HTMLElement {
    const tabs = RANKINGS.map((ranking) => {
      const selected = this.state.ranking === ranking;
      const tab = h('button', {
        type: 'button',
        role: 'tab',
        id: `tab-${ranking}`,
        class: 'ranking-tab',
        'aria-selected': selected ? 'true' : 'false',
        'aria-controls': 'ranking-panel',
        tabindex: selected ? 0 : -1,
        text: rankingLabel(ranking),
      });
      tab.addEventListener('click', () => this.update({ ...this.state, ranking }, `#tab-${ranking}`));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        const other = RANKINGS[(RANKINGS.indexOf(ranking) + 1) % RANKINGS.length] as Ranking;
        this.update({ ...this.state, ranking: other }, `#tab-${other}`);
      });
      return tab;
    });
    return h('div', { role: 'tablist', class: 'ranking-tabs', 'aria-label': l10n.t('Ranking') }, tabs);
  }

  private rankingPanel(view: LeaderboardView): HTMLElement {
    const { ranking } = this.state;
    const rows = view[ranking];
    const columns = rankedColumns(ranking === 'modelTones');
    const sort = this.state.sorts[ranking];
    const table = sortableTable({
      caption: rankingLabel(ranking),
      columns,
      rows,
      sort,
      onSort: (next) => this.update({ ...this.state, sorts: { ...this.state.sorts, [ranking]: next } }, `#ranking-panel .sort-button[data-column="${next.column}"]`),
    });
    const chart = ratingChart(sortRows(rows, columns, sort), l10n.t('Ratings with 95% intervals ({0})', rankingLabel(ranking)));
    return h('section', { id: 'ranking-panel', role: 'tabpanel', 'aria-labelledby': `tab-${ranking}`, class: 'ranking-panel' }, [h('div', { class: 'chart-frame' }, [chart]), h('div', { class: 'table-frame' }, [table])]);
  }

  private speedSection(view: LeaderboardView): HTMLElement[] {
    const heading = h('h2', { id: 'speed-heading', text: l10n.t('Speed per host') });
    if (view.speed.length === 0) return [heading, h('p', { class: 'leaderboard-status', text: l10n.t('No turn of a judged debate was timed.') })];
    const table = sortableTable({
      caption: l10n.t('Speed per host'),
      columns: speedColumns(),
      rows: view.speed,
      sort: this.state.sorts.speed,
      onSort: (next) => this.update({ ...this.state, sorts: { ...this.state.sorts, speed: next } }, `#speed-section .sort-button[data-column="${next.column}"]`),
    });
    return [h('section', { id: 'speed-section', 'aria-labelledby': 'speed-heading' }, [heading, h('div', { class: 'table-frame' }, [table])])];
  }
}
