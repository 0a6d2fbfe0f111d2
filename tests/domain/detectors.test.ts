import { isWhackAMole, nextWakeAt, projectCompute } from '../../src/domain/detectors.js';
import { T0, at } from './builders.js';

describe('isWhackAMole', () => {
  it.each<[string, string[][], boolean]>([
    ['no rounds', [], false],
    ['one round', [['a']], false],
    ['two new classes in two rounds', [['a'], ['b']], false],
    ['three new classes in three rounds', [['a'], ['b'], ['c']], true],
    ['a class repeated in the second round', [['a'], ['a'], ['b']], false],
    ['a class repeated in the third round', [['a'], ['b'], ['a']], false],
    ['the first of the last three seen in an earlier round', [['a'], ['a'], ['b'], ['c']], false],
    ['three new classes after unrelated earlier rounds', [['x'], ['y'], ['a'], ['b'], ['c']], true],
    ['a round with no class (smoke-only failure)', [['a'], [], ['c']], false],
    ['each round brings something new, several classes', [['a', 'b'], ['a', 'c'], ['d']], true],
    ['new classes in every round but a class seen earlier reappears with them', [['a'], ['b', 'a'], ['c']], true],
    ['the same class three times', [['a'], ['a'], ['a']], false],
  ])('%s → %s', (_what, rounds, expected) => {
    expect(isWhackAMole(rounds)).toBe(expected);
  });
});

describe('projectCompute', () => {
  it.each<[string, number, number, number | undefined, number, number, boolean]>([
    ['no progress: only hours used count', 4, 3, undefined, 2, 3, false],
    ['half done after 3 h projects 6 h', 4, 3, 0.5, 2, 6, false],
    ['a quarter done after 3 h projects 12 h, over 2× of 4', 4, 3, 0.25, 2, 12, true],
    ['exactly 2× is not over', 4, 4, 0.5, 2, 8, false],
    ['progress 0 counts as no progress', 4, 3, 0, 2, 3, false],
    ['progress above 1 is capped at 1', 4, 3, 1.5, 2, 3, false],
    ['used hours alone can exceed the plan', 4, 9, undefined, 2, 9, true],
    ['a plan of 0 GPU-hours deviates on any use', 0, 0.01, undefined, 2, 0.01, true],
    ['a plan of 0 GPU-hours with no use does not', 0, 0, undefined, 2, 0, false],
    ['a larger factor tolerates more', 4, 3, 0.25, 3, 12, false],
  ])('%s', (_what, planned, used, progress, factor, projected, deviates) => {
    expect(projectCompute(planned, used, progress, factor)).toEqual({ projectedGpuHours: projected, deviates });
  });
});

describe('nextWakeAt', () => {
  const launched = new Date(T0);
  const schedule = [5, 10, 20, 40];

  it.each([
    [0, 5],
    [1, 15],
    [2, 35],
    [3, 75],
    [4, 115],
    [5, 155],
    [10, 355],
  ])('after %i wakes the next comes %i minutes after launch (5, 10, 20, 40, then 40 repeating)', (wakesDone, minutes) => {
    expect(nextWakeAt(launched, wakesDone, schedule).toISOString()).toBe(at(minutes));
  });

  it('the gaps between wakes grow and then stay at the last interval', () => {
    const times = Array.from({ length: 7 }, (_, i) => nextWakeAt(launched, i, schedule).getTime());
    const gaps = times.slice(1).map((t, i) => (t - (times[i] as number)) / 60_000);
    expect(gaps).toEqual([10, 20, 40, 40, 40, 40]);
  });

  it('an empty schedule falls back to 5-minute wakes', () => {
    expect(nextWakeAt(launched, 2, []).toISOString()).toBe(at(15));
  });

  it('does not change the launch date', () => {
    nextWakeAt(launched, 3, schedule);
    expect(launched.toISOString()).toBe(T0);
  });
});
