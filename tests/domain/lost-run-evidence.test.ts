import { due } from '../../src/domain/transition.js';
import { anEvent, fold, stateAt, T0 } from './builders.js';

describe('a run whose evidence is gone before its provenance was written', () => {
  it('blocks in verifying; "retry" relaunches the run instead of repeating the step that cannot succeed', () => {
    const verifying = stateAt('verifying');
    expect(due(verifying, new Date(T0)).map((e) => e.kind)).not.toContain('launch-run');
    const lost = fold(verifying, anEvent('role-error', { role: 'post-experimenter', error: 'run 1 has no environment capture from its launch on this machine', relaunch: true, key: 'role-error#9' }));
    expect(lost.status).toBe('blocked');
    expect(lost.blocked).toEqual({ decision: expect.stringMatching(/no environment capture.*"epm retry" relaunches the run/), from: 'running' });
    const retried = fold(lost, anEvent('retry', { key: 'human:h99', source: 'h99' }));
    expect(retried.status).toBe('running');
    expect(retried.relaunchDue).toBe(true);
    // (The builder's run still holds its compute: released first, then the relaunch.)
    expect(due(retried, new Date(T0)).map((e) => e.kind)).toEqual(['release-compute']);
    const released = fold(retried, anEvent('compute-released', { k: 1, key: 'compute-released#1' }));
    expect(due(released, new Date(T0)).map((e) => e.kind)).toContain('launch-run');

    // Any other role error in verifying goes back to verifying on retry, as before.
    const other = fold(verifying, anEvent('role-error', { role: 'post-experimenter', error: 'the model timed out', key: 'role-error#9' }));
    expect(other.blocked?.from).toBe('verifying');
    expect(fold(other, anEvent('retry', { key: 'human:h99', source: 'h99' })).status).toBe('verifying');
  });
});
