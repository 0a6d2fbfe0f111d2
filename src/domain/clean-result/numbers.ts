/**
 * Numbers in a clean result and where they come from: flattening the run's
 * metrics to stable keys, finding the numbers a passage states (with their
 * written precision, unit and any `derived:` formula), and tracing each one to
 * a metric within rounding. Pure: no I/O.
 */
import { badInput } from '../errors.js';

/** The run's metrics as written by the run: numbers, nested by condition, seed or anything else. */
export interface MetricTree {
  [key: string]: number | MetricTree | readonly (number | MetricTree)[];
}

/** Metrics flattened to `a.b.c` keys, sorted by key. */
export type FlatMetrics = Readonly<Record<string, number>>;

/**
 * Flattens nested metrics to dotted keys (`adam.accuracy`, `adam.seeds.1`),
 * arrays by index, keys sorted so the result is stable.
 * Throws `bad-input` on a leaf that is not a number, naming its key.
 */
export function flattenMetrics(tree: MetricTree): FlatMetrics {
  const out: Record<string, number> = {};
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'number') {
      out[key] = value;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, key ? `${key}.${i}` : String(i)));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, key ? `${key}.${k}` : k);
    } else {
      throw badInput(`metric "${key || '(root)'}" is ${JSON.stringify(value) ?? String(value)}, not a number`, {
        hint: 'write every metric leaf as a number (drop it or log it as null-free JSON) before the clean result is linted',
      });
    }
  };
  visit(tree, '');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How a written number is scaled: `%` and percentage points are hundredths of the metric. */
export type NumberUnit = 'none' | 'percent' | 'points';

/** One number stated in a passage. */
export interface NumberMention {
  /** The number as written, sign and unit included (`+6.0 pts`, `97%`). */
  text: string;
  /** 1-based line in the whole document. */
  line: number;
  /** Offset of the number in the text it was extracted from. */
  offset: number;
  /** The written value as an integer of the last written decimal place (`0.970` → 970). */
  scaled: number;
  /** Decimals written (`0.970` → 3). */
  decimals: number;
  unit: NumberUnit;
  /** Formula given with `(derived: …)`, `[derived: …]` or a `[^id]` footnote `[^id]: derived: …`. */
  derived?: string;
  /** A `[^id]` footnote referenced after the number that is not a `derived:` definition. */
  footnote?: string;
}

/** A span of text whose numbers are not measurements (dates, SHAs, seed lists, …). */
export interface IgnoredNumberPattern {
  /** What the pattern covers, for documentation and tests. */
  name: string;
  /** Global regular expression of the spans. */
  pattern: RegExp;
  /** Masks a matched span only when this holds (default: always). */
  when?: (span: string) => boolean;
}

/**
 * Spans whose numbers are never traced. Table-driven: add a row to ignore a
 * new kind of non-measurement. Each pattern must be global.
 */
