/**
 * The schema of every recorded event. Markers are data read back from a
 * tracker — possibly written by an older EPM, or edited — so each payload is
 * validated before it is applied; a payload that does not match is reported
 * and skipped, never trusted and never a crash.
 */
import { z } from 'zod';
import { ISSUE_TYPES, LANES, STATUSES } from './lifecycle.js';
import { roleOutputSchemas, ROLE_NAMES } from './roles.js';
import type { RecordedEvent } from './events.js';

const text = z.string();
const human = { actor: text, source: text };
const checks = z.array(z.object({ name: text, command: text, ok: z.boolean(), output: text }));
const meta = {
  key: z.string().min(1),
  at: z.string().min(1),
  usage: z.object({ usd: z.number(), inputTokens: z.number(), outputTokens: z.number() }).optional(),
  transcript: z.string().optional(),
  from: z.enum(STATUSES as [string, ...string[]]).optional(),
  to: z.enum(STATUSES as [string, ...string[]]).optional(),
  gate: z.object({ gate: text, passed: z.boolean(), reasons: z.array(text) }).optional(),
};
/** A signed statement: its Sigstore bundle and who signed it. */
const statementSignature = z.object({ bundle: text, sha256: text, identity: text, issuer: text, transparency: text, attestationId: text.optional() });

const event = <T extends z.ZodRawShape>(kind: string, shape: T) => z.object({ kind: z.literal(kind), ...meta, ...shape });

/** One schema per event kind. */
export const EVENT_SCHEMAS = {
  'auto-defaults': event('auto-defaults', { type: z.enum(ISSUE_TYPES), lane: z.enum(LANES), applied: z.array(text) }),
  clarify: event('clarify', { output: roleOutputSchemas.clarifier }),
  plan: event('plan', { version: text, path: text, output: roleOutputSchemas.planner }),
  'plan-critique': event('plan-critique', { output: roleOutputSchemas['plan-critic'] }),
  approval: event('approval', { stage: z.enum(['plan', 'result']), version: text, ...human }),
  revise: event('revise', { message: text, ...human }),
  lane: event('lane', { lane: z.enum(LANES), ...human }),
  abort: event('abort', { reason: text, ...human }),
  retry: event('retry', { ...human }),
  unblock: event('unblock', { note: text, ...human }),
  rejected: event('rejected', { command: text, reason: text, ...human }),
  implementation: event('implementation', { sha: text, output: roleOutputSchemas.implementer, checks }),
  'code-review': event('code-review', { output: roleOutputSchemas['code-reviewer'] }),
  fix: event('fix', { loop: z.enum(['code', 'test']), sha: text, output: roleOutputSchemas.fixer, checks }),
  'test-verdict': event('test-verdict', { output: roleOutputSchemas.tester }),
  launch: event('launch', { k: z.number().int().positive(), runId: text, sha: text, tag: text, logPath: text, startedAt: text, command: text }),
  'launch-refused': event('launch-refused', { k: z.number().int().positive(), reason: text }),
  progress: event('progress', {
    k: z.number().int().positive(),
    wake: z.boolean(),
    usedGpuHours: z.number(),
    projectedGpuHours: z.number(),
    observation: z.object({
      state: z.enum(['running', 'exited', 'stalled', 'lost', 'unknown']),
      phase: text.optional(),
      findings: z.array(text),
      heartbeatAgeMs: z.number().optional(),
    }),
  }),
  'run-ended': event('run-ended', { k: z.number().int().positive(), exitCode: z.number().int().nullable(), missingOutputs: z.array(text), endedAt: text, lost: z.boolean() }),
  'hot-fix': event('hot-fix', { k: z.number().int().nonnegative(), output: roleOutputSchemas.experimenter, sha: text.optional(), measuredLines: z.number().int().nonnegative().optional() }),
  'compute-released': event('compute-released', { k: z.number().int().positive() }),
  provenance: event('provenance', {
    k: z.number().int().positive(),
    path: text,
    sha256: text,
    subjects: z.array(z.object({ name: text, sha256: text })),
    expected: z.object({
      outputs: z.array(text),
      trackedRun: z
        .object({
          ref: z.object({ entity: text, project: text, runId: text }),
          commit: text,
          config: z.record(z.string(), z.unknown()),
          metrics: z.array(text),
          artifacts: z.array(z.object({ name: text, digest: text })),
        })
        .nullable(),
      hub: z.object({ repo: text, revision: text, files: z.array(z.object({ path: text, sha256: text, size: z.number(), gitOid: text.optional() })) }).nullable(),
      urls: z.array(text),
      leftovers: z.array(text),
    }),
    signature: statementSignature.optional(),
  }),
  'upload-verified': event('upload-verified', {
    rows: z.array(
      z.object({
        artifact: text,
        kind: z.enum(['output', 'input', 'wandb-run', 'wandb-metric', 'wandb-artifact', 'hf-repo', 'hf-file', 'url', 'compute']),
        verdict: z.enum(['PASS', 'FAIL']),
        reason: text,
      }),
    ),
  }),
  checklist: event('checklist', { output: roleOutputSchemas['post-experimenter'] }),
  figures: event('figures', { k: z.number().int().nonnegative(), sha: text, files: z.array(z.object({ name: text, png: text, svg: text })) }),
  'clean-result': event('clean-result', {
    sha: text,
    path: text,
    output: roleOutputSchemas.analyzer,
    lint: z.object({ ok: z.boolean(), problems: z.array(z.object({ rule: text, message: text, line: z.number().optional() })) }).optional(),
  }),
  'result-critique': event('result-critique', { output: roleOutputSchemas['result-critic'] }),
  'follow-ups': event('follow-ups', { output: roleOutputSchemas['follow-up-designer'] }),
  'role-error': event('role-error', { role: z.enum(ROLE_NAMES), error: text, relaunch: z.literal(true).optional() }),
  'budget-stop': event('budget-stop', { what: z.enum(['model-usd', 'gpu-hours']), used: z.number(), limit: z.number() }),
} as const satisfies Record<RecordedEvent['kind'], z.ZodType>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isOptional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const OBSERVED = new Set(['running', 'exited', 'stalled', 'lost', 'unknown']);
const STATUS_SET = new Set<string>(STATUSES);

