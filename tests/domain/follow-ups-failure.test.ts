import { due } from '../../src/domain/transition.js';
import { anEvent, fold, stateAt, T0 } from './builders.js';

describe('a follow-up designer that fails in done', () => {
  it('is not attempted again on every wake; "retry" asks once more', () => {
    const done = stateAt('done');
    expect(due(done, new Date(T0))[0]).toMatchObject({ kind: 'invoke-role', role: 'follow-up-designer' });
    const failed = fold(done, anEvent('role-error', { role: 'follow-up-designer', error: 'the model timed out', key: 'role-error#9' }));
    expect(failed.status).toBe('done');
    expect(failed.followUpsFailed).toBe('the model timed out');
    expect(due(failed, new Date(T0))).toEqual([]);
    const retried = fold(failed, anEvent('retry', { key: 'human:h99', source: 'h99' }));
    expect(retried.followUpsFailed).toBeUndefined();
    expect(due(retried, new Date(T0))[0]).toMatchObject({ kind: 'invoke-role', role: 'follow-up-designer' });
  });
});
