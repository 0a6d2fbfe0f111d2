/**
 * Local mode's ExperimentTracking: a folder standing in for W&B. A run logs
 * by writing `<root>/<entity>/<project>/<runId>/run.json`; EPM reads it back
 * through the same port, so verification has one path.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import type { ExperimentTracking, TrackedRun, TrackedRunRef } from '../../ports/experiment-tracking.js';

const runFileSchema = z.object({
  state: z.string().default('finished'),
  config: z.record(z.string(), z.unknown()).default({}),
  commit: z.string().nullable().default(null),
  summary: z.record(z.string(), z.unknown()).default({}),
  historyKeys: z.array(z.string()).default([]),
  artifacts: z.array(z.object({ name: z.string(), type: z.string(), digest: z.string(), files: z.array(z.object({ path: z.string(), digest: z.string(), size: z.number() })).default([]) })).default([]),
});

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads tracked runs from a folder. */
export class LocalTracking implements ExperimentTracking {
  constructor(private readonly root: string) {}

  async getRun(ref: TrackedRunRef): Promise<TrackedRun | undefined> {
    for (const part of [ref.entity, ref.project, ref.runId]) {
      if (!SEGMENT.test(part)) throw badInput(`"${part}" is not a valid tracking name`, { hint: 'entity, project and run id are letters, digits, ".", "_" and "-"' });
    }
    const file = join(this.root, ref.entity, ref.project, ref.runId, 'run.json');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const parsed = runFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw badInput(`${file} is not a tracked run: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { hint: 'the run writes {state, config, commit, summary, historyKeys, artifacts}' });
    }
    return { ref, url: this.urlOf(ref), ...parsed.data };
  }

  urlOf(ref: TrackedRunRef): string {
    return `file://${join(this.root, ref.entity, ref.project, ref.runId)}`;
  }
}
