// What the person is told about talkingModels.personas problems: every problem goes to the log
// each time the settings are read, but a warning shows only a problem not shown before in this
// window (the first new one), so editing settings.json does not bring the same warning back.

/** Remembers the problems shown; pure apart from that memory. */
export class ProblemNotice {
  private readonly shown = new Set<string>();

  /** The problem to show now (the first one not shown before), or null; every current problem counts as shown after. */
  toShow(problems: readonly string[]): string | null {
    const first = problems.find((problem) => !this.shown.has(problem)) ?? null;
    for (const problem of problems) this.shown.add(problem);
    return first;
  }
}
