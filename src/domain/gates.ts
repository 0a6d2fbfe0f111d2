/**
 * Gates: deterministic checks of evidence that decide whether an issue may
 * leave its status. A model may propose; only a gate moves the status.
 */
import type { PlannedManifest } from './planned-manifest.js';
import type { RoleOutput } from './roles.js';

/** Names of every gate, one per exit in DESIGN.md §2. */
export type GateName =
  | 'type-known'
  | 'clarified'
  | 'plan-complete'
  | 'no-blocker'
  | 'approval-current'
  | 'builds-and-lints'
  | 'code-review-pass'
  | 'tests-green'
  | 'run-exited'
  | 'uploads-verified'
  | 'checklist-complete'
  | 'clean-result-lint'
  | 'result-critic-pass';

/** What a gate decided and why. */
export interface GateResult {
  gate: GateName;
  passed: boolean;
  /** Why it failed (empty when passed). */
  reasons: string[];
}

const result = (gate: GateName, reasons: string[]): GateResult => ({ gate, passed: reasons.length === 0, reasons });

/** Sections plan.md must contain, each a Markdown heading with content under it. */
export const REQUIRED_PLAN_SECTIONS = [
  'Goal',
  'Hypothesis',
  'Possible outcomes',
  'Why run it',
  'Method',
  'Conditions',
  'Metrics',
  'Seeds',
  'Success and kill criteria',
  'GPU-hour estimate',
  'Lane',
  'Related issues',
] as const;

/** Splits Markdown into `heading → body` for headings of level 2 or deeper (case-insensitive keys). */
export function readSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  // CommonMark: a fence closes only with the same character, at least as long, and nothing after it.
  let fence: { char: string; length: number } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marks = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (marks?.[1]) {
      const char = marks[1][0]!;
      if (!fence) fence = { char, length: marks[1].length };
      else if (char === fence.char && marks[1].length >= fence.length && (marks[2] ?? '').trim() === '') fence = undefined;
    }
    const heading = fence || marks ? null : /^#{2,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      current = heading[1].trim().toLowerCase();
      sections.set(current, '');
    } else if (current !== undefined) {
      sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
    }
  }
  return sections;
}

/** Gate `type-known`: the issue has exactly one known type. */
export function gateTypeKnown(type: string | undefined): GateResult {
  return result('type-known', type ? [] : ['the issue has no type:* label and no default type applies']);
}

/** Gate `clarified`: the clarifier asked nothing, or a human answered after it asked. */
export function gateClarified(questions: readonly string[], answered: boolean): GateResult {
  return result('clarified', questions.length === 0 || answered ? [] : [`${questions.length} question(s) await an answer in a comment`]);
}

/** Gate `plan-complete`: every required section present and non-empty; the manifest agrees with the lane. */
export function gatePlanComplete(plan: string, manifest: PlannedManifest): GateResult {
  const sections = readSections(plan);
  const reasons: string[] = [];
  for (const name of REQUIRED_PLAN_SECTIONS) {
    const body = sections.get(name.toLowerCase());
    if (body === undefined) reasons.push(`section "## ${name}" is missing`);
    else if (body.trim() === '') reasons.push(`section "## ${name}" is empty`);
  }
  if (manifest.lane === 'follow-up' && manifest.parent === undefined) {
    reasons.push('a follow-up plan must name its parent experiment (manifest.parent)');
  }
  return result('plan-complete', reasons);
}

/** Gate `no-blocker`: the plan critic raised no BLOCKER. */
export function gateNoBlocker(output: RoleOutput<'plan-critic'>): GateResult {
  return result(
    'no-blocker',
    output.findings.filter((f) => f.severity === 'BLOCKER').map((f) => `BLOCKER: ${f.text}`),
  );
}

/** Gate `approval-current`: the approval names the version awaiting approval. */
export function gateApprovalCurrent(approved: string, current: string | undefined): GateResult {
  if (current === undefined) return result('approval-current', ['nothing awaits approval']);
  return result(
    'approval-current',
    approved === current ? [] : [`approval names ${approved.slice(0, 12)} but the current version is ${current.slice(0, 12)}`],
  );
}

/** The outcome of one deterministic check command (build, lint, test). */
export interface CheckOutcome {
  name: string;
  command: string;
  ok: boolean;
  /** Tail of the output, for the author to fix from. */
  output: string;
}

