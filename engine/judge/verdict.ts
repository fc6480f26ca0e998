// A judge's verdict on a debate, as it is saved with the debate (in its record) and exported:
// the types, and the schema a saved or imported verdict is read back through.
import { z } from 'zod';

// The criteria and the verdict's words live apart from zod (verdict-words.ts): the webview draws verdicts with them.
import type { JudgeCriterion } from './verdict-words';
export { CRITERION_NAMES, formatScore, JUDGE_CRITERIA, markedTurns, verdictOutcome, winnerName, type JudgeCriterion } from './verdict-words';

export const MIN_SCORE = 1;
export const MAX_SCORE = 10;

/** One speaker's scores: the mean over every order the debate was judged in. */
export interface SideScore {
  speakerIndex: number;
  speaker: string;
  model: string;
  scores: Record<JudgeCriterion, number>;
  /** The mean of the criteria. */
  overall: number;
}

/** One reading of the debate: the sides in the order the judge saw them, and whom it named. */
export interface JudgedOrder {
  /** Speaker indexes in the order shown: side A first, then B, C… */
  sides: number[];
  /** The speaker index named the winner in this order; null when the judge called a tie. */
  winner: number | null;
  /** Whether the valid answer came only on the retry (the schema restated). */
  retried: boolean;
}

/** A mark (1-10) for one turn, the mean over the orders. */
export interface TurnMark {
  turnId: string;
  speakerIndex: number;
  mark: number;
}

/** Where the judge's model family was read from: Ollama's /api/show, or the model's name (before ':') when that failed. */
export type FamilySource = 'show' | 'name';

export interface Verdict {
  judgeModel: string;
  /** ISO 8601. */
  createdAt: string;
  /** The seed the sides were shuffled with: the same seed gives the same orders. */
  seed: number;
  /** How many turns (moderator notes included) the debate had when judged; it may grow later. */
  turnsJudged: number;
  orders: JudgedOrder[];
  scores: SideScore[];
  /** The speaker every order named; null is a tie (the judge called one, or the orders disagreed). */
  winner: number | null;
  /** The judge's reasons (its words from the first order, side labels put back as speaker names). Untrusted model text. */
  rationale: string;
  turnMarks?: TurnMark[];
  judgeFamily: { family: string; source: FamilySource };
  /** Set when the judge's model family is a speaker's: such a judge tends to favour its own family. */
  familyWarning: string | null;
}

const score = z.number().min(MIN_SCORE).max(MAX_SCORE);
const criteriaScores = z.object({ argument: score, evidence: score, rebuttal: score, tone: score });

// Loose objects: a verdict saved by a newer version within the same format keeps its extra fields.
export const verdictSchema: z.ZodType<Verdict> = z.looseObject({
  judgeModel: z.string(),
  createdAt: z.string(),
  seed: z.number().int(),
  turnsJudged: z.number().int().min(0),
  orders: z
    .array(z.looseObject({ sides: z.array(z.number().int().min(0)), winner: z.number().int().min(0).nullable(), retried: z.boolean() }))
    .min(2),
  scores: z.array(
    z.looseObject({ speakerIndex: z.number().int().min(0), speaker: z.string(), model: z.string(), scores: criteriaScores, overall: score }),
  ),
  winner: z.number().int().min(0).nullable(),
  rationale: z.string(),
  turnMarks: z.array(z.looseObject({ turnId: z.string(), speakerIndex: z.number().int().min(0), mark: score })).optional(),
  judgeFamily: z.looseObject({ family: z.string(), source: z.enum(['show', 'name']) }),
  familyWarning: z.string().nullable(),
});

/** Most verdicts kept per debate: judging again adds one, and the oldest goes beyond this. */
export const MAX_VERDICTS = 10;

/** Pure: the debate's verdicts with `verdict` added last, the oldest dropped beyond MAX_VERDICTS. */
export function withVerdict(verdicts: readonly Verdict[] | undefined, verdict: Verdict): Verdict[] {
  return [...(verdicts ?? []), verdict].slice(-MAX_VERDICTS);
}

/** Pure: the entries of an imported file's `verdicts` that read as verdicts; others (another app's, damaged) are left out. */
export function readableVerdicts(entries: readonly unknown[] | undefined): Verdict[] {
  return (entries ?? []).flatMap((entry) => {
    const parsed = verdictSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
