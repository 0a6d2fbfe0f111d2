/**
 * Figure spec builders: valid Vega-Lite, fixed size and font, data sorted
 * and statistics precomputed so any order of the same rows gives the same
 * spec, and bad rows refused with a clear error.
 */
import { compile } from 'vega-lite';
import { isEpmError } from '../../src/domain/errors.js';
import { seedStats, summarizeSeeds } from '../../src/domain/clean-result/numbers.js';
import {
  FIGURE_FONT,
  FIGURE_SIZE,
  barWithSeedsSpec,
  beforeAfterSpec,
  perSeedScatterSpec,
  sweepLineSpec,
  type FigureSpec,
  type SeedValue,
  type SweepValue,
} from '../../src/domain/figures/specs.js';

const SEEDS: SeedValue[] = [
  { condition: 'sgd', seed: 1, value: 0.858 },
  { condition: 'sgd', seed: 2, value: 0.871 },
  { condition: 'sgd', seed: 3, value: 0.881 },
  { condition: 'adam', seed: 1, value: 0.921 },
  { condition: 'adam', seed: 2, value: 0.935 },
  { condition: 'adam', seed: 3, value: 0.934 },
];
const SWEEP: SweepValue[] = [0.001, 0.01, 0.1].flatMap((x, i) => SEEDS.map((r) => ({ ...r, x, value: r.value - 0.01 * i })));
const PAIRS = [
  { label: 'seed 2', before: 2.05, after: 1.85 },
  { label: 'seed 1', before: 2.1, after: 1.8 },
];
const OPTIONS = { title: 'Test accuracy by optimizer', metric: 'test accuracy' };

/** Deterministic shuffle (reversal plus interleave): same rows, different order. */
const shuffled = <T>(rows: readonly T[]): T[] => {
  const r = [...rows].reverse();
  return [...r.filter((_x, i) => i % 2 === 1), ...r.filter((_x, i) => i % 2 === 0)];
};

type Layer = { data?: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: Record<string, unknown> };
const layers = (spec: FigureSpec): Layer[] => (spec as unknown as { layer: Layer[] }).layer;

const builders: [string, () => FigureSpec, () => FigureSpec][] = [
  ['bar with seed spread', () => barWithSeedsSpec(SEEDS, OPTIONS), () => barWithSeedsSpec(shuffled(SEEDS), OPTIONS)],
  [
    'sweep line',
    () => sweepLineSpec(SWEEP, { ...OPTIONS, xLabel: 'learning rate', xScale: 'log' }),
    () => sweepLineSpec(shuffled(SWEEP), { ...OPTIONS, xLabel: 'learning rate', xScale: 'log' }),
  ],
  ['before/after', () => beforeAfterSpec(PAIRS, OPTIONS), () => beforeAfterSpec(shuffled(PAIRS), OPTIONS)],
  ['per-seed scatter', () => perSeedScatterSpec(SEEDS, OPTIONS), () => perSeedScatterSpec(shuffled(SEEDS), OPTIONS)],
];

