/**
 * The engine: level-triggered reconciliation of one issue. Each `tick` reads
 * the whole issue, reduces it, carries out the next due step through the
 * ports, records the outcome as a marker (the step's commit point), and
 * projects the status onto labels — until nothing more is due. Any event, or
 * none, just wakes it; a replayed or duplicated wake finds nothing new to do.
 */
import type { Authorizer } from '../ports/authorizer.js';
import type { CheckRunner, CheckSpec } from '../ports/checks.js';
import type { Compute } from '../ports/compute.js';
import type { RoleRunner } from '../ports/roles.js';
import type { Tracker, TrackerIssue } from '../ports/tracker.js';
import type { Workspace } from '../ports/workspace.js';
import { renderCommand, type HumanAction } from '../domain/commands.js';
import type { Effect } from '../domain/effects.js';
import { badInput, conflict, isEpmError, unauthorized } from '../domain/errors.js';
import { humanEvent, type LifecycleEvent, type RecordedEvent } from '../domain/events.js';
import { readLabels } from '../domain/lifecycle.js';
import { renderMarker } from '../domain/markers.js';
import { reduce } from '../domain/reduce.js';
import { roleOutputSchemas, type RoleName, type RoleOutput } from '../domain/roles.js';
import { currentRun, versionAwaitingApproval, type IssueState, type LifecycleSettings } from '../domain/state.js';
import { desiredLabels, markerKindOf, nextKey, transition } from '../domain/transition.js';
import { experimentPaths, type ExperimentPaths } from './paths.js';
import { diffSinceImplementation } from './diff-since.js';
import {
  citedUrls, renderVerificationTable, verifyHubRepo, verifyLinks, verifyNothingLeft, verifyOutputs, verifyTrackedRun, type ExpectedHubRepo, type VerificationRow,
} from '../domain/upload-verification.js';
import { buildProvenance } from '../domain/provenance.js';
import { isBudgetExceeded } from '../roles/runtime/budget.js';
import { barWithSeedsSpec, perSeedScatterSpec } from '../domain/figures/specs.js';
import { lintCleanResult } from '../domain/clean-result/lint.js';
import { fillReproducibilityCard, type CardValues } from '../domain/clean-result/card.js';
import { addedLinesOf, findDuplicates, renderDuplicateScan } from '../domain/duplicate-scan.js';
import { summarizeSeeds, type SeedMetric } from '../domain/clean-result/numbers.js';
import type { FigureRenderer } from '../ports/figure-renderer.js';
import type { FigureFiles } from '../domain/events.js';
import { z } from 'zod';

/** Source files the duplicate scan reads. */
const SCANNED_SOURCE = /\.(js|mjs|cjs|ts|tsx|jsx|py|sh|rs|go|java|c|cc|cpp|h|hpp|jl|r|R|lua|rb|scala|kt)$/;

/** Where a run writes its metrics unless the plan says otherwise. */
const DEFAULT_METRICS_FILE = 'results/metrics.json';
/** The metrics contract: one row per condition, seed and metric. */
const metricsFileSchema = z.object({
  rows: z.array(z.object({ condition: z.string().min(1), seed: z.number().int(), metric: z.string().min(1), value: z.number() })).min(1),
  /** Hyper-parameters and counts of the run (steps, learning rates…) that the clean result may quote. */
  parameters: z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())])).optional(),
});
const safeParseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
import type { ExpectedDeliverables } from '../domain/events.js';
import type { ProvenanceStore } from '../ports/provenance-store.js';
import type { Attestor } from '../ports/attestor.js';
import type { ExperimentTracking } from '../ports/experiment-tracking.js';
import type { ModelHub } from '../ports/model-hub.js';
import type { LinkChecker } from '../ports/link-checker.js';

/** Everything the engine works through. */
export interface EngineDeps {
  tracker: Tracker;
  workspace: Workspace;
  compute: Compute;
  roles: RoleRunner;
  authorizer: Authorizer;
  checks: CheckRunner;
  /** Check commands run after every implementation or fix (build, lint). */
  checkSpecs: readonly CheckSpec[];
  settings: LifecycleSettings;
  /** Records what a run used and produced, and re-hashes for verification. */
  provenance: ProvenanceStore;
  /** The tracking service runs log to (W&B), when configured. */
  tracking?: ExperimentTracking;
  /** Where declared checkpoints are uploaded (Hugging Face), when configured. */
  hub?: ModelHub;
  /** Checks that cited links answer. */
  links: LinkChecker;
  /** Signs provenance statements where the platform offers it (GitHub Actions); absent: statements stay unsigned. */
  attestor?: Attestor;
  /** EPM's version, recorded in provenance. */
  epmVersion: string;
  /** Renders figures from metrics (vega-lite → SVG → PNG). */
  figures?: FigureRenderer;
  /** Non-secret variables every run gets (e.g. where local tracking lives). */
  runEnv?: Readonly<Record<string, string>>;
  /** Folder (relative to the repo) that holds experiments, e.g. `experiments`. */
  experimentsDir: string;
  clock?: () => Date;
  /** Receives one line per step, for progress output. */
  log?: (line: string) => void;
  /**
   * Called after a step's work and before its marker is written: where the
   * branch lives remotely (GitHub), this is where its commits are pushed, so
   * a marker never names a commit that exists only on a machine that died.
   */
  beforeRecord?: (state: IssueState) => Promise<void>;
}

