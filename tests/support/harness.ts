/** Builds an engine over the in-memory world, and drives scenarios. */
import { Engine, type EngineDeps } from '../../src/engine/engine.js';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../../src/domain/state.js';
import { Faults, ListAuthorizer, MemoryCompute, MemoryLinks, MemoryProvenanceStore, MemoryTracker, MemoryWorkspace, ScriptedChecks } from './memory-world.js';
import { METRIC_ROWS, ScriptedRoles } from './scripted-roles.js';
import type { FigureRenderer } from '../../src/ports/figure-renderer.js';

/** Renders a figure as a tiny SVG naming its data, and a PNG-signature byte string. */
export const FAKE_FIGURES: FigureRenderer = {
  render: async (spec) => ({ svg: `<svg><!-- ${JSON.stringify((spec as { data?: unknown }).data ?? null).length} --></svg>`, png: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) }),
};

/** One engine and everything it works through. */
export interface World {
  engine: Engine;
  tracker: MemoryTracker;
  workspace: MemoryWorkspace;
  compute: MemoryCompute;
  roles: ScriptedRoles;
  checks: ScriptedChecks;
  faults: Faults;
  provenance: MemoryProvenanceStore;
  links: MemoryLinks;
  clock: { now: Date };
}

/** A fresh world; `settings` override the defaults. */
export function createWorld(settings: Partial<LifecycleSettings> = {}, refused: string[] = [], extra: Partial<EngineDeps> = {}): World {
  const faults = new Faults();
  const tracker = new MemoryTracker(faults);
  const workspace = new MemoryWorkspace(faults);
  const compute = new MemoryCompute(faults);
  const roles = new ScriptedRoles();
  const checks = new ScriptedChecks();
  const provenance = new MemoryProvenanceStore(workspace, faults);
  const links = new MemoryLinks();
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  compute.now = () => clock.now;
  // A run writes its declared outputs into the worktree, as a real one would.
  compute.onLaunch = (spec) => {
    const branch = spec.cwd.replace('/mem/', '');
    workspace.trees.get(branch)?.files.set('results/metrics.json', `${JSON.stringify({ rows: METRIC_ROWS })}\n`);
  };
  const engine = new Engine({
    tracker, workspace, compute, roles, checks, provenance, links, epmVersion: '0.1.0-test', figures: FAKE_FIGURES,
    authorizer: new ListAuthorizer(new Set(refused)),
    checkSpecs: [{ name: 'build', command: 'npm run build' }],
    settings: { ...DEFAULT_SETTINGS, ...settings },
    experimentsDir: 'experiments',
    clock: () => clock.now,
    ...extra,
  });
  return { engine, tracker, workspace, compute, roles, checks, faults, provenance, links, clock };
}

/** A summary of everything observable, for comparing two runs of a scenario. */
export async function fingerprint(world: World, issue = 1) {
  const state = await world.engine.load(issue);
  const raw = await world.tracker.getIssue(issue);
  const markerKeys = state.timeline.length;
  return {
    status: state.status,
    labels: [...raw.labels].sort(),
    plan: state.plan?.version ?? null,
    frozen: state.frozen?.version ?? null,
    approvals: state.approvals.map((a) => `${a.stage}@${a.version}`),
    runs: state.runs.map((r) => `${r.k}:${r.tag}:${r.released}:${r.ended?.exitCode ?? 'live'}`),
    result: state.result?.sha ?? null,
    followUps: state.followUps?.proposals.length ?? 0,
    timeline: state.timeline.map((t) => `${t.kind}:${t.from}->${t.to}`),
    markerKeys,
    epmComments: raw.comments.filter((c) => c.byEpm).length,
    tags: [...world.workspace.tags.entries()].sort(),
    worktrees: world.workspace.worktreesCreated,
    launches: [...world.compute.runs.values()].map((r) => `${r.spec.runId}x${r.starts}`),
    problems: state.problems,
  };
}
