import {
  REQUIRED_PLAN_SECTIONS,
  gateApprovalCurrent,
  gateBuildsAndLints,
  gateChecklistComplete,
  gateClarified,
  gateCleanResultLint,
  gateCodeReviewPass,
  gateNoBlocker,
  gatePlanComplete,
  gateResultCriticPass,
  gateRunExited,
  gateTestsGreen,
  gateTypeKnown,
  readSections,
  type CheckOutcome,
} from '../../src/domain/gates.js';
import { roleOutputSchemas, type RoleOutput } from '../../src/domain/roles.js';
import { PLAN_SHA, PLAN_SHA_2, aManifest, aPlan, anOutput } from './builders.js';

const check = (name: string, ok: boolean): CheckOutcome => ({ name, command: `npm run ${name}`, ok, output: ok ? '' : 'error' });

describe('readSections', () => {
  it('maps level-2+ headings to their bodies, keys lower-cased', () => {
    const sections = readSections('# Title\nintro\n## Goal\nfind out\n### Sub Part ###\ndetail\n');
    expect([...sections.keys()]).toEqual(['goal', 'sub part']);
    expect(sections.get('goal')?.trim()).toBe('find out');
    expect(sections.get('sub part')).toBe('detail\n\n');
  });

  it('a level-1 heading is not a section; its text belongs to the section above', () => {
    const sections = readSections('## Goal\na\n# Not a section\nb');
    expect([...sections.keys()]).toEqual(['goal']);
    expect(sections.get('goal')).toBe('a\n# Not a section\nb\n');
  });

  it.each([
    ['backtick fences', '```md\n## Hidden\n```'],
    ['tilde fences', '~~~\n## Hidden\n~~~'],
    ['indented fences', '  ```\n## Hidden\n  ```'],
  ])('ignores headings inside %s', (_what, fenced) => {
    const sections = readSections(`## Goal\ntext\n${fenced}\n## Method\nsteps`);
    expect([...sections.keys()]).toEqual(['goal', 'method']);
    expect(sections.get('goal')).toContain('## Hidden');
  });

  it('accepts CRLF line endings', () => {
    const body = readSections('## Goal\r\nfind out\r\n## Method\r\nsteps').get('goal');
    expect(body).toBe('find out\n');
  });

  it('a ``` line inside a ~~~ fence does not close it', () => {
    const sections = readSections('~~~\n```\n~~~\n## Goal\nfind out\n');
    // CommonMark closes a fence only with the same character, so the ~~~ block ends at the second ~~~.
    expect(sections.has('goal')).toBe(true);
    expect(sections.get('goal')?.trim()).toBe('find out');
  });
});

describe('gateTypeKnown', () => {
  it.each([
    ['experiment', true],
    ['claim', true],
    [undefined, false],
    ['', false],
  ])('type %j → passed %s', (type, passed) => {
    const result = gateTypeKnown(type);
    expect(result).toMatchObject({ gate: 'type-known', passed });
    expect(result.reasons).toHaveLength(passed ? 0 : 1);
  });
});

describe('gateClarified', () => {
  it.each([
    [[], false, true, []],
    [[], true, true, []],
    [['Which dataset?'], true, true, []],
    [['Which dataset?', 'Which model?'], false, false, ['2 question(s) await an answer in a comment']],
  ])('questions %j, answered %s → passed %s', (questions, answered, passed, reasons) => {
    expect(gateClarified(questions, answered)).toEqual({ gate: 'clarified', passed, reasons });
  });
});

describe('gatePlanComplete', () => {
  it('a plan with every required section passes', () => {
    expect(gatePlanComplete(aPlan(), aManifest())).toEqual({ gate: 'plan-complete', passed: true, reasons: [] });
  });

  it.each(REQUIRED_PLAN_SECTIONS.map((s) => [s]))('a plan without "## %s" fails naming it', (section) => {
    const result = gatePlanComplete(aPlan({ [section]: null }), aManifest());
    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual([`section "## ${section}" is missing`]);
  });

  it('every missing and empty section is listed', () => {
    const result = gatePlanComplete(aPlan({ Goal: null, Seeds: '', Lane: ' ' }), aManifest());
    expect(result.reasons).toEqual(['section "## Goal" is missing', 'section "## Seeds" is empty', 'section "## Lane" is empty']);
  });

  it('headings match case-insensitively at any level ≥ 2', () => {
    const plan = aPlan({ 'GPU-hour estimate': null }).concat('\n#### gpu-hour ESTIMATE\n4 hours\n');
    expect(gatePlanComplete(plan, aManifest()).passed).toBe(true);
  });

  it('a required heading only inside a code fence counts as missing', () => {
    const plan = aPlan({ Method: null }).concat('\n```\n## Method\nsteps\n```\n');
    expect(gatePlanComplete(plan, aManifest()).reasons).toEqual(['section "## Method" is missing']);
  });

  it.each([
    [{ lane: 'follow-up' as const }, false],
    [{ lane: 'follow-up' as const, parent: 3 }, true],
    [{ lane: 'config' as const }, true],
  ])('manifest %j → passed %s', (manifest, passed) => {
    const result = gatePlanComplete(aPlan(), aManifest(manifest));
    expect(result.passed).toBe(passed);
    if (!passed) expect(result.reasons).toEqual(['a follow-up plan must name its parent experiment (manifest.parent)']);
  });
});