/** What one tick did. */
export interface TickReport {
  issue: number;
  /** One line per step carried out. */
  steps: string[];
  /** The state after the tick. */
  state: IssueState;
  /** Why the tick stopped early with work still due (a role that cannot run here). */
  waiting?: string;
}

const MAX_STEPS_PER_TICK = 64;

/** Drives issues through the lifecycle. */
export class Engine {
  private readonly clock: () => Date;

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Reads and reduces an issue without changing anything. */
  async load(number: number): Promise<IssueState> {
    return reduce(await this.deps.tracker.getIssue(number), this.deps.settings);
  }

  /** Carries out every due step of one issue until it waits on a human, a run, or is finished. */
  async tick(number: number, options: { maxSteps?: number } = {}): Promise<TickReport> {
    return this.deps.tracker.withIssueLock(number, async () => {
      const issue = await this.deps.tracker.getIssue(number);
      const steps: string[] = [];
      let state = this.reduceChecked(issue);
      state = await this.repairLabels(issue, state, steps);
      const limit = options.maxSteps ?? MAX_STEPS_PER_TICK;
      for (let step = 0; step < limit; step++) {
        const [, effects] = transition(state, { kind: 'tick', now: this.clock().toISOString() });
        const effect = effects[0];
        if (!effect) break;
        if (effect.kind === 'invoke-role') {
          const unavailable = this.deps.roles.unavailable?.(effect.role);
          if (unavailable) return { issue: number, steps, state, waiting: `${effect.role} is due but cannot run: ${unavailable}` };
        }
        const event = await this.perform(state, effect);
        if (!event) break; // the step found nothing to record (a run still going): wait for the next wake
        await this.deps.beforeRecord?.(state);
        state = await this.record(issue, state, event, steps);
      }
      return { issue: number, steps, state };
    });
  }

  /**
   * Applies a human action at once: authorizes the actor, checks the action
   * against the current state (a clear error and no change when it does not
   * fit), then writes it as the human's `/epm` command and acknowledges it.
   */
  async act(number: number, action: HumanAction, actor: string): Promise<TickReport> {
    return this.deps.tracker.withIssueLock(number, async () => {
      const issue = await this.deps.tracker.getIssue(number);
      const state = this.reduceChecked(issue);
      const refusal = await this.deps.authorizer.check(actor, action.kind === 'approve' ? 'approve' : 'command');
      if (refusal) throw unauthorized(`${actor} may not ${action.kind}: ${refusal}`, { issue: number });
      const resolved: HumanAction = action.kind === 'approve' ? { ...action, version: action.version ?? versionAwaitingApproval(state) ?? '' } : action;
      const event = this.humanEventFor(state, resolved, { actor, source: 'pending' });
      transition(state, event); // throws a clear conflict, before anything is written, when the action does not fit
      if (event.kind === 'approval') await this.assertBranchUnmoved(state);
      // The same command already written but not yet acknowledged (a crash in between) is acknowledged, not written twice.
      const body = renderCommand(resolved);
      const written = state.pending.find((p) => p.actor === actor && p.body === body);
      const comment = written
        ? { id: written.source }
        : await this.deps.tracker.addComment(number, body, { as: { kind: 'human', author: actor } }).then((c) => (issue.comments.push(c), c));
      const steps: string[] = [];
      const acknowledged = this.humanEventFor(state, resolved, { actor, source: comment.id });
      const next = await this.record(issue, this.reduceChecked(issue), acknowledged, steps);
      return { issue: number, steps, state: next };
    });
  }

  /** Reads and reduces every open issue (every issue with `all`), in number order. */
  async loadAll(options: { all?: boolean } = {}): Promise<{ state: IssueState; open: boolean }[]> {
    const states = [];
    for (const summary of await this.deps.tracker.listIssues(options)) states.push({ state: await this.load(summary.number), open: summary.open });
    return states;
  }

  /** Ticks every open issue; one failing issue does not stop the others. */
  async sweep(): Promise<{ reports: TickReport[]; errors: { issue: number; error: string }[] }> {
    const reports: TickReport[] = [];
    const errors: { issue: number; error: string }[] = [];
    for (const summary of await this.deps.tracker.listIssues()) {
      try {
        reports.push(await this.tick(summary.number));
      } catch (error) {
        errors.push({ issue: summary.number, error: isEpmError(error) ? error.toLine() : String(error) });
      }
    }
    return { reports, errors };
  }

  private reduceChecked(issue: TrackerIssue): IssueState {
    const state = reduce(issue, this.deps.settings);
    if (state.labelProblems.length > 0) {
      throw badInput(`labels conflict: ${state.labelProblems.join('; ')}`, {
        issue: issue.number,
        hint: 'fix the labels; EPM changes nothing until exactly one known status:* label remains',
      });
    }
    return state;
  }

  private humanEventFor(state: IssueState, action: HumanAction, who: { actor: string; source: string }): RecordedEvent {
    const stage = state.status === 'awaiting-result-approval' ? 'result' : 'plan';
    const event = humanEvent(action, who, stage, versionAwaitingApproval(state) ?? '');
    if (event.kind === 'approval' && !versionAwaitingApproval(state)) {
      throw conflict(`nothing awaits approval (status: ${state.status})`, {
        issue: state.number,
        hint: 'approvals apply in awaiting-plan-approval or awaiting-result-approval; run "epm show" to see what is due',
      });
    }
    return { ...event, key: `human:${who.source}`, at: this.clock().toISOString() };
  }

