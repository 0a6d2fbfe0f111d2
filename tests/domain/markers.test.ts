import fc from 'fast-check';
import { EpmError } from '../../src/domain/errors.js';
import {
  collectMarkers,
  dedupeByKindVersion,
  escapeMarkerProse,
  latestByKind,
  nextVersion,
  parseMarkers,
  renderMarker,
  type LocatedMarker,
  type Marker,
} from '../../src/domain/markers.js';
import type { TrackerComment } from '../../src/ports/tracker.js';

const aMarker = (overrides: Partial<Marker> = {}): Marker => ({
  kind: 'plan',
  version: 2,
  payload: { path: 'experiments/7-lr-sweep/plan.md', seeds: [1, 2, 3] },
  prose: 'Plan ready for review.',
  ...overrides,
});

const aComment = (overrides: Partial<TrackerComment> = {}): TrackerComment => ({
  id: 'c1',
  author: 'epm-bot',
  byEpm: true,
  body: '',
  createdAt: '2025-01-01T00:00:00Z',
  ...overrides,
});

const located = (kind: string, version: number, index: number, payload: unknown = {}): LocatedMarker => ({
  kind,
  version,
  payload,
  prose: '',
  commentId: `c${index}`,
  author: 'epm-bot',
  createdAt: '2025-01-01T00:00:00Z',
  index,
});

const expectBadInput = (fn: () => unknown, message: RegExp): void => {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EpmError);
  expect((thrown as EpmError).code).toBe('bad-input');
  expect((thrown as EpmError).message).toMatch(message);
  expect((thrown as EpmError).hint).toBeTruthy();
};

/** True when -0 occurs anywhere in `value` (JSON.stringify would print it as 0). */
const hasNegativeZero = (value: unknown): boolean =>
  Object.is(value, -0) || (typeof value === 'object' && value !== null && Object.values(value).some(hasNegativeZero));

