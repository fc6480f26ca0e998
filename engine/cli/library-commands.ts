// The library's commands: list, show, export, import and delete. Nothing here calls a model.

import { readFile } from 'node:fs/promises';
import { tallyVotes } from '../closing';
import { cutOffTurn } from '../session';
import { DebateSessions, transcriptToMarkdown } from '../index';
import { describeHolder } from '../library/lock';
import { exportDebateJson, importDebateJson } from '../library/transfer';
import type { Transcript } from '../types';
import type { DeleteCommand, ExportCommand, ImportCommand, ListCommand, ShowCommand } from './args';
import { colorEnabled, createStyle } from './color';
import { CliError, EXIT_FAILURE, EXIT_OK, type CliIo } from './io';
import { createWarner, findDebate, findEntry, openLibrary, type Library } from './library-access';
import { ensureLibraryFolder, libraryFolder } from './library-folder';
import { checkOutFile, writeOutFile } from './out-file';
import { jsonForTerminal, libraryJson, libraryTable, oneLine, transcriptText } from './render';
import { verdictText } from './verdict-text';
import { voteText } from './vote-text';
import { hasMaterial } from '../material/material';
import { materialListing } from '../material/prompt-block';
import { citationBase } from './material-input';

function open(command: { library: string | undefined }, io: CliIo): Library {
  return openLibrary(command.library, io, createWarner(io));
}

function sessionsOf(library: Library): DebateSessions {
  return new DebateSessions(library.store);
}

function failure(what: string, error: unknown): CliError {
  return error instanceof CliError ? error : new CliError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export function runListCommand(command: ListCommand, io: CliIo): number {
  const library = open(command, io);
  let entries;
  try {
    entries = library.store.library.list();
  } catch (error) {
    throw failure(`cannot list the debates in ${library.folder}`, error);
  }
  if (command.json) {
    io.stdout(`${jsonForTerminal(JSON.stringify(libraryJson(entries), null, 2))}\n`);
  } else if (entries.length === 0) {
    io.stdout(`No debates in ${oneLine(library.folder)} yet. Start one with: talking-models debate --topic TEXT --speaker MODEL\n`);
  } else {
    io.stdout(`${libraryTable(entries)}\n`);
  }
  return EXIT_OK;
}

async function transcriptOf(library: Library, id: string): Promise<Transcript> {
  try {
    return await sessionsOf(library).transcript(id);
  } catch (error) {
    throw failure(`cannot read debate ${id}`, error);
  }
}

/**
 * A debate whose process was killed mid-turn still has that turn only in its live-turn
 * file until someone continues it: show it, marked, so nothing already seen is missing.
 */
function withCutOffTurn(library: Library, transcript: Transcript): Transcript {
  if (transcript.outcome !== 'interrupted' || !library.store.wasCutOff(transcript.id)) return transcript;
  const cutOff = library.store
    .readLiveTurns(transcript.id)
    .filter((live) => live.text !== '' && !transcript.turns.some((turn) => turn.id === live.turnId))
    .map(cutOffTurn);
  return cutOff.length === 0 ? transcript : { ...transcript, turns: [...transcript.turns, ...cutOff] };
}

export async function runShowCommand(command: ShowCommand, io: CliIo): Promise<number> {
  const library = open(command, io);
  const entry = findDebate(library, command.id);
  if (command.json) {
    let json: string;
    try {
      json = await exportDebateJson(sessionsOf(library), entry.id);
    } catch (error) {
      throw failure(`cannot read debate ${entry.id}`, error);
    }
    io.stdout(`${jsonForTerminal(json).replace(/\n*$/, '')}\n`);
    return EXIT_OK;
  }
  const style = createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY }));
  const transcript = withCutOffTurn(library, await transcriptOf(library, entry.id));
  io.stdout(`${transcriptText(transcript, style)}\n`);
  if (hasMaterial(transcript.material)) io.stdout(`\n${style.dim('Material:')}\n${materialListing(transcript.material).join('\n')}\n`);
  const vote = tallyVotes(transcript.turns, transcript.speakers);
  if (vote.statements > 0) io.stdout(`\n${voteText(vote, style)}\n`);
  for (const verdict of transcript.verdicts ?? []) io.stdout(`\n${verdictText(verdict, transcript.turns, style)}\n`);
  if (entry.lockedBy !== null) io.stdout(`\n${style.dim(oneLine(`This debate is ${describeHolder(entry.lockedBy)}.`))}\n`);
  else if (transcript.outcome === 'interrupted' || transcript.outcome === 'stopped' || transcript.outcome === 'paused') {
    io.stdout(`\n${style.dim(oneLine(`Go on with it: ${library.command(`continue ${entry.id}`)}`))}\n`);
  }
  return EXIT_OK;
}