  /**
   * An approval covers one version. If the experiment branch has commits after
   * the version awaiting approval (a hand edit, a push), approving would cover
   * work nobody reviewed: refuse, and say how to have it recorded.
   */
  private async assertBranchUnmoved(state: IssueState): Promise<void> {
    const awaiting = versionAwaitingApproval(state);
    const tree = await this.deps.workspace.findWorktree(experimentPaths(state, this.deps.experimentsDir).branch);
    if (awaiting && tree && tree.head !== awaiting) {
      throw conflict(`the experiment branch moved after the version awaiting approval (branch at ${tree.head.slice(0, 12)}, awaiting ${awaiting.slice(0, 12)})`, {
        issue: state.number,
        hint: `an approval must cover what is on the branch: "epm revise ${state.number} -m '<what changed>'" has it re-recorded and reviewed`,
      });
    }
  }

  /** Writes the event's marker, then projects labels; returns the new state. */
  private async record(issue: TrackerIssue, state: IssueState, event: RecordedEvent, steps: string[]): Promise<IssueState> {
    const [, effects] = transition(state, event);
    for (const effect of effects) {
      if (effect.kind === 'record') {
        const version = (state.versions.get(effect.event.kind) ?? 0) + 1;
        const comment = await this.deps.tracker.addComment(
          issue.number,
          renderMarker({ kind: effect.event.kind, version, payload: effect.event, prose: prose(effect.event) }),
          { as: { kind: 'epm' } },
        );
        issue.comments.push(comment);
      } else if (effect.kind === 'sync-labels') {
        await this.deps.tracker.updateLabels(issue.number, { add: effect.add, remove: effect.remove });
        issue.labels = [...issue.labels.filter((l) => !effect.remove.includes(l)), ...effect.add.filter((l) => !issue.labels.includes(l))];
      }
    }
    const reduced = reduce(issue, this.deps.settings);
    const line = `#${issue.number} ${event.kind}: ${reduced.timeline.at(-1)?.summary ?? ''} [${state.status} → ${reduced.status}]`;
    steps.push(line);
    this.deps.log?.(line);
    return reduced;
  }

  /** Makes labels match the recorded status (after a crash between marker and label, or a hand edit). */
  private async repairLabels(issue: TrackerIssue, state: IssueState, steps: string[]): Promise<IssueState> {
    if (!state.versions.size) return state;
    const { add, remove } = desiredLabels(state);
    if (!add.length && !remove.length) return state;
    await this.deps.tracker.updateLabels(issue.number, { add, remove });
    issue.labels = [...issue.labels.filter((l) => !remove.includes(l)), ...add];
    steps.push(`#${issue.number} labels repaired: +${add.join(',') || '-'} −${remove.join(',') || '-'}`);
    return reduce(issue, this.deps.settings);
  }

  /** Carries out one due effect; returns the event to record, or undefined when there is nothing to record yet. */
  private async perform(state: IssueState, effect: Effect): Promise<RecordedEvent | undefined> {
    const at = this.clock().toISOString();
    const paths = experimentPaths(state, this.deps.experimentsDir);
    switch (effect.kind) {
      case 'record':
        return effect.event;
      case 'sync-labels':
        return undefined;
      case 'apply-defaults': {
        const reading = readLabels(state.labels);
        const type = reading.type ?? this.deps.settings.defaultType;
        const lane = reading.lane ?? this.deps.settings.defaultLane;
        const applied = [
          ...(reading.type ? [] : [`type:${type} (default)`]),
          ...(reading.lane ? [] : [`lane:${lane} (default)`]),
          ...(reading.status ? [] : ['status:proposed (default)']),
        ];
        return { kind: 'auto-defaults', type, lane, applied, key: effect.key, at };
      }
      case 'process-command':
        return this.processCommand(state, effect, at);
      case 'invoke-role':
        return this.invokeRole(state, effect, paths, at);
      case 'launch-run': {
        const tree = await this.deps.workspace.ensureWorktree(paths.branch);
        const tag = `epm/run/${state.number}/${effect.k}`;
        await this.deps.workspace.tag(tag, tree.head, `EPM run ${effect.k} of #${state.number}: ${effect.command}`);
        const manifest = state.frozen?.manifest ?? state.plan?.manifest;
        try {
          // The environment is captured before the run starts; a dirty worktree cannot be reproduced and is refused.
          await this.deps.provenance.captureLaunch(effect.runId, tree.path, manifest?.outputs ?? []);
        } catch (error) {
          if (!isEpmError(error) || error.code !== 'conflict') throw error;
          return { kind: 'launch-refused', k: effect.k, reason: error.message, key: nextKey(state, 'launch-refused'), at };
        }
        const handle = await this.deps.compute.launch({
          runId: effect.runId, cwd: tree.path, command: effect.command, ...(this.deps.runEnv ? { env: { ...this.deps.runEnv } } : {}),
        });
        return {
          kind: 'launch', k: effect.k, runId: effect.runId, sha: tree.head, tag, logPath: handle.logPath,
          startedAt: handle.startedAt, command: effect.command, key: effect.key, at,
        };
      }
      case 'observe-run': {
        const seen = await this.deps.compute.inspect(effect.runId);
        const run = currentRun(state);
        const startedAt = run ? Date.parse(run.startedAt) : Date.now();
        if (seen.state === 'exited' || seen.state === 'lost' || seen.state === 'unknown') {
          const tree = await this.deps.workspace.ensureWorktree(paths.branch);
          const declared = (state.frozen?.manifest ?? state.plan?.manifest)?.outputs ?? [];
          const missing = await this.deps.workspace.missingFiles(tree.branch, declared);
          return {
            kind: 'run-ended', k: effect.k, exitCode: seen.sentinel?.exitCode ?? null, missingOutputs: missing,
            endedAt: seen.sentinel?.endedAt ?? at, lost: seen.state !== 'exited', key: nextKey(state, 'run-ended'), at,
          };
        }
        const findings = seen.findings.map((f) => f.kind);
        // Local compute has no GPU count: wall-clock hours count as GPU-hours (one device), the conservative reading.
        const usedGpuHours = Math.max(0, (Date.parse(at) - startedAt) / 3_600_000);
        const { settings } = this.deps;
        const planned = (state.frozen?.manifest ?? state.plan?.manifest)?.gpuHours;
        const overBudget = state.runs.reduce((sum, r) => sum + (r === run ? 0 : r.usedGpuHours), 0) + usedGpuHours >= settings.gpuHoursPerExperiment;
        const deviates = planned !== undefined && usedGpuHours > settings.computeDeviationFactor * planned;
        // Record only when a check fires or a wake is due; otherwise there is nothing new to say.
        if (!findings.length && !effect.wakeDue && !overBudget && !deviates) return undefined;
        return {
          kind: 'progress', k: effect.k, wake: effect.wakeDue, usedGpuHours, projectedGpuHours: usedGpuHours,
          observation: { state: seen.state, findings, ...(seen.phase ? { phase: seen.phase } : {}), ...(seen.heartbeatAgeMs !== undefined ? { heartbeatAgeMs: seen.heartbeatAgeMs } : {}) },
          key: effect.key, at,
        };
      }
      case 'render-figures':
        return this.renderFigures(state, effect, paths, at);
      case 'record-provenance':
        return this.recordProvenance(state, effect, paths, at);
      case 'verify-uploads':
        return this.verifyUploads(state, effect.key, paths, at);
      case 'release-compute':
        await this.deps.compute.release(effect.runId);
        return { kind: 'compute-released', k: effect.k, key: effect.key, at };
    }
  }

