/**
 * Vega-Lite specs for the standard figures of a clean result: bar comparison
 * with seed spread, sweep line, before/after, per-seed scatter. Pure: each
 * builder takes data rows and options and returns a spec with a fixed size and
 * font, data sorted and statistics precomputed, and nothing random or
 * time-dependent, so the same rows always render the same picture.
 * `src/adapters/figures/render.ts` turns a spec into SVG and PNG.
 */
import type { TopLevelSpec } from 'vega-lite';
import { seedStats, type SeedStats } from '../clean-result/numbers.js';
import { badInput } from '../errors.js';

/** A Vega-Lite spec as the builders return it. */
export type FigureSpec = TopLevelSpec;

/** Font every figure uses; the renderer loads exactly this family. */
export const FIGURE_FONT = 'DejaVu Sans';
/** Default plot size in CSS pixels (axes, title and legend add to it). */
export const FIGURE_SIZE = { width: 480, height: 300 } as const;
/** Vega-Lite schema the specs follow (an identifier; nothing is fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** How seed spread is drawn: ±1 sample standard deviation, or the full min–max range. */
export type Spread = 'sd' | 'minmax';

/** Options every figure takes. */
export interface FigureOptions {
  /** Title above the plot. */
  title: string;
  /** Name of the metric on the y axis (e.g. "test accuracy"). */
  metric: string;
  /** Order of the conditions (default: sorted by name); conditions not listed follow, sorted. */
  conditionOrder?: readonly string[];
  /** Plot width in pixels (default 480). */
  width?: number;
  /** Plot height in pixels (default 300). */
  height?: number;
}

/** One value of one seed of one condition. */
export interface SeedValue {
  condition: string;
  seed: number;
  value: number;
}

/** One value of one seed of one condition at one setting of the swept parameter. */
export interface SweepValue extends SeedValue {
  /** The swept parameter's value (e.g. the learning rate). */
  x: number;
}

/** One unit measured before and after a change (a condition, a seed, a task). */
export interface PairedValue {
  label: string;
  before: number;
  after: number;
}

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

function conditionsOf(rows: readonly { condition: string }[], order: readonly string[] = []): string[] {
  const present = new Set(rows.map((r) => r.condition));
  const listed = order.filter((c, i) => present.has(c) && order.indexOf(c) === i);
  const rest = [...present].filter((c) => !listed.includes(c)).sort(compare);
  return [...listed, ...rest];
}

function assertRows<T>(rows: readonly T[], what: string): void {
  if (rows.length === 0) throw badInput(`the ${what} figure has no data rows`, { hint: 'pass the run\'s per-seed values' });
}

function assertFinite(value: number, where: string): void {
  if (!Number.isFinite(value)) {
    throw badInput(`${where} is ${value}, which cannot be plotted`, { hint: 'fix or rerun that seed, or leave it out and state it as a deviation' });
  }
}

function assertOptions(options: FigureOptions): void {
  for (const [key, value] of [['width', options.width], ['height', options.height]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 50 && value <= 4000)) {
      throw badInput(`figure ${key} ${value} is not a whole number of pixels between 50 and 4000`, { hint: `omit ${key} to use the default` });
    }
  }
  if (!options.title.trim() || !options.metric.trim()) throw badInput('a figure needs a title and a metric name', { hint: 'set options.title and options.metric' });
}

/** Checks seed rows (finite, one value per key) and returns them sorted by condition order, then seed (then x). */
function sortedSeedRows<T extends SeedValue & { x?: number }>(rows: readonly T[], order: readonly string[], what: string): T[] {
  assertRows(rows, what);
  const rank = new Map(order.map((c, i) => [c, i]));
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.condition.trim()) throw badInput(`a ${what} row has an empty condition name`, { hint: 'name every condition as in the plan' });
    if (!Number.isInteger(r.seed)) throw badInput(`seed ${r.seed} of ${r.condition} is not an integer`, { hint: 'use the seeds of the plan' });
    assertFinite(r.value, `${r.condition} seed ${r.seed}${r.x === undefined ? '' : ` at ${r.x}`}`);
    if (r.x !== undefined) assertFinite(r.x, `the swept value of ${r.condition} seed ${r.seed}`);
    const key = `${r.condition}\u0000${r.x ?? ''}\u0000${r.seed}`;
    if (seen.has(key)) {
      throw badInput(`${r.condition} seed ${r.seed}${r.x === undefined ? '' : ` at ${r.x}`} appears twice`, { hint: 'keep one value per condition and seed' });
    }
    seen.add(key);
  }
  return [...rows].sort(
    (a, b) => (rank.get(a.condition) ?? 0) - (rank.get(b.condition) ?? 0) || (a.x ?? 0) - (b.x ?? 0) || a.seed - b.seed,
  );
}

