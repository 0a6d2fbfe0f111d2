/**
 * The roles of the lifecycle and the schema of what each returns. A role only
 * proposes; the engine validates its output against these schemas and a gate
 * decides whether the status moves.
 */
import { z } from 'zod';
import { plannedManifestSchema } from './planned-manifest.js';

/** Every role EPM dispatches. */
export const ROLE_NAMES = [
  'clarifier',
  'planner',
  'plan-critic',
  'implementer',
  'code-reviewer',
  'fixer',
  'tester',
  'experimenter',
  'post-experimenter',
  'analyzer',
  'result-critic',
  'follow-up-designer',
] as const;

/** A role name. */
export type RoleName = (typeof ROLE_NAMES)[number];

const text = z.string().trim().min(1);
/** A finding with a bug class, used by reviewers and testers (the whack-a-mole detector counts classes). */
const classedFinding = z.object({ class: text, text, file: z.string().optional() }).strict();

/** Output schema of each role. */
export const roleOutputSchemas = {
  clarifier: z
    .object({
      questions: z.array(text).describe('Numbered questions that block a plan; empty means "no blocking ambiguities".'),
      related: z.array(z.number().int().positive()).default([]).describe('Related issues found first.'),
      summary: z.string().default(''),
    })
    .strict(),
  planner: z
    .object({
      plan: text.describe('The full plan.md in Markdown, with every required section.'),
      manifest: plannedManifestSchema,
      related: z.array(z.number().int().positive()).default([]),
    })
    .strict(),
  'plan-critic': z
    .object({
      findings: z.array(z.object({ severity: z.enum(['BLOCKER', 'CONCERN', 'NIT']), text, section: z.string().optional() }).strict()),
    })
    .strict(),
  implementer: z
    .object({
      done: z.array(text),
      notDone: z.array(text).default([]),
      howToVerify: z.array(text).min(1),
      needsHumanEyes: z.array(text).default([]),
    })
    .strict(),
  'code-reviewer': z
    .object({ verdict: z.enum(['PASS', 'CONCERNS', 'FAIL']), findings: z.array(classedFinding) })
    .strict()
    .refine((o) => o.verdict === 'PASS' || o.findings.length > 0, { message: 'a non-PASS verdict must list findings' }),
  fixer: z.object({ fixed: z.array(classedFinding).min(1), summary: z.string().default('') }).strict(),
  tester: z
    .object({
      verdict: z.enum(['green', 'red']),
      failures: z.array(classedFinding).default([]),
      smoke: z.object({ ran: z.boolean(), uploadsVerified: z.boolean(), detail: z.string().default('') }).strict(),
    })
    .strict()
    .refine((o) => o.verdict === 'green' || o.failures.length > 0, { message: 'a red verdict must list failures' }),
  experimenter: z
    .object({
      diagnosis: text,
      classification: z.enum(['infra', 'code', 'none']),
      action: z.enum(['continue', 'relaunch', 'hot-fix', 'fail']),
      hotFix: z.object({ linesChanged: z.number().int().nonnegative(), logicChange: z.boolean(), description: text }).strict().optional(),
    })
    .strict(),
  'post-experimenter': z
    .object({ checklist: z.array(z.object({ item: text, ok: z.boolean(), detail: z.string().default('') }).strict()).min(1) })
    .strict(),
  analyzer: z
    .object({
      title: text,
      confidence: z.enum(['HIGH', 'MODERATE', 'LOW']),
      result: text.describe('The clean result in Markdown.'),
      deviationsStated: z.array(z.string()).default([]),
    })
    .strict(),
  'result-critic': z
    .object({ verdict: z.enum(['PASS', 'REVISE']), findings: z.array(z.object({ text }).strict()).default([]) })
    .strict()
    .refine((o) => o.verdict === 'PASS' || o.findings.length > 0, { message: 'a REVISE verdict must list findings' }),
  'follow-up-designer': z
    .object({
      proposals: z
        .array(z.object({ title: text, change: text, rationale: text, gpuHours: z.number().nonnegative() }).strict())
        .min(1)
        .max(3),
    })
    .strict(),
} as const satisfies Record<RoleName, z.ZodType>;

/** What a role returns, by role. */
export type RoleOutput<R extends RoleName> = z.output<(typeof roleOutputSchemas)[R]>;

/** Model usage a role run reports, for budgets. */
export interface RoleUsage {
  usd: number;
  inputTokens: number;
  outputTokens: number;
}
