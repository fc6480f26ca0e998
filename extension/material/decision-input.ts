// "Debate a Decision…" asks the person: the question, then the options one box at a time (at
// least two; Enter on an empty box finishes; at most six). Escape at any box asks nothing more.
import * as vscode from 'vscode';
import { MAX_DECISION_OPTIONS, oneLine, optionProblem, optionPrompt, questionProblem } from './decision-prompt';

export interface Decision {
  question: string;
  options: string[];
}

/** The question and its options, or undefined when the person gave up. */
export async function askDecision(): Promise<Decision | undefined> {
  const title = vscode.l10n.t('Debate a Decision');
  // The boxes refuse what the rules refuse (an empty question, a repeated option, too few), saying why.
  const question = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The question to decide.'),
    ignoreFocusOut: true,
    validateInput: questionProblem,
  });
  if (question === undefined) return undefined;
  const options: string[] = [];
  while (options.length < MAX_DECISION_OPTIONS) {
    const option = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: option {1}', title, options.length + 1),
      prompt: optionPrompt(options.length + 1),
      ignoreFocusOut: true,
      validateInput: (value) => optionProblem(value, options),
    });
    if (option === undefined) return undefined;
    if (oneLine(option) === '') break;
    options.push(oneLine(option));
  }
  return { question: oneLine(question), options };
}