/** Text that tries to break out of a block or forge another marker. */
const HOSTILE = [
  '<!-- /epm:plan -->',
  '-->',
  '<!--',
  '```',
  '```json',
  '~~~',
  '<!-- epm:approval v9 -->',
  '<!-- epm:plan v3 -->\n```json\n{"forged":true}\n```\n<!-- /epm:plan -->',
  '\n',
  '\r\n',
  '\r',
  '&',
  '<>',
  '\u2028',
];
const hostileString = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.string({ unit: 'binary' })), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('renderMarker', () => {
  it('renders the exact documented format', () => {
    expect(renderMarker(aMarker())).toBe(
      [
        '<!-- epm:plan v2 -->',
        'Plan ready for review.',
        '',
        '```json',
        '{',
        '  "path": "experiments/7-lr-sweep/plan.md",',
        '  "seeds": [',
        '    1,',
        '    2,',
        '    3',
        '  ]',
        '}',
        '```',
        '<!-- /epm:plan -->',
      ].join('\n'),
    );
  });

  it('omits the prose paragraph when the prose is empty or blank', () => {
    for (const prose of ['', '  \n\t ']) {
      expect(renderMarker(aMarker({ prose, payload: [] }))).toBe('<!-- epm:plan v2 -->\n```json\n[]\n```\n<!-- /epm:plan -->');
    }
  });

  it('pretty-prints like JSON.stringify(value, null, 2) for ordinary payloads', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!hasNegativeZero(value) && !/[<>&]/.test(JSON.stringify(value)));
        const json = /```json\n([\s\S]*)\n```/.exec(renderMarker(aMarker({ payload: value })))?.[1];
        expect(json).toBe(JSON.stringify(value, null, 2));
      }),
    );
  });

  it('escapes <, > and & in the JSON so the payload cannot spell a tag', () => {
    const out = renderMarker(aMarker({ payload: { s: '<!-- /epm:plan --> & <b>' }, prose: '' }));
    expect(out).toContain('"s": "\\u003c!-- /epm:plan --\\u003e \\u0026 \\u003cb\\u003e"');
    expect(out.match(/<!--/g)).toHaveLength(2);
  });

  it('neutralises comment sequences and fence lines in the prose', () => {
    const out = renderMarker(
      aMarker({ prose: '  <!-- hidden -->\n```json\n  ~~~\n    ```indented code\nok --> done\r\nend  ', payload: 1 }),
    );
    expect(out).toBe(
      [
        '<!-- epm:plan v2 -->',
        '&lt;!-- hidden --&gt;',
        '\\```json',
        '  \\~~~',
        '    ```indented code',
        'ok --&gt; done',
        'end',
        '',
        '```json',
        '1',
        '```',
        '<!-- /epm:plan -->',
      ].join('\n'),
    );
  });

  it.each([
    ['upper-case kind', { kind: 'Plan' }, /kind "Plan" is invalid/],
    ['empty kind', { kind: '' }, /kind "" is invalid/],
    ['kind starting with a digit', { kind: '1plan' }, /kind "1plan" is invalid/],
    ['kind longer than 40', { kind: `a${'b'.repeat(40)}` }, /is invalid/],
    ['kind with a space', { kind: 'plan x' }, /is invalid/],
    ['version 0', { version: 0 }, /invalid version 0/],
    ['negative version', { version: -1 }, /invalid version -1/],
    ['fractional version', { version: 1.5 }, /invalid version 1.5/],
    ['NaN version', { version: Number.NaN }, /invalid version NaN/],
    ['unsafe version', { version: 2 ** 53 }, /invalid version/],
    ['undefined payload', { payload: undefined }, /payload is undefined/],
    ['function payload', { payload: () => 1 }, /payload is a function/],
    ['nested function', { payload: { a: { f: () => 1 } } }, /payload\.a\.f is a function/],
    ['BigInt payload', { payload: { n: 10n } }, /payload\.n is a BigInt/],
    ['symbol value', { payload: [Symbol('s')] }, /payload\[0\] is a symbol/],
    ['undefined in an array', { payload: [1, undefined] }, /payload\[1\] is undefined/],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point of this case
    ['sparse array', { payload: [1, , 3] }, /payload\[1\] is a hole/],
    ['NaN', { payload: { x: Number.NaN } }, /payload\.x is NaN/],
    ['Infinity', { payload: { x: Infinity } }, /payload\.x is Infinity/],
    ['Date', { payload: { at: new Date(0) } }, /payload\.at is a Date, not a plain object/],
    ['Map', { payload: new Map() }, /payload is a Map/],
    ['symbol key', { payload: { [Symbol('k')]: 1 } }, /symbol keys/],
    ['non-string prose', { prose: 42 as unknown as string }, /prose of type number/],
  ])('rejects %s with bad-input', (_name, overrides, message) => {
    expectBadInput(() => renderMarker(aMarker(overrides as Partial<Marker>)), message);
  });

  it('rejects a cyclic payload with bad-input', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expectBadInput(() => renderMarker(aMarker({ payload: cyclic })), /payload\.self refers back to itself/);
  });

  it('accepts a shared (non-cyclic) sub-object and drops undefined properties like JSON does', () => {
    const shared = { x: 1 };
    const [marker] = parseMarkers(renderMarker(aMarker({ payload: { a: shared, b: shared, gone: undefined } }))).markers;
    expect(marker?.payload).toStrictEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('accepts null-prototype objects', () => {
    const payload = Object.assign(Object.create(null) as object, { k: 'v' });
    expect(parseMarkers(renderMarker(aMarker({ payload }))).markers[0]?.payload).toEqual({ k: 'v' });
  });
});

