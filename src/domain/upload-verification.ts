/**
 * Upload verification: for every deliverable the plan declared, compare what
 * the remote service holds with what the run produced. Pure: the engine
 * gathers the observations through ports; these functions judge them. Every
 * FAIL names the artifact and the reason.
 */
import type { HubFile } from '../ports/model-hub.js';
import type { LinkCheck } from '../ports/link-checker.js';
import type { TrackedRun, TrackedRunRef } from '../ports/experiment-tracking.js';
import { canonicalJson } from './planned-manifest.js';

/** One line of the verification table. */
export interface VerificationRow {
  /** What was checked, e.g. `results/metrics.json`, `wandb:ent/proj/abc123`, `hf:org/model@<rev>/adapter.safetensors`. */
  artifact: string;
  kind: 'output' | 'input' | 'wandb-run' | 'wandb-metric' | 'wandb-artifact' | 'hf-repo' | 'hf-file' | 'url' | 'compute';
  verdict: 'PASS' | 'FAIL';
  reason: string;
}

const pass = (artifact: string, kind: VerificationRow['kind'], reason: string): VerificationRow => ({ artifact, kind, verdict: 'PASS', reason });
const fail = (artifact: string, kind: VerificationRow['kind'], reason: string): VerificationRow => ({ artifact, kind, verdict: 'FAIL', reason });

/** True when every row passed (an empty table passes nothing: there must be something verified). */
export const allPass = (rows: readonly VerificationRow[]): boolean => rows.length > 0 && rows.every((r) => r.verdict === 'PASS');

/** Declared outputs: each must exist and be a subject of the manifest with the digest now on disk. */
export function verifyOutputs(
  declared: readonly string[],
  subjects: readonly { name: string; sha256: string }[],
  onDisk: ReadonlyMap<string, string | undefined>,
): VerificationRow[] {
  const rows: VerificationRow[] = [];
  const covered = (path: string) => subjects.filter((s) => s.name === path || s.name.startsWith(`${path.replace(/\/+$/, '')}/`));
  for (const path of declared) {
    const matching = covered(path);
    if (matching.length === 0) {
      rows.push(fail(path, 'output', 'declared output is not among the manifest subjects (the run did not produce it)'));
      continue;
    }
    for (const subject of matching) {
      const now = onDisk.get(subject.name);
      if (now === undefined) rows.push(fail(subject.name, 'output', 'file is missing on disk'));
      else if (now !== subject.sha256) rows.push(fail(subject.name, 'output', `digest mismatch: manifest ${subject.sha256.slice(0, 12)}…, on disk ${now.slice(0, 12)}…`));
      else rows.push(pass(subject.name, 'output', `sha256 ${subject.sha256.slice(0, 12)}… matches`));
    }
  }
  return rows;
}

/** What the manifest says the W&B run must hold. */
export interface ExpectedTrackedRun {
  ref: TrackedRunRef;
  commit: string;
  /** Config keys and values the run must have logged (e.g. seeds, the config file's values). */
  config: Record<string, unknown>;
  /** Pre-registered metrics that must be present (summary or history). */
  metrics: readonly string[];
  /** Logged artifacts with the digest recorded at upload time. */
  artifacts: readonly { name: string; digest: string }[];
}

/** The W&B run exists, was made from the manifest's commit, has its config and metrics, and its artifacts match. */
export function verifyTrackedRun(expected: ExpectedTrackedRun, actual: TrackedRun | undefined): VerificationRow[] {
  const id = `wandb:${expected.ref.entity}/${expected.ref.project}/${expected.ref.runId}`;
  if (!actual) return [fail(id, 'wandb-run', 'the run does not exist on W&B')];
  const rows: VerificationRow[] = [];
  if (actual.commit === null) rows.push(fail(id, 'wandb-run', `the run recorded no git commit; expected ${expected.commit.slice(0, 12)}`));
  else if (actual.commit !== expected.commit) rows.push(fail(id, 'wandb-run', `the run is from commit ${actual.commit.slice(0, 12)}, not the manifest's ${expected.commit.slice(0, 12)}`));
  const configProblems = Object.entries(expected.config)
    .filter(([key, value]) => canonicalJson(actual.config[key]) !== canonicalJson(value))
    .map(([key, value]) => `config.${key} is ${actual.config[key] === undefined ? 'missing' : canonicalJson(actual.config[key])}, expected ${canonicalJson(value)}`);
  if (configProblems.length) rows.push(fail(id, 'wandb-run', configProblems.join('; ')));
  if (!rows.length) rows.push(pass(id, 'wandb-run', `exists (${actual.state}), commit ${expected.commit.slice(0, 12)}, config matches`));
  for (const metric of expected.metrics) {
    const present = metric in actual.summary || actual.historyKeys.includes(metric);
    rows.push(present ? pass(`${id}#${metric}`, 'wandb-metric', 'logged') : fail(`${id}#${metric}`, 'wandb-metric', 'pre-registered metric was never logged'));
  }
  for (const artifact of expected.artifacts) {
    const found = actual.artifacts.find((a) => a.name === artifact.name);
    if (!found) rows.push(fail(`${id}@${artifact.name}`, 'wandb-artifact', 'artifact not logged by the run'));
    else if (found.digest !== artifact.digest) rows.push(fail(`${id}@${artifact.name}`, 'wandb-artifact', `digest ${found.digest} differs from the recorded ${artifact.digest}`));
    else rows.push(pass(`${id}@${artifact.name}`, 'wandb-artifact', 'digest matches'));
  }
  return rows;
}

