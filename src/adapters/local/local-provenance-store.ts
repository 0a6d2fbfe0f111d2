/**
 * Local mode's ProvenanceStore: the run's contract folder `<runsDir>/<runId>/`
 * (shared with LocalCompute) holds the launch capture, the `pip freeze` text,
 * the statement, and what the run reports about its tracking run.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badInput, external } from '../../domain/errors.js';
import { renderProvenance, type Provenance } from '../../domain/provenance.js';
import type { LaunchCapture, ProvenanceStore, RunCollection } from '../../ports/provenance-store.js';
import { takeEnvironmentSnapshot, type CommandRunner } from './environment-snapshot.js';
import { takeInventory } from './artifact-inventory.js';
import { hashFile, hashFiles, hashTree } from './hashing.js';
import { digestFile } from '../huggingface/file-digests.js';
import { writeAtomic } from './atomic-file.js';

/** Files up to this size may be stored in git (not LFS) by a model hub. */
const GIT_STORED_MAX_BYTES = 10 * 1024 * 1024;

/** Options of {@link LocalProvenanceStore}. */
export interface LocalProvenanceStoreOptions {
  /** The user's repository. */
  repoDir: string;
  /** The runs folder LocalCompute uses. */
  runsDir: string;
  /** The environment runs get. */
  env: NodeJS.ProcessEnv;
  /** Injectable command runner (tests). */
  exec?: CommandRunner;
}

/** What a run may report in `$EPM_RUN_DIR/tracking.json`. */
const trackingReportSchema = z.object({
  entity: z.string().min(1),
  project: z.string().min(1),
  runId: z.string().min(1),
  artifacts: z.array(z.object({ name: z.string().min(1), digest: z.string().min(1) })).default([]),
});

const LAUNCH_FILE = 'launch.json';
const STATEMENT_FILE = 'provenance.json';
const TRACKING_FILE = 'tracking.json';

/** Provenance files beside each local run. */
export class LocalProvenanceStore implements ProvenanceStore {
  constructor(private readonly options: LocalProvenanceStoreOptions) {}

  private runDir(runId: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw badInput(`"${runId}" is not a run id`, { hint: 'run ids look like 12-1' });
    return join(this.options.runsDir, runId);
  }

  async captureLaunch(runId: string, worktree: string, ignore: readonly string[]): Promise<LaunchCapture> {
    const snapshot = await takeEnvironmentSnapshot({
      repoDir: this.options.repoDir,
      worktree,
      env: this.options.env,
      ignore,
      ...(this.options.exec ? { exec: this.options.exec } : {}),
    });
    const capture: LaunchCapture = {
      commit: snapshot.git.commit,
      environment: snapshot.environment,
      compute: snapshot.compute,
      lockfiles: snapshot.lockfiles,
      pipFreezeSha256: snapshot.environment.pipFreezeSha256,
    };
    const dir = this.runDir(runId);
    await mkdir(dir, { recursive: true });
    if (snapshot.pipFreeze !== null) await writeAtomic(join(dir, 'pip-freeze.txt'), snapshot.pipFreeze);
    await writeAtomic(join(dir, LAUNCH_FILE), `${JSON.stringify(capture, null, 2)}\n`);
    return capture;
  }

  async readLaunch(runId: string): Promise<LaunchCapture | undefined> {
    const text = await readFile(join(this.runDir(runId), LAUNCH_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw external(`cannot read the launch capture of run ${runId}: ${error.message}`, { cause: error });
    });
    return text === undefined ? undefined : (JSON.parse(text) as LaunchCapture);
  }

  async collect(runId: string, worktree: string, declared: { outputs: readonly string[]; inputs: readonly string[]; config?: string }): Promise<RunCollection> {
    // One inventory: what the run created under its declared outputs and what it used.
    const inventory = await takeInventory({ worktree, outputs: declared.outputs, declaredInputs: declared.inputs });
    const created: RunCollection['created'] = inventory.created.map((f) => ({ ...f }));
    // A hub keeps small files in git; their blob id is what it reports for them.
    for (const file of created) {
      if (file.size <= GIT_STORED_MAX_BYTES) file.gitOid = (await digestFile(confined(worktree, file.path))).gitBlobSha1;
    }
    const dir = this.runDir(runId);
    const logPath = join(dir, 'run.log');
    const log = await hashFile(logPath).then((d) => ({ path: logPath, sha256: d.sha256 }), () => null);
    const config = declared.config ? { path: normalize(declared.config), sha256: (await hashFile(confined(worktree, declared.config))).sha256 } : null;
    const report = await readFile(join(dir, TRACKING_FILE), 'utf8').then((t) => t, () => undefined);
    let trackedRun: RunCollection['trackedRun'] = null;
    let trackedArtifacts: RunCollection['trackedArtifacts'] = [];
    if (report !== undefined) {
      const parsed = trackingReportSchema.safeParse(safeJson(report));
      if (!parsed.success) {
        throw badInput(`${join(dir, TRACKING_FILE)} is not a tracking report: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
          hint: 'the run writes {"entity","project","runId","artifacts":[{"name","digest"}]} to $EPM_RUN_DIR/tracking.json',
        });
      }
      trackedRun = { entity: parsed.data.entity, project: parsed.data.project, runId: parsed.data.runId };
      trackedArtifacts = parsed.data.artifacts;
    }
    return { created, used: inventory.used, missingInputs: inventory.missingInputs, log, config, trackedRun, trackedArtifacts };
  }

  async writeStatement(runId: string, statement: Provenance): Promise<{ path: string; sha256: string }> {
    const dir = this.runDir(runId);
    await mkdir(dir, { recursive: true });
    const text = renderProvenance(statement);
    const path = join(dir, STATEMENT_FILE);
    await writeAtomic(path, text);
    return { path, sha256: createHash('sha256').update(text).digest('hex') };
  }

  async hashNow(root: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const present: string[] = [];
    for (const p of paths) {
      const info = await stat(confined(root, p)).catch(() => undefined);
      if (info?.isFile()) present.push(p);
    }
    const digests = await hashFiles(present.map((p) => confined(root, p)));
    return new Map(paths.map((p) => [p, present.includes(p) ? digests.get(confined(root, p))?.sha256 : undefined]));
  }
}

/** Every file under `root`, for `epm verify` of a folder of outputs. */
export const listTree = hashTree;

function confined(root: string, path: string): string {
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (isAbsolute(path) || rel.startsWith('..') || isAbsolute(rel)) {
    throw badInput(`"${path}" is outside ${root}`, { hint: 'declare outputs and inputs relative to the worktree, without ".."' });
  }
  return target;
}

const normalize = (path: string) => path.replace(/\\/g, '/').replace(/^\.\//, '');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

