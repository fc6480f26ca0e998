// Which host can run which match: a host serves a match only when it has both speakers' models
// and the judge's installed. Pure; names match as Ollama matches them (no tag means ":latest",
// case does not matter).
import { modelKey } from '../ollama-api';
import type { TournamentMatch } from './plan';

/** A host and the models it has installed (its /api/tags when the tournament started). */
export interface HostInventory {
  url: string;
  models: readonly string[];
}

function key(model: string): string {
  return modelKey(model).toLowerCase();
}

/** The models a match needs on its host: both speakers' and the judge's. */
export function modelsNeeded(match: TournamentMatch, judge: string): string[] {
  return [...new Set([...match.models, judge])];
}

/** Pure: the models of `needed` that `host` lacks. */
export function missingModels(host: HostInventory, needed: readonly string[]): string[] {
  const installed = new Set(host.models.map(key));
  return needed.filter((model) => !installed.has(key(model)));
}

export function canServe(host: HostInventory, match: TournamentMatch, judge: string): boolean {
  return missingModels(host, modelsNeeded(match, judge)).length === 0;
}

/** A match that no host can run, and what each host lacks for it. */
export interface UnservableMatch {
  match: TournamentMatch;
  missing: { host: string; models: string[] }[];
}

/** Pure: the matches none of `hosts` can serve. */
export function unservableMatches(matches: readonly TournamentMatch[], judge: string, hosts: readonly HostInventory[]): UnservableMatch[] {
  return matches
    .filter((match) => !hosts.some((host) => canServe(host, match, judge)))
    .map((match) => ({ match, missing: hosts.map((host) => ({ host: host.url, models: missingModels(host, modelsNeeded(match, judge)) })) }));
}

/**
 * Pure: the unservable matches in words, one line per host saying which models it lacks
 * (matches needing the same missing models are said once), e.g.
 * "no host can run 4 matches: http://a:11434 lacks qwen3:1.7b; http://b:11434 lacks gemma3:4b, qwen3:1.7b".
 */
export function unservableMessage(unservable: readonly UnservableMatch[]): string {
  const perHost = new Map<string, Set<string>>();
  for (const { missing } of unservable) {
    for (const { host, models } of missing) {
      const lacks = perHost.get(host) ?? new Set<string>();
      for (const model of models) lacks.add(model);
      perHost.set(host, lacks);
    }
  }
  const hosts = [...perHost].map(([host, models]) => `${host} lacks ${[...models].sort().join(', ')}`);
  const count = unservable.length;
  return `no host can run ${count} match${count === 1 ? '' : 'es'} (${unservable.map(({ match }) => match.key).slice(0, 3).join(', ')}${count > 3 ? ', …' : ''}): ${hosts.join('; ')}`;
}
