/**
 * The planned manifest: the machine-readable half of a plan. Approval of the
 * plan freezes it as the experiment's pre-registration; any later change is
 * recorded as a deviation, never applied silently.
 */
import { z } from 'zod';
import { LANES } from './lifecycle.js';

/** Schema of the planned manifest a planner submits. */
export const plannedManifestSchema = z
  .object({
    hypothesis: z.string().trim().min(1).describe('The claim under test, falsifiable.'),
    conditions: z
      .array(z.object({ name: z.string().trim().min(1), description: z.string().optional() }).strict())
      .min(1)
      .describe('Arms of the experiment.'),
    metrics: z
      .array(
        z
          .object({ name: z.string().trim().min(1), goal: z.enum(['max', 'min']).optional(), primary: z.boolean().optional() })
          .strict(),
      )
      .min(1)
      .describe('Metrics the run must log; every one is reported in the clean result.'),
    seeds: z.array(z.number().int()).min(1).describe('Random seeds, one run per condition and seed.'),
    figures: z
      .array(
        z
          .object({
            name: z.string().trim().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case file name').describe('File name (no extension) of the figure EPM renders.'),
            description: z.string(),
            pattern: z.enum(['bar', 'scatter']).optional().describe('Default bar. bar: mean per condition with per-seed points and ±1 sd; scatter: per-seed values per condition.'),
            metric: z.string().trim().min(1).optional().describe('Metric plotted (default: the primary metric).'),
          })
          .strict(),
      )
      .describe('Figures the clean result will contain; EPM renders them from the run\'s metrics.'),
    metricsFile: z.string().trim().min(1).optional().describe('Default results/metrics.json. Where the run writes {"rows":[{condition, seed, metric, value}]}: the metrics contract figures and the clean result are traced to.'),
    success: z.array(z.string().trim().min(1)).min(1).describe('Criteria that count as success.'),
    kill: z.array(z.string().trim().min(1)).min(1).describe('Criteria on which the run is stopped early.'),
    gpuHours: z.number().nonnegative().describe('Budgeted GPU-hours for the whole run.'),
    lane: z.enum(LANES),
    command: z.string().trim().min(1).describe('Command that runs the experiment from the worktree root.'),
    smokeCommand: z.string().trim().min(1).optional().describe('The real run with one cell.'),
    outputs: z.array(z.string().trim().min(1)).default([]).describe('Declared deliverables (paths relative to the worktree).'),
    inputs: z.array(z.string().trim().min(1)).default([]).describe('Declared inputs: datasets, base models, files.'),
    parent: z.number().int().positive().optional().describe('Parent experiment of a follow-up.'),
    config: z.string().trim().min(1).optional().describe('Config file the command reads (relative to the worktree); hashed into the provenance.'),
    deliverables: z
      .object({
        tracking: z.object({ entity: z.string().min(1), project: z.string().min(1) }).strict().optional().describe('The run logs to this W&B project; EPM verifies run, commit, config and metrics.'),
        hub: z.object({ repo: z.string().min(1), paths: z.array(z.string().min(1)).min(1) }).strict().optional().describe('Outputs EPM uploads to this model repository and verifies at the recorded revision.'),
        urls: z.array(z.string().url()).default([]).describe('Links the result will cite; each must answer.'),
      })
      .strict()
      .optional()
      .describe('Declared deliverables: upload verification is a gate on these.'),
  })
  .strict();

/** A planned manifest. */
export type PlannedManifest = z.output<typeof plannedManifestSchema>;

/** One difference between the frozen pre-registration and a later manifest. */
export interface Deviation {
  /** Top-level manifest field that changed. */
  field: keyof PlannedManifest;
  /** JSON of the frozen value. */
  from: string;
  /** JSON of the new value. */
  to: string;
}

/** Stable JSON for comparison (object keys sorted). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Lists every top-level field where `next` departs from the frozen manifest. */
export function diffManifest(frozen: PlannedManifest, next: PlannedManifest): Deviation[] {
  const fields = new Set([...Object.keys(frozen), ...Object.keys(next)] as (keyof PlannedManifest)[]);
  const deviations: Deviation[] = [];
  for (const field of [...fields].sort()) {
    const from = canonicalJson(frozen[field] ?? null);
    const to = canonicalJson(next[field] ?? null);
    if (from !== to) deviations.push({ field, from, to });
  }
  return deviations;
}
