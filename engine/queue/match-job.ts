// What a queued match's job carries: the tournament's inputs and the match's key. The worker
// plans the tournament again from the inputs and checks it gets the same id, so a job that
// was tampered with or written by another version is refused rather than run as something else.
import { z } from 'zod';
import { planTournament, type TournamentInputs, type TournamentMatch, type TournamentPlan } from '../tournament/plan';

export interface MatchJobData {
  tournamentId: string;
  matchKey: string;
  inputs: Required<TournamentInputs>;
}

const jobDataSchema = z.object({
  tournamentId: z.string().min(1),
  matchKey: z.string().min(1),
  inputs: z.object({
    models: z.array(z.string()),
    topics: z.array(z.string()),
    judge: z.string(),
    exchanges: z.number().int(),
    tone: z.string(),
  }),
});

export function matchJobData(plan: TournamentPlan, match: TournamentMatch): MatchJobData {
  return { tournamentId: plan.id, matchKey: match.key, inputs: plan.inputs };
}

/** The plan and match a job names, or why the job can't be run. */
export function readMatchJob(data: unknown): { ok: true; plan: TournamentPlan; match: TournamentMatch } | { ok: false; reason: string } {
  const parsed = jobDataSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'the job does not describe a tournament match' };
  let plan: TournamentPlan;
  try {
    plan = planTournament(parsed.data.inputs);
  } catch (error) {
    return { ok: false, reason: `the job's tournament can't be planned: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (plan.id !== parsed.data.tournamentId) return { ok: false, reason: `the job's inputs plan tournament ${plan.id}, not ${parsed.data.tournamentId}` };
  const match = plan.matches.find((candidate) => candidate.key === parsed.data.matchKey);
  if (match === undefined) return { ok: false, reason: `tournament ${plan.id} has no match ${parsed.data.matchKey}` };
  return { ok: true, plan, match };
}