export const IGNORED_NUMBER_PATTERNS: readonly IgnoredNumberPattern[] = [
  { name: 'html comment', pattern: /<!--[\s\S]*?-->/g },
  { name: 'inline code', pattern: /(`+)[\s\S]*?\1/g },
  { name: 'link destination', pattern: /\]\([^)]*\)/g },
  { name: 'url', pattern: /\b(?:https?|file):\/\/[^\s)>\]]+/g },
  { name: 'footnote definition', pattern: /^\s*\[\^[^\]]+\]:.*$/gm },
  { name: 'derived annotation', pattern: /\(derived:[^()]*(?:\([^()]*\)[^()]*)*\)|\[derived:[^\]]*\]|\[\^[^\]]+\]/gi },
  { name: 'date', pattern: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b/g },
  { name: 'time of day', pattern: /\b\d{1,2}:\d{2}(?::\d{2})?\b/g },
  { name: 'issue reference', pattern: /(?:\b[\w.-]+\/[\w.-]+)?#\d+\b/g },
  { name: 'commit sha', pattern: /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,64}\b/g },
  { name: 'run tag or path', pattern: /[\w.-]*(?:\/[\w.-]+)+/g, when: (span) => /[A-Za-z]/.test(span) },
  { name: 'version', pattern: /\bv\d+(?:\.\d+)*\b|\b\d+\.\d+\.\d+(?:\.\d+)*\b/g },
  { name: 'seed list', pattern: /\bseeds?\b\s*(?:[:=]\s*)?[[({]?\s*\d+(?!\.\d)(?:\s*(?:,|and|&|or|[-–—]|to)\s*\d+(?!\.\d))*\s*[\])}]?/gi },
  { name: 'seed count', pattern: /\b\d+\s+(?:random\s+|different\s+|independent\s+)?seeds?\b/gi },
  { name: 'spread multiplier', pattern: /±?\s*\b\d+(?:\.\d+)?\s*(?:×\s*)?(?:sd|s\.d\.|std|standard deviations?|standard errors?|σ|sigma)(?![\w])/gi },
  { name: 'section or item number', pattern: /(?:§\s*|\b(?:section|sec\.|table|figure|fig\.|appendix|step|stage|round|issue|PR|run|version)\s+)\d+(?:\.\d+)*/gi },
  { name: 'list marker', pattern: /^\s*\d+[.)](?=\s)/gm },
];

/** Replaces each character of the ignored spans with a space, keeping offsets and line breaks. */
export function maskIgnored(text: string, patterns: readonly IgnoredNumberPattern[] = IGNORED_NUMBER_PATTERNS): string {
  let masked = text;
  for (const { pattern, when } of patterns) {
    masked = masked.replace(pattern, (span) => (when && !when(span) ? span : span.replace(/[^\n]/g, ' ')));
  }
  return masked;
}

// A standalone number: not glued to a word, a dot or a path on either side.
const NUMBER = /(?<![\w.,])([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?(?![\w]|[.,]\d)/g;
const UNIT_AFTER = /^(?:\s?%|\s*(?:percentage points?|pts?|pp|points?)\b)/i;
const ANNOTATION_AFTER =
  /^\s*(?:\(derived:\s*((?:[^()]|\([^()]*\))*)\)|\[derived:\s*([^\]]*)\]|\[\^([^\]]+)\])/i;
const FOOTNOTE_DEFINITION = /^\s*\[\^([^\]]+)\]:\s*(.*)$/;

/**
 * Lists every number stated in `text` outside ignored spans, with the line it
 * is on (`firstLine` is the document line of `text`'s first line).
 * `footnotes` maps footnote ids to their definitions, for `[^id]` references.
 */
export function extractNumbers(
  text: string,
  firstLine = 1,
  footnotes: Readonly<Record<string, string>> = {},
  patterns: readonly IgnoredNumberPattern[] = IGNORED_NUMBER_PATTERNS,
): NumberMention[] {
  const masked = maskIgnored(text, patterns);
  const mentions: NumberMention[] = [];
  for (const match of masked.matchAll(NUMBER)) {
    const [whole, sign = '', intPart = '', frac = '', exponent] = match;
    const start = match.index;
    const rest = text.slice(start + whole.length);
    const unitMatch = UNIT_AFTER.exec(rest);
    const unitText = unitMatch?.[0] ?? '';
    const unit: NumberUnit = !unitMatch ? 'none' : unitText.includes('%') ? 'percent' : 'points';
    const decimalsWritten = frac.length - (exponent ? Number(exponent) : 0);
    const digits = `${intPart.replace(/,/g, '')}${frac}`;
    const negative = sign === '-' || sign === '\u2212';
    // An exponent larger than the written decimals means trailing zeros: 1.5e3 is 1500, 0 decimals.
    const decimals = Math.max(0, decimalsWritten);
    const magnitude = Number(digits) * 10 ** Math.max(0, -decimalsWritten);
    const mention: NumberMention = {
      text: `${whole}${unitText}`.trim(),
      line: firstLine + countNewlines(text, start),
      offset: start,
      scaled: negative ? -magnitude : magnitude,
      decimals,
      unit,
    };
    const annotation = ANNOTATION_AFTER.exec(rest.slice(unitText.length));
    if (annotation) {
      const [, paren, bracket, footnoteId] = annotation;
      if (paren !== undefined || bracket !== undefined) mention.derived = (paren ?? bracket ?? '').trim();
      else if (footnoteId !== undefined) {
        const definition = footnotes[footnoteId];
        const derived = definition === undefined ? undefined : /^\s*derived:\s*(.*)$/i.exec(definition)?.[1];
        if (derived !== undefined) mention.derived = derived.trim();
        else mention.footnote = footnoteId;
      }
    }
    mentions.push(mention);
  }
  return mentions;
}

/** Footnote definitions (`[^id]: text`) of a document, by id. */
export function collectFootnotes(markdown: string): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const line of markdown.split('\n')) {
    const m = FOOTNOTE_DEFINITION.exec(line);
    if (m?.[1] !== undefined) notes[m[1]] = m[2] ?? '';
  }
  return notes;
}

const countNewlines = (text: string, end: number): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * `value × 10^k` rounded half away from zero, computed on the decimal form of
 * `value` so 0.965 rounds to 0.97 (binary floating point would say 0.96), and
 * after trimming arithmetic noise to 12 significant digits (0.93 − 0.87 is 0.06).
 */
export function roundScaled(value: number, k: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const clean = Number(value.toPrecision(12));
  const [mantissa = '0', exponent = '0'] = clean.toExponential().split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + k}`);
  const rounded = Math.round(Math.abs(shifted));
  return shifted < 0 ? -rounded : rounded;
}

/**
 * True when `value` written with the mention's decimals gives the mention.
 * A percent or points mention matches either a fraction (0.97 → 97%) or a
 * value already in percent (97 → 97%).
 */
export function matchesWithinRounding(mention: Pick<NumberMention, 'scaled' | 'decimals' | 'unit'>, value: number): boolean {
  if (roundScaled(value, mention.decimals) === mention.scaled) return true;
  return mention.unit !== 'none' && roundScaled(value, mention.decimals + 2) === mention.scaled;
}

/** Where a number came from, or why it could not be traced. */
export type TraceResult =
  | { ok: true; /** Metric key, or the formula for a derived number. */ source: string; value: number }
  | { ok: false; reason: string };

/**
 * Traces a stated number: a derived number must equal its formula over the
 * metrics within rounding; any other must equal some metric (or an accepted
 * extra value, such as a hyper-parameter) within rounding.
 */
export function traceNumber(mention: NumberMention, metrics: FlatMetrics, extra: FlatMetrics = {}): TraceResult {
  if (mention.derived !== undefined) {
    const evaluated = evaluateFormula(mention.derived, metrics);
    if (!evaluated.ok) return { ok: false, reason: evaluated.reason };
    if (matchesWithinRounding(mention, evaluated.value)) return { ok: true, source: mention.derived, value: evaluated.value };
    return {
      ok: false,
      reason: `${mention.text} is marked derived from "${mention.derived}", which gives ${formatValue(evaluated.value)}`,
    };
  }
  for (const pool of [metrics, extra]) {
    for (const [key, value] of Object.entries(pool)) {
      if (matchesWithinRounding(mention, value)) return { ok: true, source: key, value };
    }
  }
  return { ok: false, reason: `${mention.text} matches no metric of the run within rounding` };
}

const formatValue = (value: number): string => String(Number(value.toPrecision(12)));

type Token = { kind: 'num'; value: number } | { kind: 'name'; name: string; value: number } | { kind: 'op'; op: string };

const OPERATORS: Readonly<Record<string, string>> = {
  '+': '+',
  '-': '-',
  '\u2212': '-',
  '\u2013': '-',
  '*': '*',
  '\u00d7': '*',
  '\u00b7': '*',
  x: '*',
  '/': '/',
  '\u00f7': '/',
  '(': '(',
  ')': ')',
};

/**
 * Evaluates a formula of metric names, numbers, + − × / and parentheses.
 * Names are flattened metric keys (optionally in backticks); at each position
 * the longest key that fits is taken, so keys may contain `-`, `/` and `.`.
 */
export function evaluateFormula(formula: string, metrics: FlatMetrics): { ok: true; value: number } | { ok: false; reason: string } {
  const tokens = tokenize(formula, metrics);
  if (!Array.isArray(tokens)) return { ok: false, reason: tokens.reason };
  let pos = 0;
  const fail = (reason: string): never => {
    throw new FormulaError(reason);
  };
  const peek = (): Token | undefined => tokens[pos];
  const primary = (): number => {
    const token = tokens[pos++];
    if (!token) return fail(`formula "${formula}" ends early`);
    if (token.kind === 'num' || token.kind === 'name') return token.value;
    if (token.op === '-') return -primary();
    if (token.op === '+') return primary();
    if (token.op === '(') {
      const value = sum();
      const close = tokens[pos++];
      if (!close || close.kind !== 'op' || close.op !== ')') fail(`formula "${formula}" has an unclosed "("`);
      return value;
    }
    return fail(`formula "${formula}" has "${token.op}" where a metric name or number belongs`);
  };
  const product = (): number => {
    let value = primary();
    for (let t = peek(); t?.kind === 'op' && (t.op === '*' || t.op === '/'); t = peek()) {
      pos++;
      const right = primary();
      if (t.op === '/' && right === 0) fail(`formula "${formula}" divides by zero`);
      value = t.op === '*' ? value * right : value / right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    for (let t = peek(); t?.kind === 'op' && (t.op === '+' || t.op === '-'); t = peek()) {
      pos++;
      value = t.op === '+' ? value + product() : value - product();
    }
    return value;
  };
  try {
    if (tokens.length === 0) return { ok: false, reason: 'the derived formula is empty' };
    const value = sum();
    if (pos < tokens.length) return { ok: false, reason: `formula "${formula}" has extra text after a complete expression` };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, reason: error.message };
    throw error;
  }
}

class FormulaError extends Error {}

// A metric key ends where no word character or dot follows (`-` and `/` may join a key to an operator).
const KEY_CONTINUES = /[\w.]/;
const NAME_CHAR = /[\w.\-/]/;

function tokenize(formula: string, metrics: FlatMetrics): Token[] | { reason: string } {
  const keys = Object.keys(metrics).sort((a, b) => b.length - a.length);
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula.charAt(i);
    if (/\s|`/.test(ch)) {
      i++;
      continue;
    }
    const key = keys.find((k) => formula.startsWith(k, i) && !KEY_CONTINUES.test(formula.charAt(i + k.length)));
    if (key !== undefined) {
      tokens.push({ kind: 'name', name: key, value: metrics[key] ?? Number.NaN });
      i += key.length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(formula.slice(i));
    if (num) {
      tokens.push({ kind: 'num', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = OPERATORS[ch];
    if (op !== undefined && !(ch === 'x' && NAME_CHAR.test(formula.charAt(i + 1)))) {
      tokens.push({ kind: 'op', op });
      i++;
      continue;
    }
    const name = /^[\w.\-/]+/.exec(formula.slice(i))?.[0] ?? ch;
    const near = keys.filter((k) => k.includes(name) || name.includes(k)).sort().slice(0, 5);
    return {
      reason: `formula "${formula}" names "${name}", which is not a metric of the run${
        near.length ? ` (did you mean ${near.map((k) => `"${k}"`).join(', ')}?)` : ''
      }`,
    };
  }
  return tokens;
}

/** Summary of one metric over seeds. */
export interface SeedStats {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single seed. */
  sd: number;
  min: number;
  max: number;
}

/** Mean, sample standard deviation, min and max of per-seed values. Throws `bad-input` on none. */
export function seedStats(values: readonly number[]): SeedStats {
  if (values.length === 0) throw badInput('no per-seed values to summarize', { hint: 'pass at least one seed' });
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** One logged value of one metric, for one condition and seed. */
export interface SeedMetric {
  condition: string;
  seed: number;
  metric: string;
  value: number;
}

/**
 * Metrics as the lint traces them: `<condition>.<metric>.{mean,sd,min,max,n}`
 * and `<condition>.<metric>.seeds.<seed>`, so a TL;DR may quote a mean, its
 * spread or a single seed by value. Throws `bad-input` on a duplicate
 * (condition, metric, seed) or a non-finite value.
 */
export function summarizeSeeds(rows: readonly SeedMetric[]): MetricTree {
  const groups = new Map<string, Map<string, Map<number, number>>>();
  for (const row of rows) {
    if (!Number.isFinite(row.value)) {
      throw badInput(`metric "${row.metric}" of ${row.condition} seed ${row.seed} is ${row.value}`, {
        hint: 'fix or rerun that seed; a non-finite value cannot be reported',
      });
    }
    const byMetric = groups.get(row.condition) ?? new Map<string, Map<number, number>>();
    groups.set(row.condition, byMetric);
    const bySeed = byMetric.get(row.metric) ?? new Map<number, number>();
    byMetric.set(row.metric, bySeed);
    if (bySeed.has(row.seed)) {
      throw badInput(`metric "${row.metric}" of ${row.condition} seed ${row.seed} is logged twice`, {
        hint: 'keep one value per condition, metric and seed (the final one)',
      });
    }
    bySeed.set(row.seed, row.value);
  }
  const tree: MetricTree = {};
  for (const [condition, byMetric] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const metrics: MetricTree = {};
    for (const [metric, bySeed] of [...byMetric].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const seeds = [...bySeed].sort(([a], [b]) => a - b);
      const stats = seedStats(seeds.map(([, v]) => v));
      metrics[metric] = { ...stats, seeds: Object.fromEntries(seeds.map(([s, v]) => [String(s), v])) };
    }
    tree[condition] = metrics;
  }
  return tree;
}
