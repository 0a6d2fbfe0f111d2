import { readFileSync } from 'node:fs';
import { lintCleanResult } from '../../src/domain/clean-result/lint.js';
it('probe', () => {
  const md = readFileSync('tests/fixtures/clean-result/handwritten.md', 'utf8');
  const ctx = JSON.parse(readFileSync('tests/fixtures/clean-result/handwritten-context.json', 'utf8'));
  console.log(JSON.stringify(lintCleanResult(md, ctx), null, 1));
});
