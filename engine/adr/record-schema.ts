// The shape of the decision record the judge model is asked for (MADR's parts), as a Zod
// schema: its JSON Schema goes in `format`, the answer is checked against it. A chosen option
// that is not one of the considered ones is refused, so the record never names an option the
// model did not list.
import { z } from 'zod';

const text = z.string().trim().min(1);
const points = z.array(text);

export const decisionAnswerSchema = z
  .strictObject({
    title: text,
    context: text,
    options: z.array(z.strictObject({ name: text, pros: points, cons: points })).min(2),
    chosenOption: text,
    justification: text,
    consequences: z.strictObject({ good: points, bad: points }),
  })
  .superRefine((answer, context) => {
    if (findOption(answer.options, answer.chosenOption) === undefined) {
      context.addIssue({ code: 'custom', path: ['chosenOption'], message: 'must be the name of one of the options' });
    }
  });

export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;
export type ConsideredOption = DecisionAnswer['options'][number];

/** Pure: the option `name` refers to, matched without regard to case or spacing. */
export function findOption(options: readonly ConsideredOption[], name: string): ConsideredOption | undefined {
  const key = (value: string): string => value.replace(/\s+/g, ' ').trim().toLowerCase();
  return options.find((option) => key(option.name) === key(name));
}
