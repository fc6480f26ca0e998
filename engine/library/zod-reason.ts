// A failed zod validation in words a person can act on: the first problem and where it is.
import type { z } from 'zod';

/** `speakers[1].model` for the path ['speakers', 1, 'model']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** "speakers[1].model: Invalid input: expected string, received number" (the first issue only: one fix at a time). */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid content';
  const where = fieldPath(issue.path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}
