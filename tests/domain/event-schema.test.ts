import fc from 'fast-check';
import { EVENT_SCHEMAS, isProgressPayload, parseRecordedEvent } from '../../src/domain/event-schema.js';

const progress = {
  kind: 'progress', key: 'progress#1', at: '2026-01-01T00:00:00Z', k: 1, wake: true, usedGpuHours: 0.5, projectedGpuHours: 1,
  observation: { state: 'running', phase: 'train', findings: ['nan'], heartbeatAgeMs: 10 },
};

describe('event schemas', () => {
  it('the hand-written progress check agrees with the progress schema on mutated payloads', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string()), fc.constantFrom('running', 'lost', 'done', 'progress'));
    const path = fc.constantFrom('kind', 'key', 'at', 'k', 'wake', 'usedGpuHours', 'projectedGpuHours', 'from', 'to', 'observation', 'observation.state', 'observation.phase', 'observation.findings', 'observation.heartbeatAgeMs', 'extra');
    fc.assert(
      fc.property(fc.array(fc.tuple(path, value), { maxLength: 3 }), (edits) => {
        const payload = structuredClone(progress) as Record<string, unknown>;
        for (const [where, v] of edits) {
          const [head, tail] = where.split('.') as [string, string | undefined];
          if (tail && typeof payload[head] === 'object' && payload[head] !== null) (payload[head] as Record<string, unknown>)[tail] = v;
          else if (!tail) payload[head] = v;
        }
        expect(isProgressPayload(payload)).toBe(EVENT_SCHEMAS.progress.safeParse(payload).success);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['unknown kind', 'frobnicate', {}, /unknown marker kind epm:frobnicate/],
    ['missing output', 'clarify', { kind: 'clarify', key: 'clarify#1', at: 't' }, /output/],
    ['wrong lane', 'lane', { kind: 'lane', key: 'human:c1', at: 't', lane: 'fast', actor: 'a', source: 'c1' }, /lane/],
    ['progress with a bad state', 'progress', { ...progress, observation: { ...progress.observation, state: 'dancing' } }, /observation\.state/],
  ])('%s → a problem naming the field', (_what, kind, payload, message) => {
    const result = parseRecordedEvent(kind, payload);
    expect('problem' in result && result.problem).toMatch(message);
  });

  it('a valid progress payload passes through unchanged', () => {
    expect(parseRecordedEvent('progress', progress)).toEqual({ event: progress });
  });
});
