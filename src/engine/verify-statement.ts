/**
 * `epm verify`: re-checks a provenance statement against the world — every
 * local subject re-hashed, every remote reference (tracking run, model repo,
 * cited URL) looked up again — and says exactly what does not match.
 */
import { resourceKind, type Provenance } from '../domain/provenance.js';
import {
  verifyHubRepo, verifyLinks, verifyOutputs, verifyTrackedRun, type VerificationRow,
} from '../domain/upload-verification.js';
import type { ExperimentTracking } from '../ports/experiment-tracking.js';
import type { LinkChecker } from '../ports/link-checker.js';
import type { ModelHub } from '../ports/model-hub.js';
import type { ProvenanceStore } from '../ports/provenance-store.js';

/** What `verifyStatement` works through. */
export interface VerifyDeps {
  files: Pick<ProvenanceStore, 'hashNow'>;
  tracking?: ExperimentTracking;
  hub?: ModelHub;
  links: LinkChecker;
}

/** Options of one verification. */
export interface VerifyOptions {
  /** Folder the subjects' names are relative to (the run's worktree or a checkout of its commit). */
  root: string;
  /** Skip remote references (offline check of local subjects only). */
  localOnly?: boolean;
}

/** Re-checks every subject and remote reference of the statement. */
export async function verifyStatement(statement: Provenance, deps: VerifyDeps, options: VerifyOptions): Promise<VerificationRow[]> {
  const subjects = statement.subject.map((s) => ({ name: s.name, sha256: s.digest.sha256 }));
  const onDisk = await deps.files.hashNow(options.root, subjects.map((s) => s.name));
  const rows: VerificationRow[] = verifyOutputs(subjects.map((s) => s.name), subjects, onDisk);
  if (options.localOnly) return rows;

  const commit = statement.predicate.buildDefinition.resolvedDependencies.find((r) => resourceKind(r) === 'git-commit')?.digest?.['gitCommit'] ?? '';
  const byproducts = statement.predicate.runDetails.byproducts;
  for (const resource of byproducts) {
    const a = resource.annotations ?? {};
    switch (resourceKind(resource)) {
      case 'wandb-run': {
        const ref = { entity: String(a['entity']), project: String(a['project']), runId: String(a['runId']) };
        if (!deps.tracking) {
          rows.push({ artifact: `wandb:${ref.entity}/${ref.project}/${ref.runId}`, kind: 'wandb-run', verdict: 'FAIL', reason: 'no tracking service configured to check it (set WANDB_API_KEY)' });
          break;
        }
        const artifacts = Array.isArray(a['artifacts']) ? (a['artifacts'] as { name: string; digest: string }[]) : [];
        rows.push(...verifyTrackedRun({ ref, commit, config: {}, metrics: [], artifacts }, await deps.tracking.getRun(ref)));
        break;
      }
      case 'hf-repo': {
        const repo = resource.name ?? '';
        const revision = String(a['revision']);
        const files = Array.isArray(a['files']) ? (a['files'] as { path: string; sha256: string; size: number; gitOid?: string }[]) : [];
        if (!deps.hub) {
          rows.push({ artifact: `hf:${repo}`, kind: 'hf-repo', verdict: 'FAIL', reason: 'no model hub configured to check it (set HF_TOKEN)' });
          break;
        }
        rows.push(...verifyHubRepo({ repo, revision, files }, await deps.hub.listFiles(repo, revision)));
        break;
      }
      case 'url':
        if (resource.uri) rows.push(...verifyLinks([await deps.links.check(resource.uri)]));
        break;
      default:
        break;
    }
  }
  return rows;
}
