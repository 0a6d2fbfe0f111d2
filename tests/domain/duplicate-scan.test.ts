import { addedLinesOf, findDuplicates, renderDuplicateScan } from '../../src/domain/duplicate-scan.js';

const LIB = [
  'function makeMoons(n, noise, seed) {',
  '  const rand = mulberry32(seed);',
  '  const x = [];',
  '  const y = [];',
  '  for (let i = 0; i < n; i++) {',
  '    const t = Math.PI * rand();',
  '    x.push([Math.cos(t), Math.sin(t)]);',
  '    y.push(i % 2);',
  '  }',
  '  return { x, y };',
  '}',
].join('\n');

const diffAdding = (path: string, lines: string[], start = 1) =>
  [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +${start},${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');

describe('duplicate-code scan', () => {
  it('finds an added block that repeats existing code, with both places', () => {
    const copied = ['// my own copy', ...LIB.split('\n').map((l) => `  ${l}`)];
    const diff = diffAdding('experiments/1-x/train.js', copied);
    const files = new Map([['lib/data.js', LIB], ['experiments/1-x/train.js', copied.join('\n')]]);
    const findings = findDuplicates(addedLinesOf(diff), files);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.added).toMatch(/^experiments\/1-x\/train\.js:2-/);
    expect(findings[0]!.existing).toMatch(/^lib\/data\.js:1-/);
    expect(renderDuplicateScan(findings)).toMatch(/repeats lib\/data\.js:1-\d+/);
  });

  it('does not flag new code that only reuses a function by calling it', () => {
    const fresh = ["const { makeMoons } = require('../../lib/data.js');", 'const data = makeMoons(200, 0.1, 1);', 'console.log(data.x.length);'];
    const findings = findDuplicates(addedLinesOf(diffAdding('experiments/1-x/train.js', fresh)), new Map([['lib/data.js', LIB], ['experiments/1-x/train.js', fresh.join('\n')]]));
    expect(findings).toEqual([]);
    expect(renderDuplicateScan(findings)).toMatch(/no block of 6 or more added lines repeats existing code/);
  });

  it('does not count the added block against itself', () => {
    const findings = findDuplicates(addedLinesOf(diffAdding('lib/data.js', LIB.split('\n'))), new Map([['lib/data.js', LIB]]));
    expect(findings).toEqual([]);
  });

  it('reads hunk line numbers of a modified file', () => {
    const diff = ['--- a/a.js', '+++ b/a.js', '@@ -10,2 +10,3 @@', ' keep', '+added', ' keep'].join('\n');
    expect([...addedLinesOf(diff)[0]!.lines.entries()]).toEqual([[11, 'added']]);
  });
});