  /**
   * Collects what run `k` created and used, uploads the declared checkpoints,
   * and writes the provenance statement — the one record from which the run
   * can be reproduced.
   */
  private async recordProvenance(state: IssueState, effect: Extract<Effect, { kind: 'record-provenance' }>, paths: ExperimentPaths, at: string): Promise<RecordedEvent> {
    const run = state.runs.find((r) => r.k === effect.k);
    const manifest = state.frozen?.manifest ?? state.plan?.manifest;
    if (!run || !manifest || !state.frozen) throw conflict(`run ${effect.k} has no approved plan or launch to record`, { issue: state.number });
    const tree = await this.deps.workspace.ensureWorktree(paths.branch);
    const launch = await this.deps.provenance.readLaunch(effect.runId);
    if (!launch) {
      // The machine that ran it is gone (a cancelled job, a lost checkout): its outputs and capture with it. Only a new run can give provenance.
      return { kind: 'role-error', role: 'post-experimenter', error: `run ${effect.k} has no environment capture from its launch on this machine (the job or machine that ran it is gone, with its outputs); its provenance cannot be written`, relaunch: true, key: nextKey(state, 'role-error'), at };
    }
    const collected = await this.deps.provenance.collect(effect.runId, tree.path, { outputs: manifest.outputs, inputs: manifest.inputs, ...(manifest.config ? { config: manifest.config } : {}) });
    const deliverables = manifest.deliverables;

    // Declared checkpoints go to the model hub; whatever was declared but not produced stays a leftover.
    let hub: ExpectedHubRepo | null = null;
    const leftovers: string[] = [];
    if (deliverables?.hub) {
      const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix.replace(/\/+$/, '')}/`);
      const files = collected.created.filter((f) => deliverables.hub!.paths.some((p) => under(f.path, p)));
      leftovers.push(...deliverables.hub.paths.filter((p) => !files.some((f) => under(f.path, p))));
      if (files.length > 0 && this.deps.hub) {
        const { revision } = await this.deps.hub.upload(
          deliverables.hub.repo,
          files.map((f) => ({ path: f.path, localPath: `${tree.path}/${f.path}` })),
          `EPM run ${effect.k} of #${state.number} (${run.tag})`,
        );
        hub = { repo: deliverables.hub.repo, revision, files: files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size, ...(f.gitOid ? { gitOid: f.gitOid } : {}) })) };
      } else if (files.length > 0) {
        leftovers.push(...files.map((f) => f.path));
      }
    }
    const tracked = deliverables?.tracking;
    const reported = collected.trackedRun;
    const trackedRun = tracked
      ? {
          ref: { entity: tracked.entity, project: tracked.project, runId: reported && reported.entity === tracked.entity && reported.project === tracked.project ? reported.runId : '' },
          commit: run.sha,
          config: {},
          metrics: manifest.metrics.map((m) => m.name),
          artifacts: collected.trackedArtifacts,
        }
      : null;
    // Every role run's transcript is a byproduct of the experiment, hashed as it is now.
    // Transcript paths are absolute: hash them relative to the file-system root.
    const fromRoot = (path: string) => path.replace(/^\/+/, '');
    const transcriptDigests = await this.deps.provenance.hashNow('/', state.transcripts.map((t) => fromRoot(t.path)));
    const transcripts = state.transcripts.flatMap((t) => {
      const sha256 = transcriptDigests.get(fromRoot(t.path));
      return sha256 ? [{ path: t.path, sha256, role: t.role }] : [];
    });
    const subjects = collected.created.length > 0
      ? collected.created.map((f) => ({ name: f.path, sha256: f.sha256 }))
      : collected.log ? [{ name: 'run.log', sha256: collected.log.sha256 }] : [];
    const statement = buildProvenance({
      subjects,
      command: run.command,
      config: collected.config,
      seeds: manifest.seeds,
      plan: { path: state.plan?.path ?? paths.plan, commit: state.frozen.version },
      approver: state.frozen.approver,
      issue: { number: state.number, url: null },
      epmVersion: this.deps.epmVersion,
      lane: state.lane,
      runId: effect.runId,
      attempt: effect.k,
      git: { commit: run.sha, tag: run.tag },
      lockfiles: launch.lockfiles,
      datasets: [],
      baseModels: [],
      container: null,
      builderId: `urn:epm:builder:${launch.compute.provider}`,
      startedOn: run.startedAt,
      finishedOn: run.ended?.endedAt ?? at,
      compute: launch.compute,
      environment: launch.environment,
      gpuHours: run.usedGpuHours,
      costUsd: null,
      modelUsage: Object.entries(state.spendByRole).map(([role, u]) => ({ role, ...u })).sort((a, b) => (a.role < b.role ? -1 : 1)),
      byproducts: {
        ...(collected.log ? { logs: [collected.log] } : {}),
        ...(trackedRun && trackedRun.ref.runId && this.deps.tracking
          ? { wandbRuns: [{ url: this.deps.tracking.urlOf?.(trackedRun.ref) ?? `https://wandb.ai/${tracked!.entity}/${tracked!.project}/runs/${trackedRun.ref.runId}`, ...trackedRun.ref, artifacts: collected.trackedArtifacts }] }
          : {}),
        ...(hub && this.deps.hub ? { hfRepos: [{ repo: hub.repo, revision: hub.revision, url: this.deps.hub.urlOf(hub.repo, hub.revision), files: [...hub.files] }] } : {}),
        inputs: collected.used,
        ...(transcripts.length ? { transcripts } : {}),
        ...(deliverables?.urls.length ? { urls: deliverables.urls } : {}),
      },
    });
    const written = await this.deps.provenance.writeStatement(effect.runId, statement);
    // Signed before the marker: a marker never claims a signature that failed. A failing service throws, and the next tick signs again.
    const signature = this.deps.attestor ? await this.deps.attestor.sign(written.path, statement) : undefined;
    // The uploaded checkpoint gets a model card carrying the provenance, as a commit of its own after the files'.
    if (hub && this.deps.hub) {
      await this.deps.hub.publishCard(hub.repo, {
        title: `${state.title} — run ${effect.k} of #${state.number}`,
        statementSha256: written.sha256,
        issue: state.number,
        commit: run.sha,
        runTag: run.tag,
        command: run.command,
        ...(trackedRun?.ref.runId && this.deps.tracking?.urlOf && /^https?:/.test(this.deps.tracking.urlOf(trackedRun.ref)) ? { wandbUrl: this.deps.tracking.urlOf(trackedRun.ref) } : {}),
      });
    }
    const expected: ExpectedDeliverables = {
      outputs: manifest.outputs,
      trackedRun,
      hub,
      urls: deliverables?.urls ?? [],
      leftovers,
    };
    return {
      kind: 'provenance', k: effect.k, path: written.path, sha256: written.sha256,
      subjects: statement.subject.map((s) => ({ name: s.name, sha256: s.digest.sha256 })), expected,
      ...(signature ? { signature } : {}),
      key: effect.key, at,
    };
  }

  /** Reads the run's metrics (the metrics contract) from the worktree, or says what is wrong with them. */
  private async readMetrics(state: IssueState, paths: ExperimentPaths): Promise<{ rows: SeedMetric[]; parameters?: Record<string, number | Record<string, number>> } | { problem: string }> {
    const manifest = state.frozen?.manifest ?? state.plan?.manifest;
    const file = manifest?.metricsFile ?? DEFAULT_METRICS_FILE;
    const text = await this.deps.workspace.readFile(paths.branch, file);
    if (text === undefined) return { problem: `the run wrote no ${file}; figures and the clean result are traced to it (write {"rows":[{"condition","seed","metric","value"}]})` };
    const parsed = metricsFileSchema.safeParse(safeParseJson(text));
    if (!parsed.success) return { problem: `${file} does not follow the metrics contract: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}` };
    return parsed.data.parameters ? { rows: parsed.data.rows, parameters: parsed.data.parameters } : { rows: parsed.data.rows };
  }

  /** Renders every planned figure from the run's metrics, commits them, and records where they are. */
  private async renderFigures(state: IssueState, effect: Extract<Effect, { kind: 'render-figures' }>, paths: ExperimentPaths, at: string): Promise<RecordedEvent> {
    const manifest = state.frozen?.manifest ?? state.plan?.manifest;
    const metrics = await this.readMetrics(state, paths);
    if ('problem' in metrics) return { kind: 'role-error', role: 'analyzer', error: metrics.problem, key: nextKey(state, 'role-error'), at };
    if (!this.deps.figures) return { kind: 'role-error', role: 'analyzer', error: 'no figure renderer is configured', key: nextKey(state, 'role-error'), at };
    const primary = manifest?.metrics.find((m) => m.primary)?.name ?? manifest?.metrics[0]?.name ?? '';
    const files: FigureFiles[] = [];
    const writes: Record<string, string | Uint8Array> = {};
    for (const figure of manifest?.figures ?? []) {
      const metric = figure.metric ?? primary;
      const values = metrics.rows.filter((r) => r.metric === metric).map((r) => ({ condition: r.condition, seed: r.seed, value: r.value }));
      if (values.length === 0) {
        return { kind: 'role-error', role: 'analyzer', error: `figure "${figure.name}" plots metric "${metric}", which ${manifest?.metricsFile ?? DEFAULT_METRICS_FILE} does not contain`, key: nextKey(state, 'role-error'), at };
      }
      const options = { title: figure.description || figure.name, metric, conditionOrder: manifest?.conditions.map((c) => c.name) ?? [] };
      const spec = figure.pattern === 'scatter' ? perSeedScatterSpec(values, options) : barWithSeedsSpec(values, { ...options, spread: 'sd' });
      const rendered = await this.deps.figures.render(spec);
      const base = `${paths.dir}/figures/${figure.name}`;
      writes[`${base}.svg`] = rendered.svg;
      writes[`${base}.png`] = rendered.png;
      files.push({ name: figure.name, png: `${base}.png`, svg: `${base}.svg` });
    }
    await this.deps.workspace.writeFiles(paths.branch, writes);
    const outputs = manifest?.outputs ?? [];
    const { sha } = await this.deps.workspace.commitAll(paths.branch, `epm: figures for #${state.number}\n\nEPM-Issue: #${state.number}\nEPM-Step: ${effect.key}`, { exclude: outputs });
    return { kind: 'figures', k: effect.k, sha, files, key: effect.key, at };
  }

  /** The last lines of the current run's log, as feedback, or nothing when there is no log. */
  private async logTailOf(state: IssueState): Promise<string[]> {
    const run = currentRun(state);
    if (!run) return [];
    const seen = await this.deps.compute.inspect(run.runId);
    return seen.logTail ? [`The end of run ${run.k}'s log (${run.logPath}):\n${seen.logTail}`] : [];
  }

  /** Which blocks the diff adds already stand elsewhere in the repository. */
  private async duplicateScan(paths: ExperimentPaths, diff: string): Promise<string> {
    const files = new Map<string, string>();
    for (const path of await this.deps.workspace.listFiles(paths.branch)) {
      if (!SCANNED_SOURCE.test(path)) continue;
      const text = await this.deps.workspace.readFile(paths.branch, path);
      if (text !== undefined && text.length <= 512 * 1024 && !text.includes('\0')) files.set(path, text);
    }
    return renderDuplicateScan(findDuplicates(addedLinesOf(diff), files));
  }

  /** The reproducibility card's values, from the run and its provenance record. */
  private async cardValues(state: IssueState): Promise<CardValues> {
    const run = currentRun(state);
    const launch = run ? await this.deps.provenance.readLaunch(run.runId) : undefined;
    const env = launch?.environment;
    const environment = env
      ? [
          `${env.os.platform} ${env.os.kernel} ${env.os.arch}`,
          env.node ? `Node ${env.node}` : undefined,
          env.python ? (env.python.startsWith("Python") ? env.python : `Python ${env.python}`) : undefined,
          launch.compute.gpuCount ? `${launch.compute.gpuCount}× ${launch.compute.gpuType ?? 'GPU'}` : 'no GPU',
          launch.lockfiles.length ? `lockfiles ${launch.lockfiles.map((l) => l.path).join(', ')}` : undefined,
        ].filter(Boolean).join(', ')
      : 'not captured (no launch record)';
    const expected = state.provenance?.expected;
    const tracked = expected?.trackedRun;
    return {
      commit: run?.sha ?? state.frozen?.version ?? '',
      runTag: run?.tag ?? 'none: no run',
      command: run?.command ?? 'none: no run',
      environment,
      manifestDigest: state.provenance ? `sha256:${state.provenance.sha256}` : 'none: no provenance statement',
      wandbRun: tracked?.ref.runId ? (this.deps.tracking?.urlOf?.(tracked.ref) ?? `${tracked.ref.entity}/${tracked.ref.project}/${tracked.ref.runId}`) : 'none: no tracking run declared',
      hfRevision: expected?.hub ? `${expected.hub.repo}@${expected.hub.revision}` : 'none: no checkpoint declared for upload',
    };
  }

  /** Checks every declared deliverable remotely against the recorded provenance. */
  private async verifyUploads(state: IssueState, key: string, paths: ExperimentPaths, at: string): Promise<RecordedEvent> {
    const recorded = state.provenance;
    if (!recorded) throw conflict('no provenance recorded to verify', { issue: state.number });
    const { expected } = recorded;
    const tree = await this.deps.workspace.ensureWorktree(paths.branch);
    const onDisk = await this.deps.provenance.hashNow(tree.path, recorded.subjects.map((s) => s.name));
    const rows: VerificationRow[] = verifyOutputs(expected.outputs, recorded.subjects, onDisk);
    if (expected.trackedRun) {
      const { ref } = expected.trackedRun;
      const id = `wandb:${ref.entity}/${ref.project}`;
      if (!ref.runId) rows.push({ artifact: id, kind: 'wandb-run', verdict: 'FAIL', reason: 'the run did not report its tracking run id (write {"entity","project","runId"} to $EPM_RUN_DIR/tracking.json)' });
      else if (!this.deps.tracking) rows.push({ artifact: `${id}/${ref.runId}`, kind: 'wandb-run', verdict: 'FAIL', reason: 'no tracking service is configured here (set WANDB_API_KEY)' });
      else rows.push(...verifyTrackedRun(expected.trackedRun, await this.deps.tracking.getRun(ref)));
    }
    if (expected.hub) {
      rows.push(...(this.deps.hub
        ? verifyHubRepo(expected.hub, await this.deps.hub.listFiles(expected.hub.repo, expected.hub.revision))
        : [{ artifact: `hf:${expected.hub.repo}`, kind: 'hf-repo' as const, verdict: 'FAIL' as const, reason: 'no model hub is configured here (set HF_TOKEN)' }]));
    }
    rows.push(...verifyLinks(await Promise.all(expected.urls.map((url) => this.deps.links.check(url)))));
    rows.push(...verifyNothingLeft(expected.leftovers));
    return { kind: 'upload-verified', rows, key, at };
  }

  private async processCommand(state: IssueState, effect: Extract<Effect, { kind: 'process-command' }>, at: string): Promise<RecordedEvent> {
    const pending = state.pending.find((p) => p.source === effect.source);
    const who = { actor: effect.actor, source: effect.source };
    const reject = (reason: string): RecordedEvent => ({ kind: 'rejected', command: effect.body.slice(0, 200), reason, ...who, key: effect.key, at });
    if (!pending || !pending.parsed.ok) return reject(pending && !pending.parsed.ok ? pending.parsed.error : 'unreadable command');
    const { action } = pending.parsed;
    const refusal = await this.deps.authorizer.check(effect.actor, action.kind === 'approve' ? 'approve' : 'command');
    if (refusal) return reject(refusal);
    try {
      const event = { ...this.humanEventFor(state, action, who), key: effect.key, at };
      transition(state, event);
      if (event.kind === 'approval') await this.assertBranchUnmoved(state);
      return event;
    } catch (error) {
      if (!isEpmError(error)) throw error;
      return reject(error.message);
    }
  }

  private async invokeRole(state: IssueState, effect: Extract<Effect, { kind: 'invoke-role' }>, paths: ExperimentPaths, at: string): Promise<RecordedEvent> {
    const { role, key } = effect;
    const tree = effect.worktree ? await this.deps.workspace.ensureWorktree(paths.branch) : undefined;
    const diff = tree && (role === 'code-reviewer' || role === 'fixer') ? await this.deps.workspace.diff(paths.branch) : undefined;
    // After a fix the roles see the implementation's diff (as its first review saw it, served by the prompt cache) and the changes since.
    const diffSince = diff !== undefined ? await diffSinceImplementation(this.deps.workspace, paths.branch, state) : undefined;
    // The code reviewer gets EPM's deterministic duplicate-code scan of the diff against the repository;
    // the experimenter gets the end of the run's log (it lives outside the worktree, beyond its tools).
    const feedback = role === 'code-reviewer' && diff !== undefined
      ? [...effect.feedback, await this.duplicateScan(paths, diff)]
      : role === 'experimenter'
        ? [...effect.feedback, ...(await this.logTailOf(state))]
        : effect.feedback;
    let result;
    try {
      result = await this.deps.roles.run({
        role, key, issue: { number: state.number, title: state.title, body: state.body },
        experimentDir: paths.dir, feedback, state,
        ...(tree ? { worktree: tree.path } : {}), ...(diff !== undefined ? { diff } : {}), ...(diffSince ? { diffSince } : {}),
      });
    } catch (error) {
      // A role stopped by the model budget is a budget stop with its figures, and its spend still counts.
      if (isBudgetExceeded(error)) {
        const spent = { usage: error.usage, ...(error.transcript ? { transcript: error.transcript } : {}) };
        if (error.what === 'model-usd') return { kind: 'budget-stop', what: 'model-usd', used: error.used, limit: error.limit, key: nextKey(state, 'budget-stop'), at, ...spent };
        return { kind: 'role-error', role, error: error.toLine(), key: nextKey(state, 'role-error'), at, ...spent };
      }
      return { kind: 'role-error', role, error: isEpmError(error) ? error.toLine() : String(error instanceof Error ? error.message : error), key: nextKey(state, 'role-error'), at };
    }
    const usage = { ...(result.usage ? { usage: result.usage } : {}), ...(result.transcript ? { transcript: result.transcript } : {}) };
    const parsed = roleOutputSchemas[role].safeParse(result.output);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(output)'}: ${i.message}`).join('; ');
      return { kind: 'role-error', role, error: `invalid output: ${problems}`, key: nextKey(state, 'role-error'), at, ...usage };
    }
    const meta = { key, at, ...usage };
    return this.roleEvent(state, role, parsed.data, paths, meta);
  }

  private async roleEvent(state: IssueState, role: RoleName, output: unknown, paths: ExperimentPaths, meta: { key: string; at: string }): Promise<RecordedEvent> {
    const ws = this.deps.workspace;
    const outputs = (state.frozen?.manifest ?? state.plan?.manifest)?.outputs ?? [];
    const commit = async (message: string) => (await ws.commitAll(paths.branch, `${message}\n\nEPM-Issue: #${state.number}\nEPM-Step: ${meta.key}`, { exclude: outputs })).sha;
    const checks = async () => this.deps.checks.run((await ws.ensureWorktree(paths.branch)).path, this.deps.checkSpecs);
    let event: LifecycleEvent;
    switch (role) {
      case 'planner': {
        const out = output as RoleOutput<'planner'>;
        await ws.writeFiles(paths.branch, { [paths.plan]: ensureNewline(out.plan), [paths.manifest]: `${JSON.stringify(out.manifest, null, 2)}\n` });
        const version = await commit(`epm: plan for #${state.number}`);
        event = { kind: 'plan', version, path: paths.plan, output: out };
        break;
      }
      case 'implementer': {
        const sha = await commit(`epm: implementation for #${state.number}`);
        event = { kind: 'implementation', sha, output: output as never, checks: await checks() };
        break;
      }
      case 'fixer': {
        const sha = await commit(`epm: fix for #${state.number}`);
        event = { kind: 'fix', loop: state.status === 'testing' ? 'test' : 'code', sha, output: output as never, checks: await checks() };
        break;
      }
      case 'analyzer': {
        const out = output as RoleOutput<'analyzer'>;
        // The result is committed as written (a result without its own title gets the submitted one),
        // with the reproducibility card filled by EPM from the provenance record.
        const written = /^#\s/.test(out.result.trimStart()) ? out.result.trimStart() : `# ${out.title}\n\n${out.result}`;
        const markdown = ensureNewline(fillReproducibilityCard(written, await this.cardValues(state)));
        await ws.writeFiles(paths.branch, { [paths.result]: markdown });
        const sha = await commit(`epm: clean result for #${state.number}`);
        const metrics = await this.readMetrics(state, paths);
        const manifest = state.frozen?.manifest ?? state.plan?.manifest;
        const lint = !manifest
          ? { ok: false, problems: [{ rule: 'pre-registration', message: 'no approved plan to check the result against' }] }
          : 'problem' in metrics
            ? { ok: false, problems: [{ rule: 'number-traced', message: metrics.problem }] }
            : lintCleanResult(markdown, {
                manifest,
                deviations: state.deviations,
                metrics: summarizeSeeds(metrics.rows),
                ...(metrics.parameters ? { parameters: metrics.parameters } : {}),
                figures: (state.figures?.files ?? []).flatMap((f) => [f.png, f.svg]),
              });
        // No phantom links: every URL the result cites must answer.
        const dead = (await Promise.all(citedUrls(markdown).map((url) => this.deps.links.check(url)))).filter((c) => !c.ok);
        const problems = [
          ...lint.problems.map((p) => ({ rule: p.rule, message: p.message, ...(p.line ? { line: p.line } : {}) })),
          ...dead.map((c) => ({ rule: 'link-answers', message: `${c.url} does not answer (${c.error ?? c.status ?? 'no answer'}): fix or remove the link` })),
        ];
        event = { kind: 'clean-result', sha, path: paths.result, output: out, lint: { ok: problems.length === 0, problems } };
        break;
      }
      case 'experimenter': {
        const out = output as RoleOutput<'experimenter'>;
        const run = currentRun(state);
        const sha = out.action === 'hot-fix' ? await commit(`epm: hot-fix for run ${run?.k ?? 0} of #${state.number}`) : undefined;
        const measuredLines = sha && run ? countChangedLines(await ws.diff(paths.branch, run.sha)) : undefined;
        event = { kind: 'hot-fix', k: run?.k ?? 0, output: out, ...(sha ? { sha } : {}), ...(measuredLines !== undefined ? { measuredLines } : {}) };
        break;
      }
      case 'tester': {
        await commit(`epm: tests for #${state.number}`);
        event = { kind: 'test-verdict', output: output as never };
        break;
      }
      default:
        // Thinking roles change no files: their output is the event.
        event = { kind: markerKindOf(role), output } as LifecycleEvent;
    }
    return { ...event, ...meta } as RecordedEvent;
  }
}