export async function runExportCommand(command: ExportCommand, io: CliIo): Promise<number> {
  const library = open(command, io);
  const entry = findDebate(library, command.id);
  checkOutFile(command.out, command.force);
  let text: string;
  try {
    text = command.format === 'json'
      ? await exportDebateJson(sessionsOf(library), entry.id)
      : transcriptToMarkdown(await transcriptOf(library, entry.id), { thinking: command.thinking, citationBase: citationBase(command.out, io.cwd) });
  } catch (error) {
    throw failure(`cannot export debate ${entry.id}`, error);
  }
  writeOutFile(command.out, text, command.force);
  io.stdout(`Exported ${entry.id} to ${oneLine(command.out)}\n`);
  return EXIT_OK;
}

/** The id an export file names, if it names one (to say which id was taken). */
function idInFile(text: string): string | null {
  try {
    const json: unknown = JSON.parse(text);
    const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : null;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

export async function runImportCommand(command: ImportCommand, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(command.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${command.file} does not exist`);
    if (code === 'EISDIR') throw new CliError(`${command.file} is a folder; give import a JSON file made by \`talking-models export --format json\``);
    throw new CliError(`cannot read ${command.file}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
  }
  const problem = ensureLibraryFolder(libraryFolder(command.library, io));
  if (problem !== null) throw new CliError(`${command.file} was not imported: the library folder can't be written: ${problem}`);
  const library = open(command, io);
  let imported: Awaited<ReturnType<typeof importDebateJson>>;
  try {
    imported = await importDebateJson(sessionsOf(library), text);
  } catch (error) {
    throw failure(`${command.file} was not imported`, error);
  }
  if (!imported.ok) throw new CliError(`${command.file} was not imported: ${imported.reason}`);
  const original = idInFile(text);
  const renamed = imported.renamed
    ? ` (the id ${original !== null ? `${oneLine(original)} ` : ''}was taken in this library, so the debate got a new one)`
    : '';
  io.stdout(`Imported as ${oneLine(imported.id)}${renamed}\n`);
  return EXIT_OK;
}

export async function runDeleteCommand(command: DeleteCommand, io: CliIo): Promise<number> {
  const library = open(command, io);
  // A damaged debate can be deleted too: that is how a person clears it away.
  const entry = findEntry(library, command.id);
  const id = entry.id;
  let branches: string[];
  try {
    branches = library.store.library.children(id);
  } catch (error) {
    throw failure(`cannot read the library ${library.folder}`, error);
  }
  if (branches.length > 0 && !command.yes) {
    const which = `${branches.length === 1 ? 'a branch' : `${branches.length} branches`} (${branches.join(', ')})`;
    if (!io.stdinIsTTY) {
      throw new CliError(`debate ${id} has ${which}; they would stay, without a parent. Pass --yes to delete it anyway`);
    }
    const answer = await io.readLine(`Debate ${id} has ${which}; they stay, without a parent. Delete ${id}? [y/N] `);
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
      io.stdout('Nothing deleted.\n');
      return EXIT_FAILURE;
    }
  }
  try {
    library.store.library.delete(id);
  } catch (error) {
    throw failure(`debate ${id} was not deleted`, error);
  }
  const kept = branches.length === 0 ? '' : `; its ${branches.length === 1 ? 'branch' : 'branches'} ${branches.join(', ')} stay${branches.length === 1 ? 's' : ''}, without a parent`;
  io.stdout(`Deleted ${id}${entry.ok ? '' : ' (it was damaged)'}${kept}\n`);
  return EXIT_OK;
}