describe.each(builders)('%s', (_name, build, buildShuffled) => {
  it('compiles to Vega without a warning', () => {
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...m: unknown[]) => (warnings.push(m.join(' ')), logger),
      warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger),
      info: () => logger,
      debug: () => logger,
    };
    const { spec } = compile(build(), { logger: logger as never });
    expect(spec.marks?.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it('has a fixed size, the figure font and a white background', () => {
    const spec = build() as unknown as Record<string, unknown> & { config: { font: string; axis: { labelFont: string } } };
    expect(spec.width).toBe(FIGURE_SIZE.width);
    expect(spec.height).toBe(FIGURE_SIZE.height);
    expect(spec.background).toBe('white');
    expect(spec.config.font).toBe(FIGURE_FONT);
    expect(spec.config.axis.labelFont).toBe(FIGURE_FONT);
  });

  it('is the same spec whatever order the rows come in, and on every call', () => {
    expect(JSON.stringify(buildShuffled())).toBe(JSON.stringify(build()));
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });

  it('contains nothing random or time-dependent', () => {
    const text = JSON.stringify(build());
    expect(text).not.toMatch(/random|now\(|Date|timeUnit|"url"/);
  });
});

describe('barWithSeedsSpec', () => {
  it('draws the mean, ±1 sd whiskers and every seed, conditions in the plan order', () => {
    const spec = barWithSeedsSpec(SEEDS, { ...OPTIONS, conditionOrder: ['sgd', 'adam'] });
    const [bars, whiskers, points] = layers(spec);
    const adam = seedStats([0.921, 0.935, 0.934]);
    expect(bars?.data?.values.map((v) => v.condition)).toEqual(['sgd', 'adam']);
    expect(bars?.data?.values[1]).toEqual({ condition: 'adam', mean: adam.mean, lo: adam.mean - adam.sd, hi: adam.mean + adam.sd, n: 3 });
    expect(whiskers?.mark.type).toBe('errorbar');
    expect(points?.data?.values).toHaveLength(6);
    expect(points?.data?.values.map((v) => `${String(v.condition)}:${String(v.seed)}`)).toEqual([
      'sgd:1', 'sgd:2', 'sgd:3', 'adam:1', 'adam:2', 'adam:3',
    ]);
    expect((bars?.encoding.x as { sort: string[] }).sort).toEqual(['sgd', 'adam']);
  });

  it('draws min–max whiskers on request and says so in the subtitle', () => {
    const spec = barWithSeedsSpec(SEEDS, { ...OPTIONS, spread: 'minmax' });
    expect(layers(spec)[0]?.data?.values[0]).toMatchObject({ condition: 'adam', lo: 0.921, hi: 0.935 });
    expect(JSON.stringify(spec)).toContain('whiskers: min–max over seeds');
  });

  it('gives a single seed zero spread', () => {
    const spec = barWithSeedsSpec([{ condition: 'a', seed: 1, value: 0.5 }], OPTIONS);
    expect(layers(spec)[0]?.data?.values[0]).toMatchObject({ mean: 0.5, lo: 0.5, hi: 0.5, n: 1 });
  });
});

describe('sweepLineSpec and beforeAfterSpec', () => {
  it('summarizes each condition at each swept value, sorted by x', () => {
    const spec = sweepLineSpec(shuffled(SWEEP), { ...OPTIONS, xLabel: 'learning rate' }) as unknown as { data: { values: { condition: string; x: number }[] } };
    expect(spec.data.values.map((v) => `${v.condition}@${v.x}`)).toEqual([
      'adam@0.001', 'adam@0.01', 'adam@0.1', 'sgd@0.001', 'sgd@0.01', 'sgd@0.1',
    ]);
  });

  it('pairs before and after values by label, before first', () => {
    const spec = beforeAfterSpec(PAIRS, { ...OPTIONS, beforeLabel: 'no warmup', afterLabel: 'warmup' }) as unknown as {
      data: { values: unknown[] };
    };
    expect(spec.data.values).toEqual([
      { label: 'seed 1', phase: 'no warmup', value: 2.1 },
      { label: 'seed 1', phase: 'warmup', value: 1.8 },
      { label: 'seed 2', phase: 'no warmup', value: 2.05 },
      { label: 'seed 2', phase: 'warmup', value: 1.85 },
    ]);
  });
});

describe('bad rows', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['no rows', () => barWithSeedsSpec([], OPTIONS), /the bar figure has no data rows/],
    ['a NaN value', () => barWithSeedsSpec([{ condition: 'adam', seed: 1, value: Number.NaN }], OPTIONS), /adam seed 1 is NaN, which cannot be plotted/],
    ['a duplicate seed', () => perSeedScatterSpec([SEEDS[0]!, SEEDS[0]!], OPTIONS), /sgd seed 1 appears twice/],
    ['a fractional seed', () => barWithSeedsSpec([{ condition: 'adam', seed: 1.5, value: 1 }], OPTIONS), /seed 1.5 of adam is not an integer/],
    ['an empty condition', () => barWithSeedsSpec([{ condition: ' ', seed: 1, value: 1 }], OPTIONS), /empty condition name/],
    ['a zero on a log sweep', () => sweepLineSpec([{ condition: 'a', seed: 1, x: 0, value: 1 }], { ...OPTIONS, xLabel: 'lr', xScale: 'log' }), /log-scale sweep has a swept value ≤ 0/],
    ['an infinite swept value', () => sweepLineSpec([{ condition: 'a', seed: 1, x: Infinity, value: 1 }], { ...OPTIONS, xLabel: 'lr' }), /swept value of a seed 1 is Infinity/],
    ['a repeated pair label', () => beforeAfterSpec([PAIRS[0]!, PAIRS[0]!], OPTIONS), /label "seed 2" appears twice/],
    ['equal phase labels', () => beforeAfterSpec(PAIRS, { ...OPTIONS, beforeLabel: 'x', afterLabel: 'x' }), /labels are the same/],
    ['a silly width', () => barWithSeedsSpec(SEEDS, { ...OPTIONS, width: 3 }), /width 3 is not a whole number of pixels/],
    ['an empty title', () => barWithSeedsSpec(SEEDS, { ...OPTIONS, title: ' ' }), /needs a title and a metric name/],
  ];
  it.each(cases)('%s → bad-input', (_name, build, message) => {
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(isEpmError(thrown) && thrown.code).toBe('bad-input');
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as { hint?: string }).hint).toBeTruthy();
  });
});

describe('summarizeSeeds', () => {
  it('gives the lint per-condition means, spreads and seeds by stable keys', () => {
    const tree = summarizeSeeds(SEEDS.map((r) => ({ ...r, metric: 'accuracy' })));
    expect(Object.keys(tree)).toEqual(['adam', 'sgd']);
    expect(tree.adam).toEqual({
      accuracy: { ...seedStats([0.921, 0.935, 0.934]), seeds: { '1': 0.921, '2': 0.935, '3': 0.934 } },
    });
    expect(() => summarizeSeeds([{ condition: 'a', seed: 1, metric: 'm', value: 1 }, { condition: 'a', seed: 1, metric: 'm', value: 2 }])).toThrow(
      /seed 1 is logged twice/,
    );
    expect(() => summarizeSeeds([{ condition: 'a', seed: 1, metric: 'm', value: Number.NaN }])).toThrow(/is NaN/);
  });

  it('computes the sample standard deviation', () => {
    expect(seedStats([1, 2, 3])).toEqual({ n: 3, mean: 2, sd: 1, min: 1, max: 3 });
    expect(() => seedStats([])).toThrow(/no per-seed values/);
  });
});