describe('gateNoBlocker', () => {
  type Findings = RoleOutput<'plan-critic'>['findings'];
  it.each<[Findings, string[]]>([
    [[], []],
    [[{ severity: 'CONCERN', text: 'small n' }, { severity: 'NIT', text: 'typo' }], []],
    [[{ severity: 'BLOCKER', text: 'no baseline' }, { severity: 'CONCERN', text: 'small n' }, { severity: 'BLOCKER', text: 'leak' }], ['BLOCKER: no baseline', 'BLOCKER: leak']],
  ])('findings %j → reasons %j', (findings, reasons) => {
    const result = gateNoBlocker(anOutput('plan-critic', { findings }));
    expect(result).toEqual({ gate: 'no-blocker', passed: reasons.length === 0, reasons });
  });
});

describe('gateApprovalCurrent', () => {
  it.each([
    [PLAN_SHA, PLAN_SHA, []],
    [PLAN_SHA_2, PLAN_SHA, ['approval names b2b2b2b2b2b2 but the current version is a1a1a1a1a1a1']],
    [PLAN_SHA, undefined, ['nothing awaits approval']],
  ])('approved %s, current %s → reasons %j', (approved, current, reasons) => {
    expect(gateApprovalCurrent(approved, current)).toEqual({ gate: 'approval-current', passed: reasons.length === 0, reasons });
  });
});

describe('gateBuildsAndLints', () => {
  it.each([
    [[], []],
    [[check('build', true), check('lint', true)], []],
    [[check('build', true), check('lint', false), check('test', false)], ['check "lint" failed: npm run lint', 'check "test" failed: npm run test']],
  ])('checks %# → reasons %j', (checks, reasons) => {
    expect(gateBuildsAndLints(checks)).toEqual({ gate: 'builds-and-lints', passed: reasons.length === 0, reasons });
  });
});

describe('gateCodeReviewPass', () => {
  it.each([
    ['PASS', [], []],
    ['CONCERNS', [{ class: 'style', text: 'long function' }], ['verdict CONCERNS', 'style: long function']],
    ['FAIL', [{ class: 'logic', text: 'wrong axis' }, { class: 'io', text: 'no flush' }], ['verdict FAIL', 'logic: wrong axis', 'io: no flush']],
  ] as const)('%s → reasons %j', (verdict, findings, reasons) => {
    const result = gateCodeReviewPass(anOutput('code-reviewer', { verdict, findings: [...findings] }));
    expect(result).toEqual({ gate: 'code-review-pass', passed: reasons.length === 0, reasons });
  });
});

describe('gateTestsGreen', () => {
  const smoke = (ran: boolean, uploadsVerified: boolean) => ({ ran, uploadsVerified, detail: '' });
  it.each([
    ['green, smoke verified', 'green', [], smoke(true, true), []],
    ['green, uploads not verified', 'green', [], smoke(true, false), ['the smoke run did not verify its uploads']],
    ['green, smoke not run', 'green', [], smoke(false, false), ['the smoke run did not run']],
    ['red with failures', 'red', [{ class: 'nan', text: 'loss NaN' }], smoke(true, true), ['nan: loss NaN']],
    ['red and no smoke', 'red', [{ class: 'nan', text: 'loss NaN' }], smoke(false, true), ['nan: loss NaN', 'the smoke run did not run']],
  ] as const)('%s → reasons %j', (_what, verdict, failures, smokeRun, reasons) => {
    const result = gateTestsGreen(anOutput('tester', { verdict, failures: [...failures], smoke: smokeRun }));
    expect(result).toEqual({ gate: 'tests-green', passed: reasons.length === 0, reasons });
  });

  it('a red verdict without failures (schema-invalid, defensive) still fails', () => {
    const output = { verdict: 'red', failures: [], smoke: smoke(true, true) } as RoleOutput<'tester'>;
    expect(gateTestsGreen(output).reasons).toEqual(['tests are red']);
  });
});

describe('gateRunExited', () => {
  it.each([
    [0, [], []],
    [1, [], ['the run exited with code 1']],
    [137, ['model.pt'], ['the run exited with code 137', 'declared output "model.pt" is missing']],
    [null, [], ['the run ended without an exit code']],
    [0, ['a.json', 'b.png'], ['declared output "a.json" is missing', 'declared output "b.png" is missing']],
  ])('exit %j, missing %j → reasons %j', (exitCode, missing, reasons) => {
    expect(gateRunExited(exitCode, missing)).toEqual({ gate: 'run-exited', passed: reasons.length === 0, reasons });
  });
});

