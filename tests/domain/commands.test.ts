import fc from 'fast-check';
import { parseCommand, renderCommand, type HumanAction } from '../../src/domain/commands.js';
import { LANES } from '../../src/domain/lifecycle.js';

describe('parseCommand: every verb', () => {
  it.each<[string, HumanAction]>([
    ['/epm approve', { kind: 'approve' }],
    ['/epm approve a1b2c3d', { kind: 'approve', version: 'a1b2c3d' }],
    [`/epm approve ${'a1'.repeat(20)}`, { kind: 'approve', version: 'a1'.repeat(20) }],
    [`/epm approve ${'f'.repeat(64)}`, { kind: 'approve', version: 'f'.repeat(64) }],
    ['/epm revise use 5 seeds', { kind: 'revise', message: 'use 5 seeds' }],
    ['/epm revise use 5 seeds\nand report the variance', { kind: 'revise', message: 'use 5 seeds\nand report the variance' }],
    ['/epm abort', { kind: 'abort', reason: '' }],
    ['/epm abort superseded by #9', { kind: 'abort', reason: 'superseded by #9' }],
    ['/epm retry', { kind: 'retry' }],
    ['/epm retry please', { kind: 'retry' }],
    ['/epm unblock', { kind: 'unblock', note: '' }],
    ['/epm unblock accept the axis choice', { kind: 'unblock', note: 'accept the axis choice' }],
    ['/epm lane full', { kind: 'lane', lane: 'full' }],
    ['/epm lane config', { kind: 'lane', lane: 'config' }],
    ['/epm lane follow-up', { kind: 'lane', lane: 'follow-up' }],
    ['  /epm approve  \n', { kind: 'approve' }],
    ['/epm\trevise\tfewer seeds', { kind: 'revise', message: 'fewer seeds' }],
  ])('%j', (body, action) => {
    expect(parseCommand(body)).toEqual({ ok: true, action });
  });
});

describe('parseCommand: errors', () => {
  it.each<[string, string, RegExp]>([
    ['an unknown verb', '/epm merge', /^unknown command "\/epm merge"; expected approve, revise, abort, retry, unblock, lane, plan or status$/],
    ['revise without text', '/epm revise', /"\/epm revise" needs the feedback text, e\.g\. "\/epm revise use 5 seeds"/],
    ['revise with only spaces', '/epm revise    ', /"\/epm revise" needs the feedback text/],
    ['a bad lane', '/epm lane fast', /"\/epm lane" takes full, config or follow-up, got "fast"/],
    ['a missing lane', '/epm lane', /"\/epm lane" takes full, config or follow-up, got ""/],
    ['a SHA that is not hex', '/epm approve main', /"\/epm approve" takes an optional commit SHA, got "main"/],
    ['a SHA too short', '/epm approve a1b2c3', /takes an optional commit SHA, got "a1b2c3"/],
    ['a SHA too long', `/epm approve ${'a'.repeat(65)}`, /takes an optional commit SHA/],
    ['an upper-case SHA', '/epm approve A1B2C3D', /takes an optional commit SHA, got "A1B2C3D"/],
    ['two words after approve', '/epm approve a1b2c3d now', /takes an optional commit SHA/],
    ['no verb', '/epm', /^expected "\/epm <approve\|revise\|abort\|retry\|unblock\|lane> …"$/],
    ['an upper-case verb', '/epm APPROVE', /^expected "\/epm </],
    ['a verb glued with a dash', '/epm-approve', /^expected "\/epm </],
  ])('%s: %j', (_what, body, error) => {
    const parsed = parseCommand(body);
    expect(parsed?.ok).toBe(false);
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('a very long bad argument is cut in the error', () => {
    const parsed = parseCommand(`/epm lane ${'x'.repeat(200)}`);
    expect(parsed).toEqual({ ok: false, error: `"/epm lane" takes full, config or follow-up, got "${'x'.repeat(40)}"` });
  });
});

describe('parseCommand: plain comments are not commands', () => {
  it.each([
    ['conversation', 'Use the C4 dataset, please.'],
    ['an empty comment', ''],
    ['a command later in the text', 'I think we should /epm approve'],
    ['a quoted command', '> /epm approve'],
    ['a longer word starting with /epm', '/epmx approve'],
    ['a different bot', '/bot approve'],
  ])('%s → undefined', (_what, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });
});

describe('renderCommand round-trips through parseCommand', () => {
  it.each<HumanAction>([
    { kind: 'approve' },
    { kind: 'approve', version: 'a1'.repeat(20) },
    { kind: 'revise', message: 'use 5 seeds' },
    { kind: 'abort', reason: '' },
    { kind: 'abort', reason: 'superseded by #9' },
    { kind: 'retry' },
    { kind: 'unblock', note: '' },
    { kind: 'unblock', note: 'go ahead' },
    ...LANES.map((lane): HumanAction => ({ kind: 'lane', lane })),
  ])('%j', (action) => {
    expect(parseCommand(renderCommand(action))).toEqual({ ok: true, action });
  });

  it('any trimmed, non-empty revise message and approve SHA round-trips', () => {
    const text = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && s !== '');
    const sha = fc.stringMatching(/^[0-9a-f]{7,64}$/);
    fc.assert(
      fc.property(text, sha, (message, version) => {
        for (const action of [{ kind: 'revise', message }, { kind: 'abort', reason: message }, { kind: 'unblock', note: message }, { kind: 'approve', version }] as HumanAction[]) {
          expect(parseCommand(renderCommand(action))).toEqual({ ok: true, action });
        }
      }),
    );
  });
});
