import { renderPullBody } from '../../src/domain/pull-body.js';
import { anEvent, fold, stateAt } from './builders.js';

const PATHS = { plan: 'experiments/7-lr/plan.md', result: 'experiments/7-lr/clean-result.md' };

describe('the experiment PR body', () => {
  it('names the provenance statement, its release, and who signed it — or that it is unsigned', () => {
    const verifying = stateAt('verifying');
    const k = verifying.runs.at(-1)!.k;
    const tag = verifying.runs.at(-1)!.tag;
    const unsigned = fold(verifying, anEvent('provenance', { k }));
    expect(renderPullBody(unsigned, PATHS)).toContain(`- Provenance (run ${k}): sha256 \`${unsigned.provenance!.sha256}\`, unsigned — in the release \`${tag}\``);
    const signature = { bundle: '/runs/7-1/provenance.json.sigstore.json', sha256: 'e'.repeat(64), identity: 'https://github.com/lab/study/.github/workflows/epm-issues.yml@refs/heads/main', issuer: 'https://token.actions.githubusercontent.com', transparency: '1 signed timestamp(s)' };
    const signed = fold(verifying, anEvent('provenance', { k, signature }));
    expect(renderPullBody(signed, PATHS)).toContain(`, signed by \`${signature.identity}\` (1 signed timestamp(s)) — in the release \`${tag}\``);
  });
});