describe('gateChecklistComplete', () => {
  it.each([
    [[{ item: 'manifest', ok: true, detail: '' }], true, []],
    [[{ item: 'manifest', ok: true, detail: '' }], false, ['compute is still allocated']],
    [[{ item: 'W&B run', ok: false, detail: '404' }, { item: 'HF repo', ok: false, detail: '' }], true, ['W&B run: 404', 'HF repo']],
  ])('checklist %j, released %s → reasons %j', (checklist, released, reasons) => {
    const result = gateChecklistComplete(anOutput('post-experimenter', { checklist }), released);
    expect(result).toEqual({ gate: 'checklist-complete', passed: reasons.length === 0, reasons });
  });
});

describe('gateCleanResultLint', () => {
  const manifest = aManifest({ metrics: [{ name: 'val_loss' }, { name: 'accuracy' }], figures: [{ name: 'loss-curve', description: '' }] });
  const good = { title: 'Warmup helps (MODERATE confidence)', confidence: 'MODERATE' as const, result: 'val_loss 2.0, accuracy 0.7; loss-curve' };

  it('a complete result passes', () => {
    expect(gateCleanResultLint(anOutput('analyzer', good), manifest, [])).toEqual({ gate: 'clean-result-lint', passed: true, reasons: [] });
  });

  it.each([
    ['TODO', { result: `${good.result} TODO` }, 'placeholder "TODO" left in the result'],
    ['tbd in any case', { result: `${good.result} (tbd)` }, 'placeholder "tbd" left in the result'],
    ['FIXME', { result: `FIXME ${good.result}` }, 'placeholder "FIXME" left in the result'],
    ['lorem ipsum', { result: `${good.result} Lorem ipsum` }, 'placeholder "Lorem ipsum" left in the result'],
    ['a {{template}} slot', { result: `${good.result} {{p_value}}` }, 'placeholder "{{p_value}}" left in the result'],
    ['<placeholder>', { result: `${good.result} <placeholder>` }, 'placeholder "<placeholder>" left in the result'],
    ['confidence mismatch', { title: 'Warmup helps (HIGH confidence)' }, 'title must end with "(MODERATE confidence)" to match the stated confidence'],
    ['missing metric', { result: 'val_loss 2.0; loss-curve' }, 'pre-registered metric "accuracy" is not reported'],
    ['missing figure', { result: 'val_loss 2.0, accuracy 0.7' }, 'planned figure "loss-curve" is not in the result'],
  ])('%s fails', (_what, overrides, reason) => {
    const result = gateCleanResultLint(anOutput('analyzer', { ...good, ...overrides }), manifest, []);
    expect(result.passed).toBe(false);
    expect(result.reasons).toContain(reason);
  });

  it('a word merely containing a placeholder token is fine', () => {
    expect(gateCleanResultLint(anOutput('analyzer', { ...good, result: `${good.result}; todolist and mastodon` }), manifest, []).passed).toBe(true);
  });

  it.each([
    [[], false],
    [['seeds: 5 instead of 3'], true],
    [['we changed the seed count'], false],
  ])('deviation in seeds, stated %j → passed %s', (deviationsStated, passed) => {
    const result = gateCleanResultLint(anOutput('analyzer', { ...good, deviationsStated }), manifest, [{ field: 'seeds' }]);
    expect(result.passed).toBe(passed);
    if (!passed) expect(result.reasons).toEqual(['deviation from the pre-registration in "seeds" is not stated']);
  });

  it('without a manifest only the text checks apply', () => {
    expect(gateCleanResultLint(anOutput('analyzer', { ...good, result: 'no metrics here' }), undefined, []).passed).toBe(true);
  });
});

describe('gateResultCriticPass', () => {
  it.each([
    ['PASS', [], []],
    ['PASS', [{ text: 'minor: axis label' }], []],
    ['REVISE', [{ text: 'overclaims' }, { text: 'plot and prose disagree' }], ['overclaims', 'plot and prose disagree']],
  ] as const)('%s with %j → reasons %j', (verdict, findings, reasons) => {
    const result = gateResultCriticPass(anOutput('result-critic', { verdict, findings: [...findings] }));
    expect(result).toEqual({ gate: 'result-critic-pass', passed: reasons.length === 0, reasons });
  });

  it('REVISE without findings is refused by the schema, and fails the gate even if it got through', () => {
    expect(roleOutputSchemas['result-critic'].safeParse({ verdict: 'REVISE', findings: [] }).success).toBe(false);
    const result = gateResultCriticPass({ verdict: 'REVISE', findings: [] });
    expect(result).toEqual({ gate: 'result-critic-pass', passed: false, reasons: ['verdict REVISE'] });
  });
});
