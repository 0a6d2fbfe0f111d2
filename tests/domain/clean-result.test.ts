/**
 * The clean result: the template renders every section and passes its own
 * lint; each bad result trips exactly the rule that names its fault; numbers
 * are traced within rounding and derived formulas are evaluated.
 */
import { readFileSync } from 'node:fs';
import { isEpmError } from '../../src/domain/errors.js';
import type { PlannedManifest } from '../../src/domain/planned-manifest.js';
import {
  CLEAN_RESULT_RULES,
  lintCleanResult,
  parseCleanResult,
  type CleanResultLintContext,
} from '../../src/domain/clean-result/lint.js';
import {
  evaluateFormula,
  extractNumbers,
  flattenMetrics,
  matchesWithinRounding,
  roundScaled,
  traceNumber,
  type MetricTree,
} from '../../src/domain/clean-result/numbers.js';
import {
  CLEAN_RESULT_SECTIONS,
  renderCleanResult,
  type CleanResultInput,
} from '../../src/domain/clean-result/template.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/clean-result/${name}`, import.meta.url), 'utf8');

interface ContextFile {
  manifest: PlannedManifest;
  metrics: MetricTree;
  parameters?: MetricTree;
  figures: string[];
  deviations?: CleanResultLintContext['deviations'];
}

/** The adam-vs-sgd experiment: structured parts and the context they are linted against. */
const INPUT = JSON.parse(fixture('input.json')) as CleanResultInput;
const CONTEXT_FILE = JSON.parse(fixture('context.json')) as ContextFile;

function aContext(overrides: Partial<CleanResultLintContext> = {}): CleanResultLintContext {
  return { deviations: [], ...structuredClone(CONTEXT_FILE), ...overrides };
}

function anInput(overrides: Partial<CleanResultInput> = {}): CleanResultInput {
  return { ...structuredClone(INPUT), ...overrides };
}

const GOOD = renderCleanResult(INPUT);

/** Replaces exactly one occurrence, so a fixture edit that stops matching fails loudly. */
function edit(markdown: string, from: string, to: string): string {
  const at = markdown.indexOf(from);
  if (at === -1 || markdown.indexOf(from, at + 1) !== -1) throw new Error(`fixture edit: "${from}" must occur exactly once`);
  return markdown.slice(0, at) + to + markdown.slice(at + from.length);
}

const rulesOf = (markdown: string, context: CleanResultLintContext = aContext()): string[] =>
  [...new Set(lintCleanResult(markdown, context).problems.map((p) => p.rule))].sort();

