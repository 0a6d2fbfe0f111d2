/**
 * diffSinceImplementation: when the roles of a review loop get the diff split
 * at the implementation commit (what the first review saw + the changes
 * since), and when they get the whole diff.
 */
import { diffSinceImplementation } from '../../src/engine/diff-since.js';
import type { DiffSince, Workspace } from '../../src/ports/workspace.js';
import { IMPL_SHA, stateAt } from '../domain/builders.js';

const BRANCH = 'epm/7-lr-warmup-sweep';
const FIX_SHA = 'e5'.repeat(20);

/** A workspace whose branch points at `head` and whose split is `split` (only what the helper calls). */
function workspaceAt(head: string, split: DiffSince | undefined): { workspace: Workspace; asked: string[] } {
  const asked: string[] = [];
  const workspace = {
    head: async () => head,
    diffSince: async (_branch: string, sha: string) => (asked.push(sha), split),
  } as unknown as Workspace;
  return { workspace, asked };
}

describe('diffSinceImplementation', () => {
  it('splits at the implementation commit once a fix moved the branch', async () => {
    const { workspace, asked } = workspaceAt(FIX_SHA, { at: 'the implementation', since: '+the fix' });
    expect(await diffSinceImplementation(workspace, BRANCH, stateAt('code-review'))).toEqual({ sha: IMPL_SHA, at: 'the implementation', since: '+the fix' });
    expect(asked).toEqual([IMPL_SHA]);
  });

  it('gives no split while the branch still points at the implementation (round 1)', async () => {
    const { workspace, asked } = workspaceAt(IMPL_SHA, { at: 'x', since: '' });
    expect(await diffSinceImplementation(workspace, BRANCH, stateAt('code-review'))).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('gives no split when the history was rewritten or nothing changed since', async () => {
    expect(await diffSinceImplementation(workspaceAt(FIX_SHA, undefined).workspace, BRANCH, stateAt('code-review'))).toBeUndefined();
    expect(await diffSinceImplementation(workspaceAt(FIX_SHA, { at: 'x', since: '\n' }).workspace, BRANCH, stateAt('code-review'))).toBeUndefined();
  });

  it('gives no split before any implementation', async () => {
    const { workspace, asked } = workspaceAt(FIX_SHA, { at: 'x', since: '+y' });
    expect(await diffSinceImplementation(workspace, BRANCH, stateAt('implementing'))).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