/**
 * A hand-written check equal to `EVENT_SCHEMAS.progress`, for speed: progress
 * markers are most of a long run's history and are folded on every tick.
 * A property test keeps it in step with the schema.
 */
export function isProgressPayload(p: unknown): boolean {
  if (!isObject(p) || p.kind !== 'progress' || !isString(p.key) || p.key === '' || !isString(p.at) || p.at === '') return false;
  if (!Number.isSafeInteger(p.k) || (p.k as number) <= 0 || typeof p.wake !== 'boolean') return false;
  if (typeof p.usedGpuHours !== 'number' || !Number.isFinite(p.usedGpuHours) || typeof p.projectedGpuHours !== 'number' || !Number.isFinite(p.projectedGpuHours)) return false;
  if (!isOptional(p.from, (v) => isString(v) && STATUS_SET.has(v)) || !isOptional(p.to, (v) => isString(v) && STATUS_SET.has(v))) return false;
  if (p.usage !== undefined || p.gate !== undefined) return EVENT_SCHEMAS.progress.safeParse(p).success;
  const o = p.observation;
  if (!isObject(o) || !isString(o.state) || !OBSERVED.has(o.state)) return false;
  if (!isOptional(o.phase, isString) || !isOptional(o.heartbeatAgeMs, (v) => typeof v === 'number' && Number.isFinite(v))) return false;
  return Array.isArray(o.findings) && o.findings.every(isString);
}

/** Validates a marker payload as the event of kind `kind`: the event, or the problems found. */
export function parseRecordedEvent(kind: string, payload: unknown): { event: RecordedEvent } | { problem: string } {
  if (kind === 'progress' && isProgressPayload(payload)) return { event: payload as RecordedEvent };
  const schema = (EVENT_SCHEMAS as Record<string, z.ZodType>)[kind];
  if (!schema) return { problem: `unknown marker kind epm:${kind} (written by a newer EPM?)` };
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { event: parsed.data as RecordedEvent };
  const issue = parsed.error.issues[0];
  return { problem: `payload does not match the ${kind} event: ${issue ? `${issue.path.join('.') || '(payload)'}: ${issue.message}` : 'invalid'}` };
}
