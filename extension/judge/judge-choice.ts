// The judge model proposed in VS Code: the last one chosen (kept in the extension's global
// state, so every panel, the Debates view and the next session propose it), else the
// `talkingModels.judgeModel` setting.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../settings';
import type { JudgeChoice } from './panel-judge';

export const JUDGE_MODEL_SETTING = 'judgeModel';
const LAST_JUDGE_KEY = 'talkingModels.lastJudgeModel';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function vscodeJudgeChoice(memento: vscode.Memento): JudgeChoice {
  return {
    remembered: () => {
      const last = text(memento.get<unknown>(LAST_JUDGE_KEY));
      return last !== '' ? last : text(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(JUDGE_MODEL_SETTING));
    },
    remember: (model) => void memento.update(LAST_JUDGE_KEY, model.trim()),
  };
}