/** Gate `builds-and-lints`: every configured check passed. */
export function gateBuildsAndLints(checks: readonly CheckOutcome[]): GateResult {
  return result(
    'builds-and-lints',
    checks.filter((c) => !c.ok).map((c) => `check "${c.name}" failed: ${c.command}`),
  );
}

/** Gate `code-review-pass`: the reviewer's verdict is PASS. */
export function gateCodeReviewPass(output: RoleOutput<'code-reviewer'>): GateResult {
  return result(
    'code-review-pass',
    output.verdict === 'PASS' ? [] : [`verdict ${output.verdict}`, ...output.findings.map((f) => `${f.class}: ${f.text}`)],
  );
}

/** Gate `tests-green`: tests pass and the smoke run exercised and verified every upload. */
export function gateTestsGreen(output: RoleOutput<'tester'>): GateResult {
  const reasons: string[] = output.failures.map((f) => `${f.class}: ${f.text}`);
  if (output.verdict !== 'green' && reasons.length === 0) reasons.push('tests are red');
  if (!output.smoke.ran) reasons.push('the smoke run did not run');
  else if (!output.smoke.uploadsVerified) reasons.push('the smoke run did not verify its uploads');
  return result('tests-green', reasons);
}

/** Gate `run-exited`: the run exited 0 and every declared output exists. */
export function gateRunExited(exitCode: number | null, missingOutputs: readonly string[]): GateResult {
  const reasons = missingOutputs.map((o) => `declared output "${o}" is missing`);
  if (exitCode !== 0) reasons.unshift(exitCode === null ? 'the run ended without an exit code' : `the run exited with code ${exitCode}`);
  return result('run-exited', reasons);
}

/** Gate `uploads-verified`: every declared deliverable was found remotely as the manifest says. */
export function gateUploadsVerified(rows: readonly { artifact: string; verdict: 'PASS' | 'FAIL'; reason: string }[]): GateResult {
  if (rows.length === 0) return result('uploads-verified', ['nothing was verified: the manifest has no subjects']);
  return result('uploads-verified', rows.filter((r) => r.verdict === 'FAIL').map((r) => `${r.artifact}: ${r.reason}`));
}

/** Gate `checklist-complete`: every reproducibility item holds, uploads verified, and no compute is left billing. */
export function gateChecklistComplete(output: RoleOutput<'post-experimenter'>, computeReleased: boolean, uploadsVerified = true): GateResult {
  const reasons = output.checklist.filter((c) => !c.ok).map((c) => `${c.item}${c.detail ? `: ${c.detail}` : ''}`);
  if (!uploadsVerified) reasons.push('upload verification has not passed');
  if (!computeReleased) reasons.push('compute is still allocated');
  return result('checklist-complete', reasons);
}

/** True when `name` appears as a whole token (so "acc" is not found inside "accuracy"). */
const mentions = (text: string, name: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text);

const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b|\{\{[^}]*\}\}|<placeholder>/i;

/** Gate `clean-result-lint`: the clean result is complete and honours the pre-registration. */
export function gateCleanResultLint(
  output: RoleOutput<'analyzer'>,
  manifest: PlannedManifest | undefined,
  deviations: readonly { field: string }[],
): GateResult {
  const reasons: string[] = [];
  const placeholder = PLACEHOLDER.exec(output.result) ?? PLACEHOLDER.exec(output.title);
  if (placeholder) reasons.push(`placeholder "${placeholder[0]}" left in the result`);
  if (!output.title.trimEnd().endsWith(`(${output.confidence} confidence)`)) {
    reasons.push(`title must end with "(${output.confidence} confidence)" to match the stated confidence`);
  }
  for (const metric of manifest?.metrics ?? []) {
    if (!mentions(output.result, metric.name)) reasons.push(`pre-registered metric "${metric.name}" is not reported`);
  }
  for (const figure of manifest?.figures ?? []) {
    if (!mentions(output.result, figure.name)) reasons.push(`planned figure "${figure.name}" is not in the result`);
  }
  for (const deviation of deviations) {
    if (!output.deviationsStated.some((d) => d.includes(deviation.field))) {
      reasons.push(`deviation from the pre-registration in "${deviation.field}" is not stated`);
    }
  }
  return result('clean-result-lint', reasons);
}

/** Gate `result-critic-pass`: the result critic found no overclaim left. */
export function gateResultCriticPass(output: RoleOutput<'result-critic'>): GateResult {
  if (output.verdict === 'PASS') return result('result-critic-pass', []);
  return result('result-critic-pass', output.findings.length ? output.findings.map((f) => f.text) : ['verdict REVISE']);
}
