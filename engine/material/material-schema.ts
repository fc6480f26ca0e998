// The material as a record holds it (meta.json, the JSON export): read strictly enough that a
// damaged record can't send speakers something else than what was chosen.
import { z } from 'zod';
import type { DebateMaterial } from './material';

const lineSchema = z.number().int().min(1);

export const materialExcerptSchema = z.object({ path: z.string().min(1), startLine: lineSchema, endLine: lineSchema, text: z.string() });

export const materialSchema: z.ZodType<DebateMaterial> = z.object({
  excerpts: z.array(materialExcerptSchema).optional(),
  diff: z.object({ kind: z.enum(['working-tree', 'staged']), text: z.string() }).optional(),
});