describe('renderCleanResult', () => {
  it('renders every template section as a heading, in order', () => {
    const headings = GOOD.split('\n').filter((l) => /^#{2,3} /.test(l));
    const expected = CLEAN_RESULT_SECTIONS.map((s) => `${'#'.repeat(s.path.length + 1)} ${s.path[s.path.length - 1]}`);
    expect(headings).toEqual(expected);
    expect(GOOD.startsWith('# Adam reaches higher accuracy than SGD on the synthetic two-class task (MODERATE confidence)\n')).toBe(true);
  });

  it('passes its own lint', () => {
    expect(lintCleanResult(GOOD, aContext())).toEqual({ ok: true, problems: [] });
  });

  it('is deterministic', () => {
    expect(renderCleanResult(anInput())).toBe(GOOD);
  });

  it('pins the hero figure with a comment in local mode and in the URL with a base', () => {
    const sha = INPUT.heroFigure.sha;
    expect(GOOD).toContain(`](experiments/12-optimizers/figures/accuracy-by-optimizer.png) <!-- pinned: ${sha} -->`);
    const hosted = renderCleanResult(anInput({ figureBaseUrl: 'https://github.com/acme/lab/raw/' }));
    expect(hosted).toContain(`](https://github.com/acme/lab/raw/${sha}/experiments/12-optimizers/figures/accuracy-by-optimizer.png)`);
    expect(hosted).not.toContain('<!-- pinned');
    expect(lintCleanResult(hosted, aContext()).ok).toBe(true);
  });

  it('writes the reproducibility card, the deviations and the full table', () => {
    const md = renderCleanResult(
      anInput({ deviations: [{ field: 'seeds', from: '[1,2,3]', to: '[1,2]', reason: 'Seed 3 crashed twice on the pod.' }] }),
    );
    expect(md).toContain('- **Commit:** `0123456789abcdef0123456789abcdef01234567`');
    expect(md).toContain('- **Manifest digest:** `sha256:2222');
    expect(md).toContain('- **seeds**: planned `[1,2,3]`, ran `[1,2]`. Seed 3 crashed twice on the pod.');
    expect(md).toContain('| adam | 0.930 ± 0.008 | 0.212 |');
    const deviations = [{ field: 'seeds', from: '[1,2,3]', to: '[1,2]' }];
    expect(lintCleanResult(md, aContext({ deviations })).ok).toBe(true);
  });

  it('fences sample outputs and escapes table pipes whatever they contain', () => {
    const md = renderCleanResult(
      anInput({
        sampleOutputs: [
          { condition: 'adam', output: 'uses ```code``` inside' },
          { condition: 'sgd', output: 'plain' },
        ],
        resultsTable: { columns: ['condition', 'accuracy'], rows: [['adam | best', 0.93], ['sgd', 0.87]] },
      }),
    );
    expect(md).toContain('````text\nuses ```code``` inside\n````');
    expect(md).toContain('| adam \\| best | 0.93 |');
  });

  it.each([
    [{ takeaways: ['only one'] }, 'takeaways'],
    [{ takeaways: ['1', '2', '3', '4', '5', '6'] }, 'takeaways'],
    [{ confidence: 'SURE' as never }, 'confidence'],
    [{ heroFigure: { ...INPUT.heroFigure, sha: 'abc123' } }, 'heroFigure.sha'],
    [{ claim: '   ' }, 'claim'],
    [{ resultsTable: { columns: ['a', 'b'], rows: [['only one cell']] } }, 'resultsTable'],
  ] as [Partial<CleanResultInput>, string][])('refuses invalid parts with a bad-input error naming %j', (override, where) => {
    let thrown: unknown;
    try {
      renderCleanResult(anInput(override));
    } catch (error) {
      thrown = error;
    }
    expect(isEpmError(thrown) && thrown.code).toBe('bad-input');
    expect((thrown as Error).message).toContain(`"${where}`);
    expect((thrown as { hint?: string }).hint).toMatch(/fill every part/);
  });
});

describe('lintCleanResult: each bad result trips exactly its rule', () => {
  const cases: { name: string; markdown?: string; context?: Partial<CleanResultLintContext>; rule: string; message: RegExp }[] = [
    {
      name: 'a wrong number in the TL;DR',
      markdown: edit(GOOD, '0.93 against 0.87', '0.95 against 0.87'),
      rule: 'number-traced',
      message: /0\.95 matches no metric of the run within rounding.*derived:/,
    },
    {
      name: 'a missing confidence in the title',
      markdown: edit(GOOD, ' (MODERATE confidence)\n', '\n'),
      rule: 'title-confidence',
      message: /must end with "\(HIGH\|MODERATE\|LOW confidence\)"/,
    },
    {
      name: 'a missing confidence line',
      markdown: edit(GOOD, '**Confidence: MODERATE** — ', 'Overall: '),
      rule: 'confidence-line',
      message: /no confidence line: add "\*\*Confidence: HIGH\|MODERATE\|LOW\*\* — why"/,
    },
    {
      name: 'a malformed confidence line',
      markdown: edit(GOOD, '**Confidence: MODERATE** — ', '**Confidence: medium** — '),
      rule: 'confidence-line',
      message: /level in capitals/,
    },
    {
      name: 'a confidence line that disagrees with the title',
      markdown: edit(GOOD, '**Confidence: MODERATE**', '**Confidence: HIGH**'),
      rule: 'confidence-match',
      message: /says HIGH but the title says MODERATE/,
    },
    {
      name: 'a placeholder',
      markdown: edit(GOOD, '- Default step sizes were not tuned per method.', '- TBD'),
      rule: 'no-placeholder',
      message: /placeholder "TBD"/,
    },
    {
      name: 'a template variable',
      markdown: edit(GOOD, 'One small synthetic task;', '{{caveat}};'),
      rule: 'no-placeholder',
      message: /\{\{caveat\}\}/,
    },
    {
      name: 'an "[insert" placeholder',
      markdown: edit(GOOD, 'Those step sizes are the usual defaults', '[insert why] Those step sizes are the usual defaults'),
      rule: 'no-placeholder',
      message: /\[insert/,
    },
    {
      name: 'a claim contradicting the table',
      markdown: edit(GOOD, 'adam beats sgd on accuracy', 'sgd beats adam on accuracy'),
      rule: 'claim-vs-table',
      message: /"sgd beats adam" on accuracy \(goal: max\), but the table gives sgd 0\.87 and adam 0\.93/,
    },
    {
      name: 'a value claim contradicting the table',
      markdown: edit(GOOD, 'adam also ends with lower loss (0.212 against 0.341).', 'sgd has lower loss than adam (0.341 against 0.212).'),
      rule: 'claim-vs-table',
      message: /"sgd has lower loss than adam" on loss, but the table gives sgd 0\.341 and adam 0\.212/,
    },
    {
      name: 'a missing pre-registered metric',
      context: {
        manifest: { ...CONTEXT_FILE.manifest, metrics: [...CONTEXT_FILE.manifest.metrics, { name: 'calibration_error', goal: 'min' }] },
      },
      rule: 'metric-reported',
      message: /pre-registered metric "calibration_error" is not reported: add it by that name to the full results table/,
    },
    {
      name: 'an unstated deviation',
      context: { deviations: [{ field: 'seeds', from: '[1,2,3]', to: '[1,2]' }] },
      rule: 'deviations-stated',
      message: /deviation .* in "seeds" \(planned \[1,2,3\], ran \[1,2\]\) is not stated/,
    },
    {
      name: 'a missing figure file',
      context: { figures: ['experiments/12-optimizers/figures/accuracy-by-optimizer.svg'] },
      rule: 'figure-exists',
      message: /figure "experiments\/12-optimizers\/figures\/accuracy-by-optimizer.png" does not exist among the committed figures/,
    },
    {
      name: 'undefined jargon',
      markdown: edit(GOOD, 'this experiment answers it for one small task.', 'this experiment answers it for one small task. We also ran an ablation.'),
      rule: 'jargon-defined',
      message: /"ablation" is used without a definition/,
    },
    {
      name: 'a planned figure that is not shown',
      context: {
        manifest: { ...CONTEXT_FILE.manifest, figures: [...CONTEXT_FILE.manifest.figures, { name: 'loss-curve', description: 'loss per step' }] },
      },
      rule: 'figure-planned',
      message: /planned figure "loss-curve" \(loss per step\) is not shown/,
    },
    {
      name: 'an unpinned figure',
      markdown: edit(GOOD, ' <!-- pinned: 0123456789abcdef0123456789abcdef01234567 -->', ''),
      rule: 'figure-pinned',
      message: /is not pinned to a commit/,
    },
    {
      name: 'no hero figure in the TL;DR',
      markdown: (() => {
        const hero = /^!\[.*$/m.exec(GOOD)?.[0] ?? '';
        return edit(GOOD.replace(hero, ''), '### Sample outputs', `${hero}\n\n### Sample outputs`);
      })(),
      rule: 'hero-figure',
      message: /no hero figure/,
    },
    {
      name: 'a missing required section',
      markdown: edit(GOOD, '### Caveats\n\n- One small synthetic task; real data may behave differently.\n- Default step sizes were not tuned per method.\n\n', ''),
      rule: 'sections',
      message: /section "## Detailed report › ### Caveats" is missing/,
    },
    {
      name: 'an empty required section',
      markdown: edit(GOOD, '- Repeat on a harder, real data set to see whether the gap survives (proposed as a follow-up issue).\n', ''),
      rule: 'sections',
      message: /section "## TL;DR › ### Next steps" is empty/,
    },
    {
      name: 'a single takeaway',
      markdown: GOOD.replace(/^- The gap is .*\n/m, '').replace(/^- adam also ends .*\n/m, ''),
      rule: 'takeaways',
      message: /list 1 takeaway: write 2 to 5/,
    },
    {
      name: 'a reproducibility card without the manifest digest',
      markdown: GOOD.replace(/^- \*\*Manifest digest:\*\*.*\n/m, ''),
      rule: 'reproducibility-card',
      message: /lacks "Manifest digest"/,
    },
    {
      name: 'a derived number whose formula disagrees',
      markdown: edit(GOOD, '+6.0 pts (derived', '+5.0 pts (derived'),
      rule: 'number-traced',
      message: /\+5\.0 pts is marked derived from "adam.accuracy − sgd.accuracy", which gives 0\.06/,
    },
    {
      name: 'a derived number naming an unknown metric',
      markdown: edit(GOOD, '(derived: adam.accuracy − sgd.accuracy)', '(derived: adam.acc − sgd.accuracy)'),
      rule: 'number-traced',
      message: /names "adam.acc", which is not a metric of the run \(did you mean "adam.accuracy"/,
    },
  ];

  it.each(cases)('$name → $rule', ({ markdown = GOOD, context, rule, message }) => {
    const result = lintCleanResult(markdown, aContext(context));
    expect(result.ok).toBe(false);
    expect([...new Set(result.problems.map((p) => p.rule))]).toEqual([rule]);
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('reports the line of a wrong number and of undefined jargon', () => {
    const md = edit(GOOD, '0.93 against 0.87', '0.95 against 0.87');
    const line = md.split('\n').findIndex((l) => l.includes('0.95 against')) + 1;
    expect(lintCleanResult(md, aContext()).problems).toEqual([expect.objectContaining({ rule: 'number-traced', line })]);
  });

  it('every built-in rule has a unique name and a description', () => {
    const names = CLEAN_RESULT_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CLEAN_RESULT_RULES.every((r) => r.description.length > 10)).toBe(true);
  });

  it('runs only the rules it is given (the rule set is a table)', () => {
    const md = edit(GOOD, '**Confidence: MODERATE**', '**Confidence: HIGH**');
    const onlyPlaceholders = CLEAN_RESULT_RULES.filter((r) => r.name === 'no-placeholder');
    expect(lintCleanResult(md, aContext(), onlyPlaceholders).ok).toBe(true);
    const custom = [{ name: 'no-exclamation', description: 'Calm prose only.', check: () => [{ message: 'calm down' }] }];
    expect(lintCleanResult(GOOD, aContext(), custom).problems).toEqual([{ rule: 'no-exclamation', message: 'calm down' }]);
  });
});

describe('lintCleanResult: the other accepted forms', () => {
  const handwritten = fixture('handwritten.md');
  const context = JSON.parse(fixture('handwritten-context.json')) as CleanResultLintContext;

  it('accepts absolute pinned URLs, footnote-derived numbers, percentages, a transposed table and stated deviations', () => {
    expect(lintCleanResult(handwritten, context)).toEqual({ ok: true, problems: [] });
  });

  it('still requires the deviation section when a deviation exists', () => {
    const md = handwritten.replace(/### Deviations from the plan\n\n- \*\*seeds\*\*.*\n\n/, '');
    expect(rulesOf(md, context)).toEqual(['deviations-stated']);
  });

  it('reads a claim against a transposed table (conditions as columns)', () => {
    const md = handwritten.replace('warmup beats no-warmup on val_loss', 'no-warmup beats warmup on val_loss');
    const problems = lintCleanResult(md, context).problems;
    expect(problems.map((p) => p.rule)).toEqual(['claim-vs-table']);
    expect(problems[0]?.message).toMatch(/goal: min.*no-warmup 2\.1 and warmup 1\.84/);
  });

  it('accepts a negated claim that the table supports and flags one it contradicts', () => {
    const supported = handwritten.replace('warmup beats no-warmup on val_loss', 'no-warmup does not beat warmup on val_loss');
    expect(lintCleanResult(supported, context).ok).toBe(true);
    const contradicted = handwritten.replace('warmup beats no-warmup on val_loss', 'warmup does not beat no-warmup on val_loss');
    expect(rulesOf(contradicted, context)).toEqual(['claim-vs-table']);
  });

  it('ignores placeholders inside code blocks (sample outputs quote the model)', () => {
    expect(handwritten).toContain('TODO: this is model output');
    expect(rulesOf(handwritten.replace('- Only two seeds.', '- Only two seeds. TODO'), context)).toEqual(['no-placeholder']);
  });

  it('flags a figure hosted outside the repository', () => {
    const md = handwritten.replace(/\(https:\/\/github\.com\/acme\/lab\/raw\/[0-9a-f]{40}\//, '(https://example.org/');
    expect(rulesOf(md, context)).toEqual(['figure-exists', 'figure-pinned']);
  });
});

describe('number tracing in the TL;DR', () => {
  const withTldrLine = (line: string): string => edit(GOOD, '- adam also ends with lower loss (0.212 against 0.341).', `- ${line}`);

  it.each([
    ['0.965 written as 0.97 passes (half rounds away from zero)', { a: 0.965 }, 'adam scored 0.97 overall.', true],
    ['0.965 written as 0.96 fails', { a: 0.965 }, 'adam scored 0.96 overall.', false],
    ['0.9649 written as 0.97 fails', { a: 0.9649 }, 'adam scored 0.97 overall.', false],
    ['a percentage matches a fraction', { a: 0.97 }, 'adam scored 97% overall.', true],
    ['a rounded percentage matches a fraction', { a: 0.9651 }, 'adam scored 96.5% overall.', true],
    ['a percentage matches a metric already in percent', { a: 97.2 }, 'adam scored 97% overall.', true],
    ['trailing zeros are precision: 0.970 is not 0.965', { a: 0.965 }, 'adam scored 0.970 overall.', false],
    ['a negative number keeps its sign', { a: -0.25 }, 'the change was −0.25 overall.', true],
    ['a sign mismatch fails', { a: -0.25 }, 'the change was 0.25 overall.', false],
    ['scientific notation', { a: 0.0003 }, 'it settled at 3e-4 overall.', true],
    ['thousands separators', { a: 12500 }, 'it used 12,500 examples overall.', true],
  ] as [string, MetricTree, string, boolean][])('%s', (_name, extra, line, ok) => {
    const metrics = { ...CONTEXT_FILE.metrics, extra };
    const rules = rulesOf(withTldrLine(line), aContext({ metrics }));
    expect(rules).toEqual(ok ? [] : ['number-traced']);
  });

  it.each([
    ['a date', 'Run on 2025-03-01 as planned.'],
    ['an issue reference', 'See #12 and acme/lab#34 for context.'],
    ['a commit SHA', 'Code at 4f5e6d7c9a on the branch.'],
    ['a seed list', 'adam won for seeds 1, 2 and 3.'],
    ['a seed count', 'adam won across 3 seeds.'],
    ['a section number', 'As in section 4.2 and table 3.'],
    ['a version', 'Node v20.20 and lib 1.2.3 were used.'],
    ['inline code', 'The run used `--lr 0.005`.'],
    ['a run tag', 'Tag epm/run/12/3 holds the code.'],
    ['numbers glued to words', 'A resnet50 and gpt2 run.'],
    ['a spread multiplier', 'Whiskers span ±2 standard deviations, or 1.96 sd.'],
  ])('ignores %s', (_name, line) => {
    expect(rulesOf(withTldrLine(line))).toEqual([]);
  });

  it('accepts run parameters given in the context and flags them without it', () => {
    const md = withTldrLine('adam used 32 examples per step.');
    expect(rulesOf(md)).toEqual([]);
    const { parameters: _dropped, ...withoutParameters } = aContext();
    expect(rulesOf(md, withoutParameters)).toEqual(['number-traced']);
  });

  it('ignores numbers in Next steps and numbers quoted with an issue reference in Background', () => {
    const next = edit(GOOD, '(proposed as a follow-up issue)', 'with 5 tasks and lr 0.05');
    expect(rulesOf(next)).toEqual([]);
    const background = edit(GOOD, 'Issue #7 asked which', 'Issue #7 measured 0.81 and asked which');
    expect(rulesOf(background)).toEqual([]);
    const unreferenced = edit(GOOD, 'to reduce its mistakes;', 'to reduce its mistakes by 1.5 units;');
    expect(rulesOf(unreferenced)).toEqual(['number-traced']);
  });

  it('ignores numbers inside the reproducibility card', () => {
    const card = GOOD.split('\n').filter((l) => l.startsWith('- **Environment:**'));
    expect(card[0]).toMatch(/20\.20\.2/);
    const md = GOOD.replace('## TL;DR\n', `## TL;DR\n\n**Reproducibility card**\n\n- **Environment:** 4 GPUs at 71.3 TFLOPS\n`);
    expect(lintCleanResult(md, aContext()).problems.filter((p) => p.rule === 'number-traced')).toEqual([]);
  });
});

describe('jargon', () => {
  const withBackground = (sentence: string): string =>
    edit(GOOD, 'this experiment answers it for one small task.', `this experiment answers it for one small task. ${sentence}`);

  it.each([
    ['a parenthesis after the term', 'An ablation (removing one part to see what it contributed) follows.'],
    ['a parenthesis with the term after its meaning', 'Removing one part to see its effect (an ablation) follows.'],
    ['"called"', 'Removing one part to see its effect is called an ablation.'],
    ['"X is a …"', 'An ablation is a run with one part removed.'],
    ['a dash', 'One ablation — a run with one part removed — follows.'],
    ['a link on the term', 'One [ablation](https://en.wikipedia.org/wiki/Ablation_(artificial_intelligence)) follows.'],
    ['an issue reference in the sentence', 'The ablation of #9 follows.'],
  ])('accepts a definition by %s', (_name, sentence) => {
    expect(rulesOf(withBackground(sentence))).toEqual([]);
  });

  it('accepts a term from the glossary and reports each undefined term once, at its first use', () => {
    const md = withBackground('We ran an ablation. Another ablation used LoRA.');
    expect(rulesOf(md, aContext({ glossary: { ablation: 'a run with one part removed', LoRA: 'low-rank adapters' } }))).toEqual([]);
    const problems = lintCleanResult(md, aContext()).problems;
    expect(problems.map((p) => p.message.slice(0, 12))).toEqual(['"ablation" i', '"LoRA" is us']);
    const line = md.split('\n').findIndex((l) => l.includes('We ran an ablation')) + 1;
    expect(problems.map((p) => p.line)).toEqual([line, line]);
  });

  it('does not accept a bare value as a definition', () => {
    expect(rulesOf(withBackground('The warmup (v2) was short.'))).toEqual(['jargon-defined']);
    expect(rulesOf(withBackground('The warmup: v2.'))).toEqual(['jargon-defined']);
  });
});

describe('numbers', () => {
  it('flattens metrics to sorted dotted keys, arrays by index', () => {
    expect(flattenMetrics({ b: { y: 2, x: 1 }, a: [0.5, { z: 3 }] })).toEqual({ 'a.0': 0.5, 'a.1.z': 3, 'b.x': 1, 'b.y': 2 });
    expect(Object.keys(flattenMetrics({ b: 1, a: 2 }))).toEqual(['a', 'b']);
  });

  it('refuses a non-numeric metric with a bad-input error naming its key', () => {
    expect(() => flattenMetrics({ adam: { accuracy: 'n/a' as never } })).toThrow(/metric "adam.accuracy" is "n\/a", not a number/);
    expect(() => lintCleanResult(GOOD, aContext({ metrics: { adam: null as never } }))).toThrow(/metric "adam" is null/);
  });

  it('rounds on the decimal form, half away from zero', () => {
    expect(roundScaled(0.965, 2)).toBe(97);
    expect(roundScaled(1.005, 2)).toBe(101);
    expect(roundScaled(-0.965, 2)).toBe(-97);
    expect(roundScaled(0.93 - 0.87, 3)).toBe(60);
    expect(roundScaled(Number.NaN, 2)).toBeNaN();
    expect(matchesWithinRounding({ scaled: 97, decimals: 2, unit: 'none' }, 0.965)).toBe(true);
    expect(matchesWithinRounding({ scaled: 96, decimals: 2, unit: 'none' }, 0.965)).toBe(false);
  });

  it('extracts numbers with precision, unit and derived formula', () => {
    const notes = { d: 'derived: a / b' };
    const found = extractNumbers('Gain +6.0 pts (derived: a − b), 97% and 12.4%[^d]; 0.5 [derived: a*b].', 3, notes);
    expect(found.map(({ text, scaled, decimals, unit, derived, line }) => ({ text, scaled, decimals, unit, derived, line }))).toEqual([
      { text: '+6.0 pts', scaled: 60, decimals: 1, unit: 'points', derived: 'a − b', line: 3 },
      { text: '97%', scaled: 97, decimals: 0, unit: 'percent', derived: undefined, line: 3 },
      { text: '12.4%', scaled: 124, decimals: 1, unit: 'percent', derived: 'a / b', line: 3 },
      { text: '0.5', scaled: 5, decimals: 1, unit: 'none', derived: 'a*b', line: 3 },
    ]);
  });

  it('evaluates formulas over metric keys with + − × / and parentheses', () => {
    const m = flattenMetrics({ 'no-warmup': { loss: 2.1 }, warmup: { loss: 1.8 }, seeds: { '1': 0.9, '2': 0.8, '3': 0.7 } });
    expect(evaluateFormula('(no-warmup.loss − warmup.loss) / no-warmup.loss', m)).toEqual({ ok: true, value: (2.1 - 1.8) / 2.1 });
    expect(evaluateFormula('(seeds.1 + seeds.2 + seeds.3) / 3', m)).toMatchObject({ ok: true });
    expect(evaluateFormula('100 × `warmup.loss`', m)).toEqual({ ok: true, value: 180 });
    expect(evaluateFormula('warmup.loss-no-warmup.loss', m)).toMatchObject({ ok: true });
    expect(evaluateFormula('warmup.loss / 0', m)).toEqual({ ok: false, reason: expect.stringMatching(/divides by zero/) });
    expect(evaluateFormula('warmup.loss +', m)).toEqual({ ok: false, reason: expect.stringMatching(/ends early/) });
    expect(evaluateFormula('(warmup.loss', m)).toEqual({ ok: false, reason: expect.stringMatching(/unclosed/) });
    expect(evaluateFormula('', m)).toEqual({ ok: false, reason: expect.stringMatching(/empty/) });
  });

  it('traces a number to the metric it came from', () => {
    const m = flattenMetrics({ adam: { accuracy: 0.9312 } });
    const [mention] = extractNumbers('adam reached 93.1%');
    expect(mention && traceNumber(mention, m)).toEqual({ ok: true, source: 'adam.accuracy', value: 0.9312 });
  });
});

describe('parseCleanResult', () => {
  it('finds sections, the card and figures, and ignores headings inside code', () => {
    const doc = parseCleanResult('# T (LOW confidence)\n\n## A\n\n```\n## not a heading\n```\n\n### B\n\ntext\n');
    expect(doc.title).toEqual({ text: 'T (LOW confidence)', index: 0 });
    expect(doc.sections.map((s) => s.path)).toEqual([['A'], ['A', 'B']]);
    const parsed = parseCleanResult(GOOD);
    expect(parsed.figures).toEqual([
      expect.objectContaining({ path: 'experiments/12-optimizers/figures/accuracy-by-optimizer.png', sha: INPUT.heroFigure.sha }),
    ]);
    expect(parsed.lines.filter((_l, i) => parsed.inCard[i]).some((l) => l.startsWith('- **Commit:**'))).toBe(true);
  });
});

describe('the reproducibility card is filled by EPM', () => {
  const values = {
    commit: 'c'.repeat(40), runTag: 'epm/run/1/1', command: 'node train.js', environment: 'linux 6.1 x64, Node v20',
    manifestDigest: `sha256:${'d'.repeat(64)}`, wandbRun: 'https://wandb.example/demo/optimizers/runs/1-1', hfRevision: 'demo/adam@abc',
  };
  it('replaces whatever the analyzer wrote in the card, and nothing else', async () => {
    const { fillReproducibilityCard } = await import('../../src/domain/clean-result/card.js');
    const written = ['### Setup and hyper-parameters', '', 'lr 0.01', '', '**Reproducibility card**', '', '- **Commit:** filled in by EPM', '- **Run tag:** ?', '', '### Deviations from the plan', '', 'None.'].join('\n');
    const filled = fillReproducibilityCard(written, values);
    expect(filled).toContain(`- **Commit:** \`${'c'.repeat(40)}\``);
    expect(filled).toContain('- **W&B run:** <https://wandb.example/demo/optimizers/runs/1-1>');
    expect(filled).not.toContain('filled in by EPM');
    expect(filled).toContain('### Deviations from the plan\n\nNone.');
    expect(filled.startsWith('### Setup and hyper-parameters\n\nlr 0.01\n\n**Reproducibility card**')).toBe(true);
  });
  it('adds the card under the setup section when it is missing', async () => {
    const { fillReproducibilityCard } = await import('../../src/domain/clean-result/card.js');
    const filled = fillReproducibilityCard(['### Setup and hyper-parameters', '', 'lr 0.01', '', '### Results', ''].join('\n'), values);
    expect(filled.indexOf('**Reproducibility card**')).toBeLessThan(filled.indexOf('### Results'));
    expect(filled).toContain('- **Manifest digest:** `sha256:');
  });
});