/** What the manifest says the Hub repo must hold. */
export interface ExpectedHubRepo {
  repo: string;
  revision: string;
  /** `gitOid` (the git blob id) identifies small files the hub stores in git rather than LFS. */
  files: readonly { path: string; sha256: string; size: number; gitOid?: string }[];
}

/** The repo exists at the recorded revision and each file's sha256 (LFS oid, or content hash for small files) matches. */
export function verifyHubRepo(expected: ExpectedHubRepo, actual: HubFile[] | undefined): VerificationRow[] {
  const id = `hf:${expected.repo}@${expected.revision.slice(0, 12)}`;
  if (!actual) return [fail(id, 'hf-repo', 'the repository or the recorded revision does not exist')];
  const rows: VerificationRow[] = [pass(id, 'hf-repo', 'exists at the recorded revision')];
  for (const file of expected.files) {
    const found = actual.find((f) => f.path === file.path);
    const name = `${id}/${file.path}`;
    if (!found) {
      rows.push(fail(name, 'hf-file', 'file not in the repository at this revision'));
      continue;
    }
    const remote = found.lfsSha256;
    if (remote === undefined) {
      // Small files live in git: their blob id commits to the content as surely as a sha256.
      if (!file.gitOid) rows.push(fail(name, 'hf-file', 'stored in git, not LFS, and the manifest has no git blob id to compare'));
      else if (found.gitOid !== file.gitOid) rows.push(fail(name, 'hf-file', `git blob ${found.gitOid.slice(0, 12)}… differs from the manifest's ${file.gitOid.slice(0, 12)}…`));
      else rows.push(pass(name, 'hf-file', `git blob ${file.gitOid.slice(0, 12)}… matches`));
    } else if (remote !== file.sha256) rows.push(fail(name, 'hf-file', `sha256 ${remote.slice(0, 12)}… differs from the manifest's ${file.sha256.slice(0, 12)}…`));
    else if (found.size !== file.size) rows.push(fail(name, 'hf-file', `size ${found.size} differs from the manifest's ${file.size}`));
    else rows.push(pass(name, 'hf-file', `sha256 ${file.sha256.slice(0, 12)}… matches`));
  }
  return rows;
}

/** Every cited URL answers (no phantom links). */
export function verifyLinks(checks: readonly LinkCheck[]): VerificationRow[] {
  return checks.map((c) =>
    c.ok ? pass(c.url, 'url', `answers${c.status ? ` ${c.status}` : ''}`) : fail(c.url, 'url', c.error ?? `answers ${c.status ?? 'nothing'}`),
  );
}

/** Nothing left on the compute that should have been uploaded. */
export function verifyNothingLeft(leftovers: readonly string[]): VerificationRow[] {
  return leftovers.length === 0
    ? [pass('compute', 'compute', 'every declared output accounted for')]
    : leftovers.map((path) => fail(path, 'compute', 'left on the compute: declared for upload but not uploaded'));
}

/** The Markdown PASS/FAIL table posted on the issue. */
export function renderVerificationTable(rows: readonly VerificationRow[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const failed = rows.filter((r) => r.verdict === 'FAIL').length;
  return [
    `**Upload verification: ${failed === 0 && rows.length > 0 ? 'PASS' : 'FAIL'}** (${rows.length - failed} passed, ${failed} failed)`,
    '',
    '| artifact | kind | verdict | reason |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${escape(r.artifact)}\` | ${r.kind} | ${r.verdict === 'PASS' ? 'PASS' : '**FAIL**'} | ${escape(r.reason)} |`),
  ].join('\n');
}

/** URLs cited in Markdown or a JSON document (http and https only). */
export function citedUrls(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s)<>"'`\]]+/g) ?? [];
  return [...new Set(found.map((u) => u.replace(/[.,;:]+$/, '')))].sort();
}
