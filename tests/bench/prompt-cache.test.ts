/**
 * The review loop of bench/prompt-cache, run once through the real runtime,
 * SDK and emulator: the lifecycle drives five calls, each role's stable
 * prefix stays byte-identical across rounds and is read whole from the cache,
 * later rounds read the implementation's diff from the cache too, and every
 * turn after the second reads the whole previous prompt. These are
 * the properties the cache share depends on; the share itself is the bench's.
 */
import { runReviewLoop, type CallMeasure, type Tokens } from '../../bench/prompt-cache.js';

const promptTokens = (t: Tokens) => t.input + t.write + t.read;

let calls: CallMeasure[];

beforeAll(async () => {
  calls = await runReviewLoop();
});

describe('the 3-round review loop of bench/prompt-cache', () => {
  it('is driven by the lifecycle: CONCERNS → fix, CONCERNS → fix, PASS', () => {
    expect(calls.map((c) => `${c.role} r${c.round}`)).toEqual(['code-reviewer r1', 'fixer r1', 'code-reviewer r2', 'fixer r2', 'code-reviewer r3']);
    expect(calls.every((c) => c.turns === c.requests.length && c.turns >= 2)).toBe(true);
    expect(calls[0]!.diffLines).toBeGreaterThan(300);
  });

  it("keeps each role's stable prefix identical across rounds and reads it whole on the first turn of later rounds", () => {
    for (const role of ['code-reviewer', 'fixer'] as const) {
      const [first, ...later] = calls.filter((c) => c.role === role);
      expect(first!.requests[0]!.read).toBe(0);
      expect(first!.stablePrefix).toBeGreaterThan(1000);
      expect(later.length).toBeGreaterThan(0);
      for (const call of later) {
        expect(call.prefixBlocks).toEqual(first!.prefixBlocks);
        expect(call.requests[0]!.read).toBeGreaterThanOrEqual(first!.stablePrefix);
      }
    }
  });

  it("reads the implementation's diff from the cache in later rounds, writing less than half of round 1's volatile part", () => {
    for (const role of ['code-reviewer', 'fixer'] as const) {
      const [first, ...later] = calls.filter((c) => c.role === role);
      const firstVolatile = promptTokens(first!.requests[0]!) - first!.stablePrefix;
      expect(first!.diffLines).toBeGreaterThan(0);
      for (const call of later) {
        const turn1 = call.requests[0]!;
        expect(turn1.read).toBeGreaterThan(call.stablePrefix + firstVolatile / 2);
        expect(turn1.write + turn1.input).toBeLessThan(firstVolatile / 2);
      }
    }
  });

  it('reads the whole previous prompt from the cache on every turn after the second', () => {
    for (const call of calls) {
      call.requests.forEach((turn, i) => {
        if (i < 2) return;
        expect(turn.read).toBe(promptTokens(call.requests[i - 1]!));
        expect(turn.input).toBe(0);
      });
    }
  });
});
