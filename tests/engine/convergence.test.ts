/**
 * Level-triggered convergence: a crash at any effect, duplicated wakes, replayed
 * marker writes and repeated human commands all end in the same state as the
 * clean run, with no effect carried out twice.
 */
import fc from 'fast-check';
import { createWorld, fingerprint, type World } from '../support/harness.js';
import { InjectedCrash } from '../support/memory-world.js';

/** Drives issue 1 to the end like a patient human: approve when asked, otherwise wake the engine. */
async function drive(world: World, between?: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await between?.();
      const state = await world.engine.load(1);
      if (state.status === 'awaiting-plan-approval' || state.status === 'awaiting-result-approval') {
        await world.engine.act(1, { kind: 'approve' }, 'lead');
        continue;
      }
      const report = await world.engine.tick(1);
      if (report.steps.length === 0 && (state.status === 'done' || state.status === 'blocked')) return;
    } catch (error) {
      if (!(error instanceof InjectedCrash)) throw error;
    }
  }
  throw new Error('the scenario did not converge in 300 steps');
}

async function cleanRun() {
  const world = createWorld();
  await world.tracker.createIssue({ title: 'Adam vs SGD', body: 'b', labels: [], author: 'lead' });
  await drive(world);
  return { world, print: await fingerprint(world) };
}

/** The lifecycle facts two runs must agree on; refused commands are conversation, not state. */
const lifecycle = (print: Awaited<ReturnType<typeof fingerprint>>) => ({
  ...print,
  timeline: print.timeline.filter((t) => !t.startsWith('rejected')),
  markerKeys: undefined,
  epmComments: undefined,
  problems: undefined,
});

describe('convergence', () => {
  it('reaches done in the clean run with every side effect once', async () => {
    const { world, print } = await cleanRun();
    expect(print.status).toBe('done');
    expect(print.worktrees).toBe(1);
    expect(print.launches).toEqual(['1-1x1']);
    expect(print.tags.map(([name]) => name)).toEqual(['epm/run/1/1']);
    expect(world.faults.calls).toBeGreaterThan(30);
  });

  it('crash sweep: failing at each effect in turn, the next ticks converge to the clean state with no duplicate effect', async () => {
    const clean = await cleanRun();
    const total = clean.world.faults.calls;
    const crashedAt: string[] = [];
    for (let n = 1; n <= total; n++) {
      const world = createWorld();
      await world.tracker.createIssue({ title: 'Adam vs SGD', body: 'b', labels: [], author: 'lead' });
      world.faults.crashAt = n;
      await drive(world);
      crashedAt.push(world.faults.log[n - 1]!);
      const print = await fingerprint(world);
      // Same state, same number of EPM comments (no marker written twice), same single launch, tag and worktree.
      expect({ n, ...print }).toEqual({ n, ...clean.print });
    }
    // The sweep really crashed at every kind of effect.
    const kinds = new Set(crashedAt.map((c) => c.split(':')[0]));
    expect([...kinds].sort()).toEqual(['comment', 'commit', 'labels', 'launch', 'release', 'statement', 'tag', 'worktree', 'write']);
  });

  it('property: duplicated wakes, replayed marker writes, repeated approvals and crashes reach the clean final state', async () => {
    const clean = lifecycle((await cleanRun()).print);
    const op = fc.constantFrom('tick', 'replay-marker', 'repeat-approval', 'crash-soon', 'none');
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), fc.nat(), async (ops, seed) => {
        const world = createWorld();
        await world.tracker.createIssue({ title: 'Adam vs SGD', body: 'b', labels: [], author: 'lead' });
        let next = 0;
        let pick = seed;
        const between = async () => {
          const o = ops[next++]; // each perturbation once, then the scenario runs on undisturbed
          pick = (pick * 1103515245 + 12345) % 2147483648;
          const issue = world.tracker.issues.get(1)!;
          if (o === 'tick') await world.engine.tick(1);
          if (o === 'replay-marker') {
            const markers = issue.comments.filter((c) => c.byEpm);
            const chosen = markers[pick % Math.max(markers.length, 1)];
            if (chosen) await world.tracker.addComment(1, chosen.body, { as: { kind: 'epm' } });
          }
          if (o === 'repeat-approval') {
            const approved = (await world.engine.load(1)).approvals.at(-1);
            if (approved) world.tracker.humanSays(1, 'lead', `/epm approve ${approved.version}`);
          }
          if (o === 'crash-soon') world.faults.crashAt = world.faults.calls + 1 + (pick % 4);
        };
        await drive(world, between);
        world.faults.crashAt = undefined;
        await drive(world);
        expect(lifecycle(await fingerprint(world))).toEqual(clean);
      }),
      { numRuns: 60 },
    );
  });
});