const spreadOf = (s: SeedStats, spread: Spread): { lo: number; hi: number } =>
  spread === 'sd' ? { lo: s.mean - s.sd, hi: s.mean + s.sd } : { lo: s.min, hi: s.max };

const spreadWords = (spread: Spread): string => (spread === 'sd' ? '±1 standard deviation over seeds' : 'min–max over seeds');

/**
 * Subtitle parts joined with " · " on lines of at most 60 characters: Vega
 * estimates text width without a canvas, and one long line would widen the figure.
 */
function subtitleLines(parts: readonly string[]): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 3 + part.length <= 60) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** The fixed frame every figure shares: size, font, white background, no animation or interaction. */
function frame(options: FigureOptions, subtitle: readonly string[]) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: subtitleLines(subtitle) },
    width: options.width ?? FIGURE_SIZE.width,
    height: options.height ?? FIGURE_SIZE.height,
    background: 'white',
    padding: 12,
    config: {
      font: FIGURE_FONT,
      title: { font: FIGURE_FONT, fontSize: 15, subtitleFontSize: 11, anchor: 'start' as const },
      axis: { labelFont: FIGURE_FONT, titleFont: FIGURE_FONT, labelFontSize: 12, titleFontSize: 13 },
      legend: { labelFont: FIGURE_FONT, titleFont: FIGURE_FONT, labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: '#dddddd' },
    },
  };
}

/**
 * Bar comparison with seed spread: a bar at each condition's mean, a whisker
 * for the spread (±1 sd or min–max) and a dot per seed.
 */
export function barWithSeedsSpec(rows: readonly SeedValue[], options: FigureOptions & { spread?: Spread }): FigureSpec {
  assertOptions(options);
  const order = conditionsOf(rows, options.conditionOrder);
  const sorted = sortedSeedRows(rows, order, 'bar');
  const spread = options.spread ?? 'sd';
  const summary = order.map((condition) => {
    const s = seedStats(sorted.filter((r) => r.condition === condition).map((r) => r.value));
    return { condition, mean: s.mean, ...spreadOf(s, spread), n: s.n };
  });
  const x = { field: 'condition', type: 'nominal', sort: order, title: 'condition', axis: { labelAngle: 0 } } as const;
  return {
    ...frame(options, ['bars: mean over seeds', `whiskers: ${spreadWords(spread)}`, 'dots: single seeds']),
    layer: [
      {
        data: { values: summary },
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 },
        encoding: { x, y: { field: 'mean', type: 'quantitative', title: options.metric, scale: { zero: true } } },
      },
      {
        data: { values: summary },
        mark: { type: 'errorbar', ticks: true, color: '#222222' },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: options.metric }, y2: { field: 'hi' } },
      },
      {
        data: { values: sorted.map(({ condition, seed, value }) => ({ condition, seed, value })) },
        mark: { type: 'point', filled: true, size: 50, color: '#e45756', stroke: 'white', strokeWidth: 1, opacity: 1 },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: options.metric } },
      },
    ],
  };
}

/**
 * Sweep line: x is the swept parameter, one line per condition through the
 * per-x mean over seeds, with a band for the seed spread.
 */
export function sweepLineSpec(
  rows: readonly SweepValue[],
  options: FigureOptions & { xLabel: string; xScale?: 'linear' | 'log'; spread?: Spread },
): FigureSpec {
  assertOptions(options);
  const order = conditionsOf(rows, options.conditionOrder);
  const sorted = sortedSeedRows(rows, order, 'sweep');
  const spread = options.spread ?? 'sd';
  const scale = options.xScale ?? 'linear';
  if (scale === 'log' && sorted.some((r) => r.x <= 0)) {
    throw badInput('a log-scale sweep has a swept value ≤ 0', { hint: 'use xScale "linear" or drop the non-positive settings' });
  }
  const summary: { condition: string; x: number; mean: number; lo: number; hi: number; n: number }[] = [];
  for (const condition of order) {
    const xs = [...new Set(sorted.filter((r) => r.condition === condition).map((r) => r.x))].sort((a, b) => a - b);
    for (const xv of xs) {
      const s = seedStats(sorted.filter((r) => r.condition === condition && r.x === xv).map((r) => r.value));
      summary.push({ condition, x: xv, mean: s.mean, ...spreadOf(s, spread), n: s.n });
    }
  }
  const x = {
    field: 'x',
    type: 'quantitative',
    title: options.xLabel,
    scale: scale === 'log' ? { type: 'log' as const } : { type: 'linear' as const, zero: false },
  } as const;
  const color = { field: 'condition', type: 'nominal', title: 'condition', sort: order, scale: { domain: order } } as const;
  return {
    ...frame(options, ['lines: mean over seeds', `band: ${spreadWords(spread)}`]),
    data: { values: summary },
    // The band draws no legend of its own: the line layer's legend names the conditions at full colour.
    resolve: { legend: { color: 'independent' } },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: options.metric, scale: { zero: false } },
          y2: { field: 'hi' },
          color: { ...color, legend: null },
        },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x, y: { field: 'mean', type: 'quantitative', title: options.metric }, color },
      },
    ],
  };
}

