// Judging a debate: blind (no names), in several orders from a recorded seed, through
// Ollama's structured output, checked; one retry per order with the schema restated, then
// "verdict unavailable" with the reason. Nothing here makes a verdict up: every score is the
// judge's, and a win is counted only when every order agrees.
import { EngineError } from '../errors';
import { cutText } from '../text-safety';
import { showModel } from '../ollama-api';
import { answerSchema, checkAnswer, formatSchema } from './answer-schema';
import { blindDebate, identifyingWords, judgedSides, type JudgeInput } from './blind-debate';
import { askStructured, type StructuredCall } from '../structured-chat';
import { DEFAULT_JUDGE_TIMEOUT_MS, MAX_RATIONALE_CHARS } from './judge-limits';
import { judgeMessages, retryMessages } from './judge-prompt';
import { familyWarning, modelFamily, type ModelFamily } from './family';
import { judgingOrders, minimumOrders, orderCountProblem } from './orders';
import { randomSeed } from '../seeded-random';
import { averagedScores, averagedTurnMarks, consistentWinner, judgedOrders, unblindRationale, winnerOf, type OrderAnswer } from './tally';
import type { Verdict } from './verdict';


export interface JudgeOptions {
  judgeModel: string;
  /** The judge's Ollama host. */
  host: string;
  /** Each speaker's host (by index), to ask for its model's family; the judge's host when absent. */
  speakerHosts?: readonly (string | undefined)[];
  /** Orders to judge in (default: two, or one per side with three or more). */
  orders?: number;
  /** Seed of the sides' shuffle (default: a random one, recorded in the verdict). */
  seed?: number;
  /** Also mark every turn 1-10. */
  markTurns?: boolean;
  /** Deadline of each call to the judge. */
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
  /** A model's family as Ollama reports it (/api/show `details.family`), null when it can't say. */
  lookupFamily?: (model: string, host: string) => Promise<string | null>;
  /** Told before each call to the judge. */
  onProgress?: (progress: { order: number; orders: number; retry: boolean }) => void;
}

export type JudgeResult = { ok: true; verdict: Verdict } | { ok: false; reason: string };

async function familyFromShow(model: string, host: string): Promise<string | null> {
  try {
    return (await showModel(host, model)).family;
  } catch {
    return null;
  }
}

/** Where the judge could not answer at all: the engine's words for the failure. */
function callFailure(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return 'judging was stopped';
  if (error instanceof EngineError) return error.detail.message;
  return error instanceof Error ? error.message : String(error);
}

type OrderOutcome = { ok: true; answer: OrderAnswer } | { ok: false; reason: string };

async function judgeOneOrder(input: JudgeInput, order: readonly number[], words: ReturnType<typeof identifyingWords>, options: JudgeOptions, position: { order: number; orders: number }): Promise<OrderOutcome> {
  const debate = blindDebate(input, order, words);
  const schema = answerSchema(debate.labels, options.markTurns === true ? debate.turnKeys.map((turn) => turn.key) : null);
  const format = formatSchema(schema);
  const first = judgeMessages(debate, options.markTurns === true, input.language, input.material);
  const call = (messages: StructuredCall['messages']): Promise<string> =>
    askStructured({
      host: options.host,
      model: options.judgeModel,
      messages,
      format,
      deadlineMs: options.timeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS,
      ...(options.signal !== undefined && { signal: options.signal }),
    });
  const where = `order ${position.order} of ${position.orders}`;
  try {
    options.onProgress?.({ ...position, retry: false });
    const firstCheck = checkAnswer(await call(first), schema);
    if (firstCheck.ok) return { ok: true, answer: { debate, answer: firstCheck.answer, retried: false } };
    options.onProgress?.({ ...position, retry: true });
    const retryCheck = checkAnswer(await call(retryMessages(first, firstCheck.reason, format)), schema);
    if (retryCheck.ok) return { ok: true, answer: { debate, answer: retryCheck.answer, retried: true } };
    return { ok: false, reason: `in ${where}, ${firstCheck.reason}; asked again with the schema restated, ${retryCheck.reason}` };
  } catch (error) {
    return { ok: false, reason: `in ${where}: ${callFailure(error, options.signal)}` };
  }
}

/** The families of the judge and of every speaker's model, each from /api/show or else its name. */
async function families(input: JudgeInput, options: JudgeOptions): Promise<{ judge: ModelFamily; speakers: ModelFamily[] }> {
  const lookup = options.lookupFamily ?? familyFromShow;
  const [judge, ...speakers] = await Promise.all([
    lookup(options.judgeModel, options.host).then((family) => modelFamily(options.judgeModel, family)),
    ...input.speakers.map((speaker, index) =>
      lookup(speaker.model, options.speakerHosts?.[index] ?? options.host).then((family) => modelFamily(speaker.model, family)),
    ),
  ]);
  return { judge: judge as ModelFamily, speakers };
}

/** Judges `input` with `options.judgeModel`: the verdict, or why there is none. Never throws for a judge's failure. */
export async function judgeDebate(input: JudgeInput, options: JudgeOptions): Promise<JudgeResult> {
  const sides = judgedSides(input.turns);
  if (sides.length < 2) return { ok: false, reason: 'a verdict needs at least two speakers who said something' };
  const count = options.orders ?? minimumOrders(sides.length);
  const problem = orderCountProblem(count, sides.length);
  if (problem !== null) return { ok: false, reason: problem };
  const seed = options.seed ?? randomSeed();
  const found = await families(input, options);
  const shownFamilies = found.speakers.concat(found.judge).filter((family) => family.source === 'show').map((family) => family.family);
  const words = identifyingWords(input, shownFamilies);
  const answers: OrderAnswer[] = [];
  const orders = judgingOrders(sides, count, seed);
  for (const [at, order] of orders.entries()) {
    const outcome = await judgeOneOrder(input, order, words, options, { order: at + 1, orders: orders.length });
    if (!outcome.ok) return { ok: false, reason: `verdict unavailable: ${outcome.reason}` };
    answers.push(outcome.answer);
  }
  const nameOf = (index: number): string => input.speakers[index]?.name ?? `Speaker ${index + 1}`;
  const speakers = new Map(input.speakers.map((speaker, index) => [index, { name: speaker.name, model: speaker.model }]));
  const [firstAnswer] = answers as [OrderAnswer, ...OrderAnswer[]];
  const turnMarks = averagedTurnMarks(answers);
  const speakerFamilies = input.speakers.map((speaker, index) => ({ name: speaker.name, model: speaker.model, ...(found.speakers[index] as ModelFamily) }));
  return {
    ok: true,
    verdict: {
      judgeModel: options.judgeModel,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      seed,
      turnsJudged: input.turns.length,
      orders: judgedOrders(answers),
      scores: averagedScores(answers, speakers),
      winner: consistentWinner(answers.map(({ answer, debate }) => winnerOf(answer, debate))),
      rationale: cutText(unblindRationale(firstAnswer.answer.rationale.trim(), firstAnswer.debate, nameOf), MAX_RATIONALE_CHARS),
      ...(turnMarks !== null && { turnMarks }),
      judgeFamily: { family: found.judge.family, source: found.judge.source },
      familyWarning: familyWarning({ model: options.judgeModel, ...found.judge }, speakerFamilies),
    },
  };
}
