/**
 * The per-project keyword lexicons (db/seed/data/dauys_project_lexicons.json): editable data
 * authored by the team. Each project has concepts; a concept is one idea with its terms in
 * Kazakh, Russian and English and a weight (1 = contextual, 2 = relevant, 3 = distinctive).
 */
import { z } from 'zod';

const term = z.string().trim().min(1, 'empty term');

export const lexiconConceptSchema = z.object({
  id: z.string().trim().min(1),
  weight: z.number().min(0.1).max(5),
  kk: z.array(term).default([]),
  ru: z.array(term).default([]),
  en: z.array(term).default([]),
});

export const projectLexiconSchema = z.object({
  scope_note: z.string().optional(),
  concepts: z.array(lexiconConceptSchema).min(1, 'a project needs at least one concept'),
});

export const projectLexiconsFileSchema = z
  .object({
    _meta: z.object({ what: z.string().min(1), authored_by: z.string().min(1) }).passthrough(),
    projects: z.record(z.string().regex(/^NP-[A-Z0-9-]+$/, 'expected a project code like NP-EDU'), projectLexiconSchema),
  })
  .superRefine((file, ctx) => {
    for (const [code, p] of Object.entries(file.projects)) {
      const seen = new Set<string>();
      p.concepts.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['projects', code, 'concepts', i, 'id'], message: `duplicate concept id "${c.id}"` });
        seen.add(c.id);
        if (c.kk.length + c.ru.length + c.en.length === 0)
          ctx.addIssue({ code: 'custom', path: ['projects', code, 'concepts', i], message: 'a concept needs at least one term' });
      });
    }
  });

export type LexiconConcept = z.output<typeof lexiconConceptSchema>;
export type ProjectLexicon = z.output<typeof projectLexiconSchema>;
export type ProjectLexiconsFile = z.output<typeof projectLexiconsFileSchema>;
/** Lexicons by project code. */
export type ProjectLexicons = Record<string, ProjectLexicon>;

export type LexiconParseOutcome = { kind: 'ok'; lexicons: ProjectLexicons } | { kind: 'invalid'; issues: string[] };

/** Validates the parsed JSON of the lexicon file. */
export function parseProjectLexicons(data: unknown): LexiconParseOutcome {
  const r = projectLexiconsFileSchema.safeParse(data);
  if (r.success) return { kind: 'ok', lexicons: r.data.projects };
  return {
    kind: 'invalid',
    issues: r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  };
}