describe('round trip', () => {
  it.each([
    ['object', { a: 1, b: [true, null, 'x'], c: { d: -1.5e-10 } }],
    ['string', '<!-- /epm:plan -->'],
    ['number', 42],
    ['negative zero', -0],
    ['null', null],
    ['false', false],
    ['empty array', []],
    ['empty object', {}],
    ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
    ['lone surrogate', '\ud800x\udfff'],
    ['fence in a string', { code: '\n```\n<!-- epm:approval v9 -->\n```json\n' }],
  ])('keeps a %s payload exactly', (_name, payload) => {
    const marker = aMarker({ payload });
    const { markers, problems } = parseMarkers(renderMarker(marker));
    expect(problems).toEqual([]);
    expect(markers).toHaveLength(1);
    expect(markers[0]).toStrictEqual(marker);
  });

  it('gives back the escaped prose, not the original (the escape is for humans and is not reversed)', () => {
    const prose = 'see <!-- here -->\n```\ncode\n```';
    const [marker] = parseMarkers(renderMarker(aMarker({ prose }))).markers;
    expect(marker?.prose).toBe('see &lt;!-- here --&gt;\n\\```\ncode\n\\```');
    expect(marker?.prose).toBe(escapeMarkerProse(prose));
  });

  it('holds for arbitrary JSON payloads and hostile prose (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ stringUnit: hostileString })),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostileString),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (payload, prose, kind, version) => {
          const { markers, problems } = parseMarkers(renderMarker({ kind, version, payload, prose }));
          expect(problems).toEqual([]);
          expect(markers).toHaveLength(1);
          expect(markers[0]).toStrictEqual({ kind, version, payload, prose: escapeMarkerProse(prose) });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('escaping prose is idempotent on its own output, so a second round trip is stable', () => {
    fc.assert(
      fc.property(hostileString, (prose) => {
        const once = escapeMarkerProse(prose);
        const twice = parseMarkers(renderMarker(aMarker({ prose: once }))).markers[0]?.prose;
        expect(twice).toBe(escapeMarkerProse(once));
        expect(once).not.toMatch(/<!--|-->/);
        expect(once.split('\n').some((line) => /^ {0,3}(```|~~~)/.test(line))).toBe(false);
      }),
    );
  });

  it('parses several markers in one body, in order, ignoring text around them', () => {
    const body = [
      'Intro text <!-- a plain HTML comment -->',
      renderMarker(aMarker({ kind: 'plan', version: 1, payload: { n: 1 } })),
      'between',
      renderMarker(aMarker({ kind: 'plan-critique', version: 1, payload: { findings: [] }, prose: '' })),
      renderMarker(aMarker({ kind: 'plan', version: 2, payload: { n: 2 } })),
      'outro',
    ].join('\n\n');
    const { markers, problems } = parseMarkers(body);
    expect(problems).toEqual([]);
    expect(markers.map((m) => [m.kind, m.version, m.payload])).toEqual([
      ['plan', 1, { n: 1 }],
      ['plan-critique', 1, { findings: [] }],
      ['plan', 2, { n: 2 }],
    ]);
  });

  it('accepts CRLF line endings (bodies edited through the web UI)', () => {
    const body = renderMarker(aMarker()).replace(/\n/g, '\r\n');
    const { markers, problems } = parseMarkers(body);
    expect(problems).toEqual([]);
    expect(markers[0]).toStrictEqual(aMarker());
  });
});

describe('parseMarkers on malformed input', () => {
  const fence = '```json\n{"ok":true}\n```';
  it.each<[string, string, { kind?: string; version?: number; reason: RegExp }[], number]>([
    ['open without close', `<!-- epm:plan v1 -->\n${fence}\n`, [{ kind: 'plan', version: 1, reason: /never closed; expected `<!-- \/epm:plan -->`/ }], 0],
    ['close without open', 'text\n<!-- /epm:plan -->', [{ kind: 'plan', reason: /no matching open tag/ }], 0],
    [
      'mismatched close kind',
      `<!-- epm:plan v1 -->\n${fence}\n<!-- /epm:approval -->`,
      [{ kind: 'plan', version: 1, reason: /closed by `<!-- \/epm:approval -->`; expected `<!-- \/epm:plan -->`/ }],
      0,
    ],
    ['version v0', `<!-- epm:plan v0 -->\n${fence}\n<!-- /epm:plan -->`, [{ kind: 'plan', reason: /invalid version "v0"/ }], 0],
    ['version vx', `<!-- epm:plan vx -->\n${fence}\n<!-- /epm:plan -->`, [{ kind: 'plan', reason: /invalid version "vx"/ }], 0],
    ['version with leading zero', `<!-- epm:plan v01 -->\n${fence}\n<!-- /epm:plan -->`, [{ kind: 'plan', reason: /invalid version "v01"/ }], 0],
    ['invalid kind', `<!-- epm:Plan v1 -->\n${fence}\n<!-- /epm:Plan -->`, [{ kind: 'Plan', reason: /kind "Plan" is invalid/ }], 0],
    ['missing JSON fence', '<!-- epm:plan v1 -->\nprose only\n<!-- /epm:plan -->', [{ kind: 'plan', version: 1, reason: /no ```json fence/ }], 0],
    ['unclosed JSON fence', '<!-- epm:plan v1 -->\n```json\n{}\n<!-- /epm:plan -->', [{ kind: 'plan', version: 1, reason: /never closed by ```/ }], 0],
    ['text after the fence', `<!-- epm:plan v1 -->\n${fence}\nP.S.\n<!-- /epm:plan -->`, [{ kind: 'plan', version: 1, reason: /text after its JSON fence/ }], 0],
    ['invalid JSON', '<!-- epm:plan v1 -->\n```json\n{"a": }\n```\n<!-- /epm:plan -->', [{ kind: 'plan', version: 1, reason: /invalid JSON/ }], 0],
    [
      'nested open',
      `<!-- epm:plan v1 -->\n<!-- epm:approval v1 -->\n${fence}\n<!-- /epm:approval -->\n<!-- /epm:plan -->`,
      [
        { kind: 'plan', version: 1, reason: /not closed before another marker opens/ },
        { kind: 'plan', reason: /no matching open tag/ },
      ],
      1,
    ],
    ['epm: with no kind', 'hello <!-- epm: --> world', [{ reason: /unrecognised marker tag/ }], 0],
    ['epm: cut off at end of body', 'hello <!-- epm:', [{ reason: /not closed by "-->" on the same line/ }], 0],
    ['tag split across lines', '<!-- epm:plan\nv1 -->', [{ reason: /not closed by "-->" on the same line/ }], 0],
    [
      'close tag with a version',
      `<!-- epm:plan v1 -->\n${fence}\n<!-- /epm:plan v1 -->`,
      [{ kind: 'plan', version: 1, reason: /contains a malformed marker tag \(unrecognised marker tag; expected/ }],
      0,
    ],
    ['close tag with a version outside a block', 'x <!-- /epm:plan v1 -->', [{ reason: /unrecognised marker tag/ }], 0],
    [
      'junk inside a block',
      `<!-- epm:plan v1 -->\n<!-- epm:?? -->\n${fence}\n<!-- /epm:plan -->`,
      [{ kind: 'plan', version: 1, reason: /contains a malformed marker tag.*skipped/ }],
      0,
    ],
  ])('%s → problem, no throw', (_name, body, expected, markerCount) => {
    const { markers, problems } = parseMarkers(body);
    expect(markers).toHaveLength(markerCount);
    expect(problems).toHaveLength(expected.length);
    problems.forEach((problem, i) => {
      const want = expected[i]!;
      expect(problem.reason).toMatch(want.reason);
      expect(problem.kind).toBe(want.kind);
      if (want.version !== undefined) expect(problem.version).toBe(want.version);
      expect(problem.excerpt.length).toBeGreaterThan(0);
      expect(problem.excerpt.length).toBeLessThanOrEqual(80);
    });
  });

  it('keeps good markers around a bad one', () => {
    const good1 = renderMarker(aMarker({ version: 1 }));
    const good2 = renderMarker(aMarker({ kind: 'approval', version: 1 }));
    const { markers, problems } = parseMarkers(`${good1}\n<!-- epm:plan vx -->\n${good2}`);
    expect(markers.map((m) => m.kind)).toEqual(['plan', 'approval']);
    // Only the bad version is reported: the next open tag ends the broken block.
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/invalid version "vx"/);
  });

  it('limits excerpts to 80 characters', () => {
    const { problems } = parseMarkers(`<!-- epm:plan v1 -->${'x'.repeat(500)}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.excerpt.length).toBeLessThanOrEqual(80);
    expect(problems[0]!.excerpt.startsWith('<!-- epm:plan v1 -->')).toBe(true);
  });

  it('never throws on arbitrary or hostile bodies', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), hostileString), (body) => {
        const { markers, problems } = parseMarkers(body);
        expect(Array.isArray(markers)).toBe(true);
        for (const problem of problems) expect(problem.excerpt.length).toBeLessThanOrEqual(80);
      }),
    );
  });

  it('returns nothing for a body with no markers', () => {
    expect(parseMarkers('Just a comment. <!-- not ours -->')).toEqual({ markers: [], problems: [] });
  });
});

describe('collectMarkers', () => {
  it('trusts only EPM comments and lists forgeries in human comments as ignored', () => {
    const forged = renderMarker(aMarker({ kind: 'approval', version: 9, payload: { approved: true } }));
    const comments = [
      aComment({ id: 'c1', body: renderMarker(aMarker({ version: 1 })) }),
      aComment({ id: 'c2', author: 'mallory', byEpm: false, body: `LGTM\n${forged}` }),
      aComment({ id: 'c3', body: `${renderMarker(aMarker({ version: 2 }))}\n${renderMarker(aMarker({ kind: 'approval', version: 1 }))}` }),
    ];
    const { markers, problems, ignored } = collectMarkers(comments);
    expect(markers.map((m) => [m.commentId, m.kind, m.version, m.index])).toEqual([
      ['c1', 'plan', 1, 0],
      ['c3', 'plan', 2, 1],
      ['c3', 'approval', 1, 2],
    ]);
    expect(markers[0]).toMatchObject({ author: 'epm-bot', createdAt: '2025-01-01T00:00:00Z' });
    expect(ignored).toEqual([{ commentId: 'c2', author: 'mallory', kind: 'approval', version: 9 }]);
    expect(problems).toEqual([]);
    expect(latestByKind(markers).get('approval')?.version).toBe(1);
  });

  it('requires byEpm to be exactly true', () => {
    const body = renderMarker(aMarker());
    const comment = { ...aComment({ body }), byEpm: 'yes' as unknown as boolean };
    expect(collectMarkers([comment]).markers).toEqual([]);
    expect(collectMarkers([comment]).ignored).toHaveLength(1);
  });

  it('reports problems in EPM comments only, tagged with the comment id', () => {
    const broken = '<!-- epm:plan v3 -->\n```json\n{oops}\n```\n<!-- /epm:plan -->';
    const { problems, markers, ignored } = collectMarkers([
      aComment({ id: 'bot', body: broken }),
      aComment({ id: 'human', byEpm: false, author: 'alice', body: `${broken}\n<!-- epm:` }),
    ]);
    expect(markers).toEqual([]);
    expect(ignored).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ commentId: 'bot', kind: 'plan', version: 3 });
    expect(problems[0]!.reason).toMatch(/invalid JSON/);
  });
});

