// `talking-models continue` and `talking-models branch`: go on with a saved debate,
// or start a new one from its first K turns, streamed like `debate`.

import { plural } from '../format';
import { allTones, DEFAULT_TONE, EngineError, type BranchRequest, type DebateSettings, type SessionRunOptions } from '../index';
import type { Transcript } from '../types';
import type { BranchCommand, ContinueCommand } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { findDebate, type Library } from './library-access';
import { hostOption, refuseToneMistakes } from './ollama-access';
import { combinedTones, loadPersonaFile } from './persona-file';
import { createRunner, type DebateRunner } from './run-session';
import { branchTones, replacementSpeakers } from './session-rules';
import { thinkingSlots } from './thinking-option';
import { loadToneFile } from './tone-file';

function runOptions(command: ContinueCommand | BranchCommand, io: CliIo): SessionRunOptions {
  // Without --host (or a timeout), the debate's own (else OLLAMA_HOST, else the default).
  const settings: DebateSettings = {
    ...(command.host !== undefined && { host: hostOption(command.host, io.env) }),
    ...(command.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: command.firstTokenTimeoutMs }),
    ...(command.stallTimeoutMs !== undefined && { stallTimeoutMs: command.stallTimeoutMs }),
    ...(command.contextWindow !== undefined && { contextWindow: command.contextWindow }),
  };
  return {
    signal: io.signal,
    pauseAfterEveryTurn: command.interactive,
    ...(Object.keys(settings).length > 0 && { settings }),
  };
}

/** The runner of a command on a saved debate: its library must open. */
function savedDebateRunner(command: ContinueCommand | BranchCommand, io: CliIo): { runner: DebateRunner; library: Library } {
  const runner = createRunner(command, io, false);
  if (runner.library === null) throw new Error('the library did not open');
  return { runner, library: runner.library };
}

async function transcriptOf(runner: DebateRunner, id: string): Promise<Transcript> {
  try {
    return await runner.sessions.transcript(id);
  } catch (error) {
    throw new CliError(`cannot read debate ${id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function runContinueCommand(command: ContinueCommand, io: CliIo): Promise<number> {
  const options = runOptions(command, io);
  const { runner, library } = savedDebateRunner(command, io);
  findDebate(library, command.id);
  // A debate whose process was killed mid-turn: its cut-off turn is recorded (kept, marked) first.
  if (await runner.sessions.recoverIfCutOff(command.id)) {
    runner.printer.info('The process that ran this debate ended before the debate did: a turn it cut off is kept, marked, and that speaker speaks again.');
  }
  if (command.exchanges === undefined) {
    const transcript = await transcriptOf(runner, command.id);
    if (transcript.outcome === 'complete') {
      throw new CliError(`debate ${command.id} is complete (${plural(transcript.exchanges, 'exchange')}); add more with: ${library.command(`continue ${command.id} --exchanges N`)}`);
    }
  }
  return runner.follow(runner.sessions.continue(command.id, command.exchanges, options), options);
}

export async function runBranchCommand(command: BranchCommand, io: CliIo): Promise<number> {
  const options = runOptions(command, io);
  const fileTones = combinedTones(await loadToneFile(command.toneFile), await loadPersonaFile(command.personaFile));
  const { runner, library } = savedDebateRunner(command, io);
  findDebate(library, command.id);
  // A cut-off turn is recorded first, so K counts the turns as `show` numbers them.
  await runner.sessions.recoverIfCutOff(command.id);
  const parent = await transcriptOf(runner, command.id);
  if (command.at > parent.turns.length) {
    const turns = plural(parent.turns.length, 'turn');
    throw new CliError(
      parent.turns.length === 0
        ? `debate ${command.id} has no turns to branch from yet`
        : `--at takes 1 to ${parent.turns.length}: debate ${command.id} has ${turns} (\`${library.command(`show ${command.id}`)}\` numbers them)`,
      EXIT_USAGE,
    );
  }
  const customTones = branchTones(fileTones, library.store.read(command.id));
  const speakers = thinkingSlots(replacementSpeakers(command.speakers, parent.speakers, customTones), parent.speakers, command.thinking);
  const replacements = command.speakers.filter((value): value is string => value !== null);
  if (replacements.length > 0) {
    const host = options.settings?.host ?? hostOption(library.store.read(command.id)?.settings.host, io.env);
    await refuseToneMistakes(replacements, allTones(customTones), DEFAULT_TONE, host, io);
  }
  const request: BranchRequest = {
    atTurn: command.at,
    ...(speakers.some((speaker) => speaker !== undefined) && { speakers, customTones }),
    ...(command.exchanges !== undefined && { exchanges: command.exchanges }),
    ...(command.note !== undefined && { note: command.note }),
  };
  let id: string;
  try {
    id = await runner.sessions.branch(command.id, request);
  } catch (error) {
    if (error instanceof EngineError) throw new CliError(error.detail.message, EXIT_USAGE);
    throw new CliError(`the branch was not saved: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.stdout(`Saved as ${id}\n\n`);
  if ((await transcriptOf(runner, id)).outcome === 'complete') {
    // Branched after its last planned turn: there is nothing to run until exchanges are added.
    runner.printer.info(`A branch of ${command.id} from turn ${command.at}, with all its exchanges spoken; add more with: ${library.command(`continue ${id} --exchanges N`)}`);
    return EXIT_OK;
  }
  return runner.follow(runner.sessions.continue(id, undefined, options), options, true);
}