/** Added plus removed lines in a unified diff. */
export const countChangedLines = (diff: string): number =>
  diff.split('\n').filter((line) => (line.startsWith('+') && !line.startsWith('+++')) || (line.startsWith('-') && !line.startsWith('---'))).length;
const ensureNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** The human-readable half of a marker. */
function prose(event: RecordedEvent): string {
  const move = event.from && event.to && event.from !== event.to ? `**${event.from} → ${event.to}**` : event.to ? `status: ${event.to}` : '';
  const gate = event.gate ? `Gate \`${event.gate.gate}\`: ${event.gate.passed ? 'passed' : `failed — ${event.gate.reasons.join('; ')}`}` : '';
  // What a human needs to read on the issue itself, beyond the status move.
  const detail = event.kind === 'upload-verified' ? renderVerificationTable(event.rows)
    : event.kind === 'clarify' && event.output.questions.length ? event.output.questions.map((q, i) => `${i + 1}. ${q}`).join('\n')
    : event.kind === 'plan-critique' ? event.output.findings.map((f) => `- **${f.severity}** ${f.text}`).join('\n')
    : event.kind === 'follow-ups' ? event.output.proposals.map((p, i) => `${i + 1}. **${p.title}** — ${p.change} (~${p.gpuHours} GPU-h): ${p.rationale}`).join('\n')
    : '';
  return [`EPM ${event.kind}`, move, gate, detail].filter(Boolean).join('\n\n');
}