/** Before/after: a paired slope chart, one line per unit from its value before to its value after. */
export function beforeAfterSpec(
  rows: readonly PairedValue[],
  options: Omit<FigureOptions, 'conditionOrder'> & { beforeLabel?: string; afterLabel?: string },
): FigureSpec {
  assertOptions(options);
  assertRows(rows, 'before/after');
  const before = options.beforeLabel ?? 'before';
  const after = options.afterLabel ?? 'after';
  if (before === after) throw badInput('before and after labels are the same', { hint: 'give the two phases different labels' });
  const labels = new Set<string>();
  for (const r of rows) {
    if (!r.label.trim()) throw badInput('a before/after row has an empty label', { hint: 'label each pair (condition, seed or task)' });
    if (labels.has(r.label)) throw badInput(`before/after label "${r.label}" appears twice`, { hint: 'give each pair one row' });
    labels.add(r.label);
    assertFinite(r.before, `"${r.label}" before`);
    assertFinite(r.after, `"${r.label}" after`);
  }
  const sorted = [...rows].sort((a, b) => compare(a.label, b.label));
  const values = sorted.flatMap((r) => [
    { label: r.label, phase: before, value: r.before },
    { label: r.label, phase: after, value: r.after },
  ]);
  const domain = sorted.map((r) => r.label);
  const encoding = {
    x: { field: 'phase', type: 'ordinal', sort: [before, after], title: null, axis: { labelAngle: 0 } },
    y: { field: 'value', type: 'quantitative', title: options.metric, scale: { zero: false } },
    color: { field: 'label', type: 'nominal', title: null, sort: domain, scale: { domain } },
  } as const;
  return {
    ...frame(options, [`one line per pair, from ${before} to ${after}`]),
    data: { values },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { ...encoding, detail: { field: 'label' } } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding },
    ],
  };
}

/** Per-seed scatter: x is the condition, y the metric, one point per seed (shape and colour by seed), a tick at the mean. */
export function perSeedScatterSpec(rows: readonly SeedValue[], options: FigureOptions): FigureSpec {
  assertOptions(options);
  const order = conditionsOf(rows, options.conditionOrder);
  const sorted = sortedSeedRows(rows, order, 'per-seed scatter');
  const seeds = [...new Set(sorted.map((r) => r.seed))].sort((a, b) => a - b).map((s) => `seed ${s}`);
  const means = order.map((condition) => ({
    condition,
    mean: seedStats(sorted.filter((r) => r.condition === condition).map((r) => r.value)).mean,
  }));
  const x = { field: 'condition', type: 'nominal', sort: order, title: 'condition', axis: { labelAngle: 0 } } as const;
  return {
    ...frame(options, ['points: single seeds', 'ticks: mean over seeds']),
    layer: [
      {
        data: { values: means },
        mark: { type: 'tick', color: '#222222', thickness: 2, size: 40 },
        encoding: { x, y: { field: 'mean', type: 'quantitative', title: options.metric, scale: { zero: false } } },
      },
      {
        data: { values: sorted.map(({ condition, seed, value }) => ({ condition, seed: `seed ${seed}`, value })) },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: {
          x,
          xOffset: { field: 'seed', type: 'nominal', sort: seeds },
          y: { field: 'value', type: 'quantitative', title: options.metric },
          color: { field: 'seed', type: 'nominal', title: 'seed', sort: seeds, scale: { domain: seeds } },
          shape: { field: 'seed', type: 'nominal', sort: seeds, scale: { domain: seeds } },
        },
      },
    ],
  };
}
