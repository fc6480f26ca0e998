// What the extension's parts write to its output channel (vscode.LogOutputChannel
// fits; tests pass fakes), and how an unknown thrown value reads there.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
