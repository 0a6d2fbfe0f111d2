/**
 * The arithmetic the demo's scripted analyzer and result critic do on a run's
 * metrics file: parse the metrics contract, summarise each condition over
 * seeds, compare the best condition with the runner-up on a metric, and turn
 * that comparison into a confidence level by one written rule. Numbers are
 * formatted with the clean-result lint's own rounding, so a value written
 * here always traces back to its metric. Pure: no I/O.
 */
import { z } from 'zod';
import { roundScaled, seedStats, type SeedMetric, type SeedStats } from '../domain/clean-result/numbers.js';
import type { ConfidenceLevel } from '../domain/clean-result/template.js';
import { badInput } from '../domain/errors.js';

/** A run's metrics file: one row per condition, seed and metric, and the run's parameters. */
export interface MetricsContract {
  rows: SeedMetric[];
  /** Hyper-parameters and counts the run reports (steps, learning rates…), flat or one level deep. */
  parameters: Record<string, number | Record<string, number>>;
}

const contractSchema = z.object({
  rows: z.array(z.object({ condition: z.string().min(1), seed: z.number().int(), metric: z.string().min(1), value: z.number() })).min(1),
  parameters: z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())])).default({}),
});

/** Parses the text of a metrics file; throws bad-input naming the first problem when it does not follow the contract. */
export function parseMetricsContract(text: string): MetricsContract {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw badInput(`the metrics file is not JSON (${error instanceof Error ? error.message : String(error)})`, { hint: 'write {"rows":[{"condition","seed","metric","value"}]}' });
  }
  const parsed = contractSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(`the metrics file does not follow the contract: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'write {"rows":[{"condition","seed","metric","value"}]}',
    });
  }
  return parsed.data;
}

/** One condition's values of one metric over its seeds. */
export interface ConditionStats {
  condition: string;
  metric: string;
  stats: SeedStats;
  /** Per-seed values, by seed ascending. */
  seeds: { seed: number; value: number }[];
}

/** The statistics of `metric` for `condition`; throws not-found-like bad-input when the run logged none. */
export function statsFor(rows: readonly SeedMetric[], condition: string, metric: string): ConditionStats {
  const seeds = rows
    .filter((r) => r.condition === condition && r.metric === metric)
    .map((r) => ({ seed: r.seed, value: r.value }))
    .sort((a, b) => a.seed - b.seed);
  if (seeds.length === 0) {
    throw badInput(`the metrics file has no ${metric} for ${condition}`, { hint: 'log every pre-registered metric for every condition and seed' });
  }
  return { condition, metric, stats: seedStats(seeds.map((s) => s.value)), seeds };
}

/** The best condition against the runner-up on one metric. */
export interface Comparison {
  metric: string;
  goal: 'max' | 'min';
  /** Every condition's statistics, in the order given. */
  all: ConditionStats[];
  /** The condition with the best mean (highest for `max`, lowest for `min`). */
  better: ConditionStats;
  /** The runner-up. */
  worse: ConditionStats;
  /** How much better the better mean is, in the metric's unit (≥ 0). */
  gap: number;
  /** The larger of the two conditions' seed standard deviations. */
  spread: number;
  /** Which of the two has that larger standard deviation. */
  spreadCondition: string;
  /** True when every seed of the better condition beats every seed of the runner-up. */
  separated: boolean;
  /** gap / spread, or undefined when the spread is 0. */
  ratio: number | undefined;
}

/** Compares the conditions on `metric` (at least two, each logged); ties keep the given order. */
export function compareConditions(rows: readonly SeedMetric[], conditions: readonly string[], metric: string, goal: 'max' | 'min'): Comparison {
  if (conditions.length < 2) throw badInput(`a comparison needs two conditions, got ${conditions.length}`, { hint: 'name at least two conditions' });
  const all = conditions.map((c) => statsFor(rows, c, metric));
  const sign = goal === 'max' ? 1 : -1;
  const ranked = [...all].sort((a, b) => sign * (b.stats.mean - a.stats.mean));
  const better = ranked[0]!;
  const worse = ranked[1]!;
  const gap = sign * (better.stats.mean - worse.stats.mean);
  const spreadCondition = better.stats.sd >= worse.stats.sd ? better.condition : worse.condition;
  const spread = Math.max(better.stats.sd, worse.stats.sd);
  const separated = goal === 'max' ? better.stats.min > worse.stats.max : better.stats.max < worse.stats.min;
  return { metric, goal, all, better, worse, gap, spread, spreadCondition, separated, ratio: spread > 0 ? gap / spread : undefined };
}

/**
 * The confidence a comparison supports — the rule:
 * - HIGH: at least three seeds per condition, every seed of the better
 *   condition beats every seed of the runner-up, and the gap between the means
 *   is more than three times the larger seed standard deviation;
 * - MODERATE: at least two seeds per condition and the gap is larger than the
 *   larger seed standard deviation;
 * - LOW: anything else (the gap is within seed-to-seed noise, or one seed).
 * It judges the comparison as run (these settings), not the optimizers at
 * their best; the clean result says so in its caveats.
 */
export function confidenceFor(comparison: Comparison): ConfidenceLevel {
  const n = Math.min(comparison.better.stats.n, comparison.worse.stats.n);
  if (n >= 3 && comparison.separated && comparison.gap > 3 * comparison.spread) return 'HIGH';
  if (n >= 2 && comparison.gap > comparison.spread) return 'MODERATE';
  return 'LOW';
}

/** Orders confidence levels, for "is this claim stronger than the evidence?". */
export const CONFIDENCE_RANK: Readonly<Record<ConfidenceLevel, number>> = { LOW: 0, MODERATE: 1, HIGH: 2 };

/**
 * `value` written with `decimals` decimals, rounded exactly as the clean-result
 * lint rounds (half away from zero on the decimal form), so the written number
 * always traces back to the value.
 */
export function formatRounded(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw badInput(`cannot write ${value} as a number`, { hint: 'only finite metrics are reported' });
  const scaled = roundScaled(value, decimals);
  const negative = scaled < 0;
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}