describe('latestByKind, dedupeByKindVersion, nextVersion', () => {
  it('highest version wins per kind, whatever the order', () => {
    const latest = latestByKind([located('plan', 1, 0), located('plan', 3, 1), located('approval', 1, 2), located('plan', 2, 3)]);
    expect([...latest.keys()]).toEqual(['plan', 'approval']);
    expect(latest.get('plan')?.index).toBe(1);
    expect(latest.get('approval')?.index).toBe(2);
  });

  it('a replayed duplicate of the same kind and version keeps the first', () => {
    const first = located('plan', 2, 0, { which: 'first' });
    const replay = located('plan', 2, 1, { which: 'replay' });
    expect(latestByKind([first, replay]).get('plan')).toBe(first);
    expect(dedupeByKindVersion([first, located('approval', 1, 5), replay, located('plan', 3, 2)]).map((m) => m.index)).toEqual([0, 5, 2]);
  });

  it('returns an empty map and list for no markers', () => {
    expect(latestByKind([]).size).toBe(0);
    expect(dedupeByKindVersion([])).toEqual([]);
  });

  it.each<[string, Marker[], number]>([
    ['none of that kind', [aMarker({ kind: 'approval', version: 4 })], 1],
    ['no markers', [], 1],
    ['one', [aMarker({ version: 1 })], 2],
    ['gaps and disorder', [aMarker({ version: 5 }), aMarker({ version: 2 }), aMarker({ kind: 'approval', version: 9 })], 6],
  ])('nextVersion with %s', (_name, markers, expected) => {
    expect(nextVersion(markers, 'plan')).toBe(expected);
  });

  it('nextVersion rejects an invalid kind', () => {
    expectBadInput(() => nextVersion([], 'Plan'), /kind "Plan" is invalid/);
  });
});
