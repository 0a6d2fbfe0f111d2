import { MAX_SWEEP, sweepWindow } from '../../src/entrypoints/action/sweep-list.js';

describe('the sweep window', () => {
  it('takes every open issue up to the matrix limit', () => {
    expect(sweepWindow([3, 5, 8], new Date('2026-01-01T00:00:00Z'))).toEqual([3, 5, 8]);
  });
  it('beyond it, moves on each half hour so that every issue is swept in turn', () => {
    const all = Array.from({ length: 600 }, (_, i) => i + 1);
    const seen = new Set<number>();
    for (let h = 0; h < 3; h++) {
      const window = sweepWindow(all, new Date(Date.UTC(2026, 0, 1, 0, 30 * h)));
      expect(window).toHaveLength(MAX_SWEEP);
      expect(new Set(window).size).toBe(MAX_SWEEP);
      window.forEach((n) => seen.add(n));
    }
    expect(seen.size).toBe(600); // three half hours cover all 600
  });
});
