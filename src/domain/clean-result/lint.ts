/**
 * The clean-result lint: a gate, not advice. A table of named rules, each a
 * pure check of the Markdown against the frozen pre-registration, the
 * deviations, the run's metrics and the committed figures; every problem says
 * what to fix. Add a rule by appending to `CLEAN_RESULT_RULES`.
 */
import type { PlannedManifest } from '../planned-manifest.js';
import {
  collectFootnotes,
  extractNumbers,
  flattenMetrics,
  traceNumber,
  type FlatMetrics,
  type MetricTree,
  type NumberMention,
} from './numbers.js';
import {
  CONFIDENCE_LEVELS,
  DEFAULT_CLEAN_RESULT_TEMPLATE,
  DETAILED_REPORT,
  DEVIATIONS_SECTION,
  REPRODUCIBILITY_CARD,
  TLDR,
  type CleanResultTemplate,
  type ConfidenceLevel,
} from './template.js';

/** What the lint checks a clean result against. */
export interface CleanResultLintContext {
  /** The frozen pre-registration. */
  manifest: PlannedManifest;
  /** Every change from the pre-registration (`diffManifest`); each must be stated. */
  deviations: readonly { field: string; from: string; to: string }[];
  /** The run's metrics, nested freely (per condition, per seed); flattened to dotted keys for tracing and formulas. */
  metrics: MetricTree;
  /** Repository-relative paths of the figure files that exist (committed with the result). */
  figures: readonly string[];
  /** Terms the repository defines once for every result (term → definition). */
  glossary?: Readonly<Record<string, string>>;
  /** Hyper-parameters and counts of the run (steps, learning rate, …) the TL;DR may state besides metrics. */
  parameters?: MetricTree;
  /** Template to check against (default: `DEFAULT_CLEAN_RESULT_TEMPLATE`). */
  template?: CleanResultTemplate;
}

/** Names of the built-in rules. */
export type CleanResultRuleName =
  | 'no-placeholder'
  | 'sections'
  | 'title-confidence'
  | 'confidence-line'
  | 'confidence-match'
  | 'hero-figure'
  | 'figure-pinned'
  | 'figure-exists'
  | 'figure-planned'
  | 'takeaways'
  | 'number-traced'
  | 'metric-reported'
  | 'deviations-stated'
  | 'claim-vs-table'
  | 'jargon-defined'
  | 'reproducibility-card';

/** One thing to fix. */
export interface CleanResultProblem {
  /** The rule that found it (a `CleanResultRuleName` for the built-in rules). */
  rule: string;
  /** What is wrong and what to do. */
  message: string;
  /** 1-based line in the Markdown, when the problem has one. */
  line?: number;
}

/** The lint's verdict. */
export interface CleanResultLintResult {
  /** True when there is no problem. */
  ok: boolean;
  problems: CleanResultProblem[];
}

/** A heading and the lines it governs. */
export interface ParsedSection {
  level: number;
  title: string;
  /** Titles from the top-level (`##`) heading down to this one. */
  path: string[];
  /** 0-based index of the heading line. */
  index: number;
  /** Lines of its own text: up to the next heading of any level (exclusive). */
  bodyEnd: number;
  /** Lines it covers with its subsections: up to the next heading of its level or higher (exclusive). */
  end: number;
}

/** A figure reference found in the Markdown. */
export interface FigureReference {
  alt: string;
  url: string;
  /** Repository-relative path, when the reference can be resolved to one. */
  path?: string;
  /** Commit the figure is pinned to. */
  sha?: string;
  /** 0-based line index. */
  index: number;
}

/** A clean result parsed once for every rule. */
export interface ParsedCleanResult {
  lines: readonly string[];
  /** True for each line inside (or fencing) a code block. */
  inCode: readonly boolean[];
  /** True for each line of the reproducibility card. */
  inCard: readonly boolean[];
  /** The `#` title, when there is one. */
  title?: { text: string; index: number };
  sections: readonly ParsedSection[];
  figures: readonly FigureReference[];
  footnotes: Readonly<Record<string, string>>;
}

/** The context with metrics flattened and defaults applied. */
export interface PreparedContext extends CleanResultLintContext {
  template: CleanResultTemplate;
  /** `metrics`, flattened. */
  flatMetrics: FlatMetrics;
  /** Other values a TL;DR number may be: `parameters` flattened and the manifest's counts. */
  extraValues: FlatMetrics;
}

/** A problem as a rule reports it (the lint adds the rule's name). */
export type RuleFinding = Omit<CleanResultProblem, 'rule'>;

/** One lint rule. */
export interface CleanResultRule {
  name: string;
  /** What the rule enforces, in a sentence. */
  description: string;
  check(doc: ParsedCleanResult, context: PreparedContext): RuleFinding[];
}

/** Lints a clean result; `ok` is true only when no rule finds a problem. */
export function lintCleanResult(
  markdown: string,
  context: CleanResultLintContext,
  rules: readonly CleanResultRule[] = CLEAN_RESULT_RULES,
): CleanResultLintResult {
  const doc = parseCleanResult(markdown);
  const prepared = prepareContext(context);
  const problems = rules.flatMap((rule) => rule.check(doc, prepared).map((p) => ({ rule: rule.name, ...p })));
  return { ok: problems.length === 0, problems };
}

/** Flattens metrics and parameters and applies defaults; throws `bad-input` on a non-numeric metric. */
export function prepareContext(context: CleanResultLintContext): PreparedContext {
  const m = context.manifest;
  return {
    ...context,
    template: context.template ?? DEFAULT_CLEAN_RESULT_TEMPLATE,
    flatMetrics: flattenMetrics(context.metrics),
    extraValues: {
      ...flattenMetrics(context.parameters ?? {}),
      'manifest.seeds.count': m.seeds.length,
      'manifest.conditions.count': m.conditions.length,
      'manifest.metrics.count': m.metrics.length,
      'manifest.gpuHours': m.gpuHours,
    },
  };
}

// ---------------------------------------------------------------------------
// Parsing

const normalizeTitle = (s: string): string =>
  s
    .replace(/[*_`]/g, '')
    .replace(/[:.]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PIN_COMMENT = /<!--\s*pinned:\s*([0-9a-f]{40})\s*-->/;
const IMAGE = /!\[((?:\\.|[^\]\\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const CARD_START = new RegExp(`^\\s*\\*\\*${REPRODUCIBILITY_CARD}:?\\*\\*:?\\s*$`, 'i');

/** Parses the Markdown into headings, code blocks, the reproducibility card and figure references. */
export function parseCleanResult(markdown: string): ParsedCleanResult {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const inCode: boolean[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const f = FENCE.exec(line)?.[1];
    if (fence === undefined) {
      if (f !== undefined) fence = f;
      inCode.push(fence !== undefined);
    } else {
      inCode.push(true);
      if (f !== undefined && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
    }
  }

  const headings: { level: number; title: string; index: number }[] = [];
  lines.forEach((line, index) => {
    if (inCode[index]) return;
    const h = HEADING.exec(line);
    if (h?.[1] !== undefined && h[2] !== undefined) headings.push({ level: h[1].length, title: h[2], index });
  });
  const title = headings.find((h) => h.level === 1);
  const sections: ParsedSection[] = [];
  const stack: { level: number; title: string }[] = [];
  headings.forEach((h, i) => {
    if (h.level === 1) return;
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
    stack.push({ level: h.level, title: h.title });
    const next = headings.slice(i + 1);
    sections.push({
      level: h.level,
      title: h.title,
      path: stack.map((s) => s.title),
      index: h.index,
      bodyEnd: next[0]?.index ?? lines.length,
      end: next.find((n) => n.level <= h.level)?.index ?? lines.length,
    });
  });

  const inCard = lines.map(() => false);
  lines.forEach((line, index) => {
    if (inCode[index] || !CARD_START.test(line)) return;
    const end = headings.find((h) => h.index > index)?.index ?? lines.length;
    for (let i = index; i < end; i++) inCard[i] = true;
  });

  const figures: FigureReference[] = [];
  lines.forEach((line, index) => {
    if (inCode[index]) return;
    const pin = PIN_COMMENT.exec(line)?.[1];
    for (const m of line.matchAll(IMAGE)) {
      const alt = (m[1] ?? '').replace(/\\(.)/g, '$1');
      const url = m[2] ?? '';
      figures.push({ alt, url, index, ...resolveFigure(url, pin) });
    }
  });
  const result: ParsedCleanResult = { lines, inCode, inCard, sections, figures, footnotes: collectFootnotes(markdown) };
  if (title) result.title = { text: title.title, index: title.index };
  return result;
}

function resolveFigure(url: string, pin: string | undefined): { path?: string; sha?: string } {
  const clean = safeDecode(url.replace(/[?#].*$/, ''));
  const pinned = /\/([0-9a-f]{40})\/(.+)$/.exec(clean);
  if (pinned?.[1] !== undefined && pinned[2] !== undefined) return { sha: pinned[1], path: normalizePath(pinned[2]) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(clean)) return {};
  return pin === undefined ? { path: normalizePath(clean) } : { path: normalizePath(clean), sha: pin };
}

const safeDecode = (s: string): string => {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
};

const normalizePath = (p: string): string => p.replace(/^(?:\.\/|\/)+/, '').replace(/\/{2,}/g, '/');

/** The section at `path` (titles compared case- and punctuation-insensitively). */
export function findSection(doc: ParsedCleanResult, path: readonly string[]): ParsedSection | undefined {
  const want = path.map(normalizeTitle);
  return doc.sections.find((s) => s.path.length === want.length && s.path.every((t, i) => normalizeTitle(t) === want[i]));
}

const isContent = (line: string): boolean => line.replace(/<!--[\s\S]*?-->/g, '').trim().length > 0;

/** True when the section or any of its subsections has text. */
const hasContent = (doc: ParsedCleanResult, s: ParsedSection): boolean => {
  for (let i = s.index + 1; i < s.end; i++) {
    const line = doc.lines[i] ?? '';
    if (!doc.inCode[i] && HEADING.test(line)) continue;
    if (isContent(line)) return true;
  }
  return false;
};

/** Text of lines [from, to) with code, headings (and optionally the card) blanked, keeping line numbers. */
function proseText(doc: ParsedCleanResult, from: number, to: number, skip: (i: number) => boolean = () => false): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const line = doc.lines[i] ?? '';
    out.push(doc.inCode[i] || doc.inCard[i] || HEADING.test(line) || skip(i) ? '' : line);
  }
  return out.join('\n');
}

/** Section range in lines, or undefined. */
const rangeOf = (doc: ParsedCleanResult, path: readonly string[]): [number, number] | undefined => {
  const s = findSection(doc, path);
  return s ? [s.index + 1, s.end] : undefined;
};

/** True when `name` appears as a whole token (so "acc" is not found inside "accuracy"). */
export const mentions = (text: string, name: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(name)}($|[^A-Za-z0-9_-])`, 'i').test(text);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Sentence boundaries: ., ! or ? followed by space or end, unless the word is a common abbreviation.
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|vs|etc|fig|approx|cf|al|resp|incl|no)\.$/i;

/** [start, end) of the sentence around `index` in `text` (sentences never cross blank lines or list items). */
export function sentenceAt(text: string, index: number): [number, number] {
  let start = 0;
  let end = text.length;
  const blockBreak = /\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|\n(?=\s*\|)/g;
  for (const m of text.matchAll(blockBreak)) {
    if (m.index + m[0].length <= index) start = m.index + m[0].length;
    else if (m.index >= index) {
      end = m.index;
      break;
    }
  }
  const block = start;
  for (const m of text.slice(block, end).matchAll(/[.!?](?=\s|$)/g)) {
    const at = block + m.index;
    if (ABBREVIATIONS.test(text.slice(Math.max(block, at - 8), at + 1))) continue;
    if (at < index) start = at + 1;
    else {
      end = at + 1;
      break;
    }
  }
  return [start, end];
}

const lineOf = (text: string, index: number, firstLine: number): number => firstLine + (text.slice(0, index).match(/\n/g)?.length ?? 0);

// ---------------------------------------------------------------------------
// Rule tables

/** A text pattern that marks an unfinished result. */
export interface PlaceholderPattern {
  name: string;
  pattern: RegExp;
}

/** Placeholders the result may not contain (outside code blocks, which may quote model outputs). */
export const PLACEHOLDER_PATTERNS: readonly PlaceholderPattern[] = [
  { name: 'TODO', pattern: /\bTODO\b/ },
  { name: 'TBD', pattern: /\bTBD\b/ },
  { name: 'FIXME', pattern: /\bFIXME\b/ },
  { name: 'XXX', pattern: /\bXXX\b/ },
  { name: 'lorem ipsum', pattern: /\blorem ipsum\b/i },
  { name: 'template variable', pattern: /\{\{[^}]*\}\}/ },
  { name: '<placeholder>', pattern: /<\s*placeholder\s*>/i },
  { name: '[insert …]', pattern: /\[\s*insert\b/i },
  { name: '???', pattern: /\?{3,}/ },
];

/** A term a reader without prior knowledge cannot be expected to know. */
export interface JargonTerm {
  term: string;
  pattern: RegExp;
}

/** Built-in ML jargon; each must be defined at its first use, linked to an issue, or in the glossary. */
export const JARGON_TERMS: readonly JargonTerm[] = [
  { term: 'seed', pattern: /\bseeds?\b/i },
  { term: 'LoRA', pattern: /\bLoRA\b/i },
  { term: 'warmup', pattern: /\bwarm-?ups?\b/i },
  { term: 'ablation', pattern: /\bablat(?:ions?|e|ed|ing)\b/i },
  { term: 'perplexity', pattern: /\bperplexity\b/i },
  { term: 'p-value', pattern: /\bp-values?\b/i },
  { term: 'learning rate', pattern: /\blearning[- ]rates?\b/i },
  { term: 'epoch', pattern: /\bepochs?\b/i },
  { term: 'batch size', pattern: /\bbatch[- ]sizes?\b/i },
  { term: 'optimizer', pattern: /\boptimi[sz]ers?\b/i },
  { term: 'fine-tuning', pattern: /\bfine-?tun(?:e|es|ed|ing)\b/i },
  { term: 'checkpoint', pattern: /\bcheckpoints?\b/i },
  { term: 'gradient', pattern: /\bgradients?\b/i },
  { term: 'overfitting', pattern: /\bover-?fit(?:s|ted|ting)?\b/i },
  { term: 'hyper-parameter', pattern: /\bhyper-?parameters?\b/i },
  { term: 'logits', pattern: /\blogits?\b/i },
  { term: 'tokenizer', pattern: /\btokeni[sz]ers?\b/i },
  { term: 'embedding', pattern: /\bembeddings?\b/i },
  { term: 'KL divergence', pattern: /\bKL[- ]divergence\b/i },
  { term: 'dropout', pattern: /\bdropout\b/i },
  { term: 'weight decay', pattern: /\bweight[- ]decay\b/i },
  { term: 'F1', pattern: /\bF1\b/ },
  { term: 'AUC', pattern: /\bAUC\b/ },
  { term: 'SFT', pattern: /\bSFT\b/ },
  { term: 'RLHF', pattern: /\bRLHF\b/ },
  { term: 'quantization', pattern: /\bquanti[sz]ation\b/i },
  { term: 'distillation', pattern: /\bdistillation\b/i },
  { term: 'standard deviation', pattern: /\bstandard deviations?\b/i },
  { term: 'confidence interval', pattern: /\bconfidence intervals?\b/i },
];

/** How a claim compares two conditions: by the metric's goal ("beats") or by raw value ("higher than"). */
export type ClaimRelation = 'better' | 'worse' | 'higher' | 'lower';

/** A comparison phrase and the relation it claims of the condition before it to the one after it. */
export interface ComparisonPhrase {
  relation: ClaimRelation;
  pattern: RegExp;
}

/** Comparison phrases the claim check reads (table-driven: add a row for a new phrasing). */
export const COMPARISON_PHRASES: readonly ComparisonPhrase[] = [
  { relation: 'better', pattern: /beats?|beat|outperform(?:s|ed)?|better than|surpass(?:es|ed)?|wins? over|won over/ },
  { relation: 'worse', pattern: /underperform(?:s|ed)?|worse than|trails?|trailed|los(?:es|t) to|lags? behind|lagged behind/ },
  { relation: 'higher', pattern: /(?:higher|greater|larger|more) \w+(?: \w+)? than|(?:higher|greater|larger|more) than/ },
  { relation: 'lower', pattern: /(?:lower|smaller|less|fewer) \w+(?: \w+)? than|(?:lower|smaller|less|fewer) than/ },
];

const comparisonRegex = (): RegExp =>
  new RegExp(
    `\\b(?:(?:is|are|was|were|does|did|do|has|have|had)(?:\\s+not|n't)?\\s+)?(?:(?:not|never)\\s+)?(${COMPARISON_PHRASES.map((p) => p.pattern.source).join('|')})\\b`,
    'gi',
  );

/** One claim of a sentence: `left` stands in `relation` to `right`. */
interface Claim {
  left: string;
  right: string;
  relation: ClaimRelation;
  negated: boolean;
  /** The phrase as written. */
  text: string;
}

/** True when `at` lies inside a parenthesis of at least four words within the sentence: "(a seed fixes the start)". */
function inExplainingParenthesis(raw: string, sentence: [number, number], at: number): boolean {
  const open = raw.lastIndexOf('(', at);
  if (open < sentence[0] || raw.slice(open, at).includes(')')) return false;
  const close = raw.indexOf(')', at);
  if (close === -1 || close > sentence[1]) return false;
  return raw.slice(open + 1, close).trim().split(/\s+/).length >= 4;
}

/** The comparisons a sentence makes between two named conditions. */
function comparisonsIn(sentence: string, conditions: readonly string[]): Claim[] {
  const names = [...conditions].sort((a, b) => b.length - a.length);
  const found: { name: string; start: number; end: number }[] = [];
  for (const name of names) {
    const re = new RegExp(`(^|[^A-Za-z0-9_-])(${escapeRegExp(name)})(?=$|[^A-Za-z0-9_-])`, 'gi');
    for (const m of sentence.matchAll(re)) {
      const start = m.index + (m[1]?.length ?? 0);
      if (!found.some((f) => start < f.end && start + name.length > f.start)) found.push({ name, start, end: start + name.length });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const claims: Claim[] = [];
  for (const m of sentence.matchAll(comparisonRegex())) {
    const before = found.filter((f) => f.end <= m.index);
    const after = found.filter((f) => f.start >= m.index + m[0].length);
    const left = before[before.length - 1]?.name;
    const right = after[0]?.name;
    if (left === undefined || right === undefined || left.toLowerCase() === right.toLowerCase()) continue;
    const phrase = (m[1] ?? '').toLowerCase();
    const relation = COMPARISON_PHRASES.find((p) => new RegExp(`^(?:${p.pattern.source})$`, 'i').test(phrase))?.relation ?? 'better';
    claims.push({ left, right, relation, negated: /\bnot\b|n't|\bnever\b/i.test(m[0]), text: m[0].trim() });
  }
  return claims;
}

// ---------------------------------------------------------------------------
// Rules

const tldrRange = (doc: ParsedCleanResult): [number, number] | undefined => rangeOf(doc, [TLDR]);

const TITLE_CONFIDENCE = /\((HIGH|MODERATE|LOW) confidence\)\s*$/;
const CONFIDENCE_ANY = /\*\*\s*Confidence\b/i;
const CONFIDENCE_LINE = /^\s*(?:[-*+]\s+)?\*\*Confidence:\s*(HIGH|MODERATE|LOW)\*\*\s*(?:—|–|-|:)\s*(\S.*)$/;

const titleLevel = (doc: ParsedCleanResult): ConfidenceLevel | undefined =>
  doc.title ? (TITLE_CONFIDENCE.exec(doc.title.text)?.[1] as ConfidenceLevel | undefined) : undefined;

const confidenceLines = (doc: ParsedCleanResult): { index: number; level?: ConfidenceLevel; reason?: string }[] => {
  const range = tldrRange(doc);
  if (!range) return [];
  const found: { index: number; level?: ConfidenceLevel; reason?: string }[] = [];
  for (let i = range[0]; i < range[1]; i++) {
    const line = doc.lines[i] ?? '';
    if (doc.inCode[i] || !CONFIDENCE_ANY.test(line)) continue;
    const m = CONFIDENCE_LINE.exec(line);
    found.push(m ? { index: i, level: m[1] as ConfidenceLevel, reason: m[2] ?? '' } : { index: i });
  }
  return found;
};

const findingsPerLine = (doc: ParsedCleanResult, test: (line: string) => string | undefined, skipCode: boolean): RuleFinding[] =>
  doc.lines.flatMap((line, i) => {
    if (skipCode && doc.inCode[i]) return [];
    const message = test(line);
    return message === undefined ? [] : [{ message, line: i + 1 }];
  });

/** Mentions of stated numbers in the TL;DR, except Next steps, with the subsection and sentence each is in. */
function tldrNumbers(doc: ParsedCleanResult): { mention: NumberMention; section: string; sentence: string }[] {
  const tldr = findSection(doc, [TLDR]);
  if (!tldr) return [];
  return doc.sections
    .filter((s) => s.index >= tldr.index && s.index < tldr.end)
    .filter((s) => s === tldr || normalizeTitle(s.path[1] ?? '') !== 'next steps')
    .flatMap((s) => {
      const text = proseText(doc, s.index + 1, s.bodyEnd);
      return extractNumbers(text, s.index + 2, doc.footnotes).map((mention) => {
        const [a, b] = sentenceAt(text, mention.offset);
        return { mention, section: s.path[1] ?? s.path[0] ?? '', sentence: text.slice(a, b) };
      });
    });
}

/** The document's prose (code, headings and the card blanked), and a copy masked for jargon scanning. */
function proseForJargon(doc: ParsedCleanResult): { raw: string; masked: string } {
  const raw = proseText(doc, 0, doc.lines.length);
  const masked = raw
    .replace(/<!--[\s\S]*?-->/g, (s) => s.replace(/[^\n]/g, ' '))
    .replace(/(`+)[\s\S]*?\1/g, (s) => s.replace(/[^\n]/g, ' '))
    .replace(/!\[(?:\\.|[^\]\\])*\]\([^)]*\)/g, (s) => s.replace(/[^\n]/g, ' '))
    .replace(/\]\([^)]*\)/g, (s) => s.replace(/[^\n]/g, ' '))
    .replace(/\b(?:https?|file):\/\/\S+/g, (s) => s.replace(/[^\n]/g, ' '));
  return { raw, masked };
}

const DEFINITION_AFTER =
  /^(?:e?s)?(?:\s*\((?=[^)]*[A-Za-z]{3})[^)]*\)|\s*,\s*(?:i\.e\.|that is|meaning|which (?:is|are|means)|a|an|the)\b|\s+(?:is|are)\s+(?:a|an|the|how|what|when|where)\b|\s+(?:means|refers to|denotes)\b|\s*(?:[:—–]|\s-)\s+(?=[^.;]*?\b[A-Za-z]{3}))/i;
const DEFINITION_BEFORE = /(?:\bcalled|\bknown as|\btermed|\bnamed|\bso-called|\bwe call)\s+(?:an?\s+|the\s+)?["“*_]*$/i;

function isDefinedHere(raw: string, sentence: [number, number], at: number, length: number): boolean {
  const s = raw.slice(sentence[0], sentence[1]);
  if (/(?:^|[^\w&])#\d+\b/.test(s)) return true;
  const after = raw.slice(at + length, sentence[1]);
  if (DEFINITION_AFTER.test(after)) return true;
  const before = raw.slice(sentence[0], at);
  if (DEFINITION_BEFORE.test(before)) return true;
  // "(seed)" after words that define it: "a random starting point (seed)".
  if (/\(\s*(?:an?\s+|the\s+)?["“*_]*$/.test(before) && before.replace(/\([^(]*$/, '').trim().split(/\s+/).filter(Boolean).length >= 2) return true;
  // Inside a link's text: "[seed](…)".
  const open = before.lastIndexOf('[');
  if (open !== -1 && !before.slice(open).includes(']') && /^[^\]]*\]\(/.test(raw.slice(at, sentence[1] + 1))) return true;
  return false;
}

type Table = { header: string[]; rows: string[][] };

function tablesIn(doc: ParsedCleanResult, from: number, to: number): Table[] {
  const tables: Table[] = [];
  const split = (line: string): string[] =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.replace(/\\\|/g, '|').trim());
  for (let i = from; i < to - 1; i++) {
    const line = doc.lines[i] ?? '';
    const sep = doc.lines[i + 1] ?? '';
    if (doc.inCode[i] || !/^\s*\|/.test(line) || !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(sep)) continue;
    const table: Table = { header: split(line), rows: [] };
    let j = i + 2;
    for (; j < to && /^\s*\|/.test(doc.lines[j] ?? '') && !doc.inCode[j]; j++) table.rows.push(split(doc.lines[j] ?? ''));
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

const bareCell = (cell: string): string => cell.replace(/[*_`]/g, '').trim().toLowerCase();
const CELL_NUMBER = /([-+\u2212]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(%)?/;
const cellValue = (cell: string): number | undefined => {
  const m = CELL_NUMBER.exec(cell.replace(/,(?=\d{3}\b)/g, ''));
  if (!m?.[1]) return undefined;
  const v = Number(m[1].replace('\u2212', '-'));
  return m[2] ? v / 100 : v;
};

/** The table's value of `metric` for `condition` (the mean row when there are per-seed rows), either orientation. */
function tableValue(tables: readonly Table[], condition: string, metric: string): number | undefined {
  const c = condition.toLowerCase();
  for (const t of tables) {
    const metricCol = t.header.findIndex((h) => mentions(h, metric));
    if (metricCol !== -1) {
      const rows = t.rows.filter((r) => r.some((cell, k) => k !== metricCol && bareCell(cell) === c));
      const summary = rows.filter((r) => r.some((cell) => /\b(?:mean|average|avg|all)\b/i.test(cell)));
      const values = (summary.length ? summary : rows).map((r) => cellValue(r[metricCol] ?? '')).filter((v): v is number => v !== undefined);
      if (values.length) return values.reduce((a, b) => a + b, 0) / values.length;
    }
    const condCol = t.header.findIndex((h) => bareCell(h) === c);
    if (condCol !== -1) {
      const row = t.rows.find((r) => r.some((cell, k) => k !== condCol && mentions(cell, metric)));
      const v = row ? cellValue(row[condCol] ?? '') : undefined;
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

const pathLabel = (path: readonly string[]): string =>
  path.map((t, i) => `${'#'.repeat(i + 2)} ${t}`).join(' › ');

const sameFile = (a: string, b: string): boolean => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
const stem = (p: string): string => (p.split('/').pop() ?? p).replace(/\.[^.]+$/, '').toLowerCase();
const looseName = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '-');

/** Every built-in rule, in the order problems are reported. */
export const CLEAN_RESULT_RULES: readonly CleanResultRule[] = [
  {
    name: 'no-placeholder',
    description: 'No placeholder text (TODO, TBD, FIXME, XXX, lorem ipsum, {{…}}, <placeholder>, [insert …]) outside code blocks.',
    check: (doc) =>
      findingsPerLine(
        doc,
        (line) => {
          const hit = PLACEHOLDER_PATTERNS.find((p) => p.pattern.test(line));
          return hit && `placeholder "${hit.pattern.exec(line)?.[0] ?? hit.name}" left in the result: replace it with the real content`;
        },
        true,
      ),
  },
  {
    name: 'sections',
    description: 'Every required section is present and non-empty; no heading is left empty.',
    check: (doc, ctx) => {
      const out: RuleFinding[] = [];
      const required = new Set<ParsedSection>();
      for (const spec of ctx.template.sections) {
        const s = findSection(doc, spec.path);
        if (s) required.add(s);
        if (!s && spec.required === 'always') {
          out.push({ message: `section "${pathLabel(spec.path)}" is missing: add it with ${spec.purpose}` });
        } else if (s && !hasContent(doc, s)) {
          out.push({ message: `section "${pathLabel(spec.path)}" is empty: write ${spec.purpose}`, line: s.index + 1 });
        }
      }
      for (const s of doc.sections) {
        if (!required.has(s) && !hasContent(doc, s)) {
          out.push({ message: `section "${s.title}" is empty: write its content or remove the heading`, line: s.index + 1 });
        }
      }
      return out;
    },
  },
  {
    name: 'title-confidence',
    description: 'The title ends with "(HIGH|MODERATE|LOW confidence)".',
    check: (doc) => {
      if (!doc.title) return [{ message: 'the result has no title: start with "# <claim> (HIGH|MODERATE|LOW confidence)"' }];
      if (titleLevel(doc)) return [];
      return [
        {
          message: `title "${doc.title.text}" must end with "(${CONFIDENCE_LEVELS.join('|')} confidence)", the same level as the TL;DR's confidence line`,
          line: doc.title.index + 1,
        },
      ];
    },
  },
  {
    name: 'confidence-line',
    description: 'The TL;DR states "**Confidence: LEVEL** — why".',
    check: (doc) => {
      const found = confidenceLines(doc);
      if (found.length === 0) {
        return [{ message: 'the TL;DR has no confidence line: add "**Confidence: HIGH|MODERATE|LOW** — why" under "### Results"' }];
      }
      return found
        .filter((c) => c.level === undefined)
        .map((c) => ({
          message: `confidence line must read "**Confidence: HIGH|MODERATE|LOW** — <why>" (the level in capitals, then a dash and the reason)`,
          line: c.index + 1,
        }));
    },
  },
  {
    name: 'confidence-match',
    description: 'The TL;DR confidence level equals the title\'s.',
    check: (doc) => {
      const title = titleLevel(doc);
      if (!title) return [];
      return confidenceLines(doc)
        .filter((c) => c.level !== undefined && c.level !== title)
        .map((c) => ({
          message: `confidence line says ${c.level ?? ''} but the title says ${title}: state one level in both`,
          line: c.index + 1,
        }));
    },
  },
  {
    name: 'hero-figure',
    description: 'The TL;DR Results show a hero figure.',
    check: (doc) => {
      const range = rangeOf(doc, [TLDR, 'Results']);
      if (!range) return [];
      if (doc.figures.some((f) => f.index >= range[0] && f.index < range[1])) return [];
      return [{ message: 'the TL;DR Results have no hero figure: add "![what it shows](<path>) <!-- pinned: <sha> -->" above the takeaways', line: range[0] }];
    },
  },
  {
    name: 'figure-pinned',
    description: 'Every figure is pinned to a commit: a URL with the 40-hex SHA as a path segment, or a relative path with "<!-- pinned: <sha> -->".',
    check: (doc) =>
      doc.figures
        .filter((f) => f.sha === undefined)
        .map((f) => ({
          message: `figure "${f.url}" is not pinned to a commit: use ".../<40-hex sha>/<path>" or add "<!-- pinned: <sha> -->" on its line`,
          line: f.index + 1,
        })),
  },
  {
    name: 'figure-exists',
    description: 'Every figure referenced is one of the committed figure files.',
    check: (doc, ctx) => {
      const files = ctx.figures.map(normalizePath);
      return doc.figures
        .filter((f) => f.path === undefined || !files.some((file) => sameFile(file, f.path ?? '')))
        .map((f) => ({
          message:
            f.path === undefined
              ? `figure "${f.url}" is outside the repository: render it with EPM, commit it and reference it by its path`
              : `figure "${f.path}" does not exist among the committed figures (${files.join(', ') || 'none'}): render and commit it, or fix the path`,
          line: f.index + 1,
        }));
    },
  },
  {
    name: 'figure-planned',
    description: 'Every figure planned in the pre-registration is shown.',
    check: (doc, ctx) =>
      ctx.manifest.figures
        .filter(
          (planned) =>
            !doc.figures.some((f) => (f.path !== undefined && looseName(stem(f.path)) === looseName(planned.name)) || mentions(f.alt, planned.name)),
        )
        .map((planned) => ({
          message: `planned figure "${planned.name}" (${planned.description}) is not shown: add it as an image named ${planned.name}.png or with "${planned.name}" in its alt text`,
        })),
  },
  {
    name: 'takeaways',
    description: 'The TL;DR Results list 2–5 takeaways as bullets.',
    check: (doc) => {
      const range = rangeOf(doc, [TLDR, 'Results']);
      if (!range) return [];
      let count = 0;
      for (let i = range[0]; i < range[1]; i++) {
        const line = doc.lines[i] ?? '';
        if (!doc.inCode[i] && /^ {0,1}(?:[-*+]|\d+[.)])\s+\S/.test(line) && !CONFIDENCE_ANY.test(line)) count++;
      }
      if (count >= 2 && count <= 5) return [];
      return [{ message: `the TL;DR Results list ${count} takeaway${count === 1 ? '' : 's'}: write 2 to 5, one bullet each`, line: range[0] }];
    },
  },
  {
    name: 'number-traced',
    description:
      'Every number in the TL;DR (except Next steps) equals a metric of the run within rounding, a run parameter, or its "(derived: formula)"; numbers quoted from an issue "#N" in Background are exempt.',
    check: (doc, ctx) =>
      tldrNumbers(doc).flatMap(({ mention, section, sentence }) => {
        if (normalizeTitle(section) === 'background' && /(?:^|[^\w&])#\d+\b/.test(sentence)) return [];
        const trace = traceNumber(mention, ctx.flatMetrics, ctx.extraValues);
        if (trace.ok) return [];
        return [
          {
            message: `TL;DR number ${trace.reason}: write the logged value rounded (e.g. 0.965 as 0.97 or 96.5%), or mark a computed number "(derived: <formula over metric names>)"`,
            line: mention.line,
          },
        ];
      }),
  },
  {
    name: 'metric-reported',
    description: 'Every pre-registered metric is reported by name in the full results.',
    check: (doc, ctx) => {
      const range = rangeOf(doc, [DETAILED_REPORT, 'Results']) ?? [0, doc.lines.length];
      const text = proseText(doc, range[0], range[1]);
      return ctx.manifest.metrics
        .filter((m) => !mentions(text, m.name))
        .map((m) => ({
          message: `pre-registered metric "${m.name}" is not reported: add it by that name to the full results table under "## ${DETAILED_REPORT} › ### Results"`,
        }));
    },
  },
  {
    name: 'deviations-stated',
    description: `Every deviation from the frozen plan is stated, by field name, under "${DEVIATIONS_SECTION}".`,
    check: (doc, ctx) => {
      if (ctx.deviations.length === 0) return [];
      const section = doc.sections.find((s) => normalizeTitle(s.title) === normalizeTitle(DEVIATIONS_SECTION));
      let text = section ? proseText(doc, section.index + 1, section.end) : '';
      if (!section) {
        const lead = doc.lines.findIndex((l, i) => !doc.inCode[i] && new RegExp(`^\\s*\\*\\*${DEVIATIONS_SECTION}`, 'i').test(l));
        if (lead !== -1) {
          let end = lead + 1;
          while (end < doc.lines.length && (doc.lines[end] ?? '').trim() !== '' && !HEADING.test(doc.lines[end] ?? '')) end++;
          text = doc.lines.slice(lead, end).join('\n');
        }
      }
      return ctx.deviations
        .filter((d) => !mentions(text, d.field))
        .map((d) => ({
          message: `deviation from the pre-registration in "${d.field}" (planned ${d.from}, ran ${d.to}) is not stated: say under "### ${DEVIATIONS_SECTION}" what changed in ${d.field} and why`,
          line: section ? section.index + 1 : undefined,
        }))
        .map(({ line, ...rest }) => (line === undefined ? rest : { ...rest, line }));
    },
  },
  {
    name: 'claim-vs-table',
    description:
      'A TL;DR claim comparing two conditions ("A beats B", "A has lower loss than B") agrees with the full results table and the metric\'s goal.',
    check: (doc, ctx) => {
      const tldr = findSection(doc, [TLDR]);
      if (!tldr) return [];
      const results = rangeOf(doc, [DETAILED_REPORT, 'Results']);
      const tables = results ? tablesIn(doc, results[0], results[1]) : [];
      const nextSteps = findSection(doc, [TLDR, 'Next steps']);
      const text = proseText(doc, tldr.index + 1, tldr.end, (i) => nextSteps !== undefined && i >= nextSteps.index && i < nextSteps.end);
      const conditions = ctx.manifest.conditions.map((c) => c.name);
      const primary = ctx.manifest.metrics.find((m) => m.primary) ?? (ctx.manifest.metrics.length === 1 ? ctx.manifest.metrics[0] : undefined);
      const out: RuleFinding[] = [];
      const seen = new Set<number>();
      for (const m of text.matchAll(comparisonRegex())) {
        const [a, b] = sentenceAt(text, m.index);
        if (seen.has(a)) continue;
        seen.add(a);
        const sentence = text.slice(a, b);
        const line = lineOf(text, a + (sentence.length - sentence.trimStart().length), tldr.index + 2);
        const named = ctx.manifest.metrics.filter((metric) => mentions(sentence, metric.name));
        const metrics = named.length ? named : primary ? [primary] : [];
        for (const claim of comparisonsIn(sentence, conditions)) {
          for (const metric of metrics) {
            const byGoal = claim.relation === 'better' || claim.relation === 'worse';
            if (byGoal && !metric.goal) continue;
            const left = tableValue(tables, claim.left, metric.name);
            const right = tableValue(tables, claim.right, metric.name);
            if (left === undefined || right === undefined) {
              out.push({
                message: `the TL;DR claims "${claim.left} ${claim.text} ${claim.right}" on ${metric.name}, but the full results table has no ${metric.name} value for ${left === undefined ? claim.left : claim.right}: add it`,
                line,
              });
              continue;
            }
            const higher = left > right;
            const lower = left < right;
            const holds =
              claim.relation === 'higher' ? higher
              : claim.relation === 'lower' ? lower
              : claim.relation === 'better' ? (metric.goal === 'max' ? higher : lower)
              : metric.goal === 'max' ? lower : higher;
            if (holds === claim.negated) {
              const goal = byGoal ? ` (goal: ${metric.goal ?? ''})` : '';
              out.push({
                message: `the TL;DR says "${claim.left} ${claim.text} ${claim.right}" on ${metric.name}${goal}, but the table gives ${claim.left} ${left} and ${claim.right} ${right}: correct the claim or the table`,
                line,
              });
            }
          }
        }
      }
      return out;
    },
  },
  {
    name: 'jargon-defined',
    description:
      'Each ML term is defined at its first use (a parenthesis, "X is a …", "X — …", "called X"), linked to the issue that defines it (#N or a link), or in the glossary.',
    check: (doc, ctx) => {
      const glossary = new Set(Object.keys(ctx.glossary ?? {}).map((k) => k.toLowerCase()));
      const { raw, masked } = proseForJargon(doc);
      const found: (RuleFinding & { at: number })[] = [];
      for (const { term, pattern } of JARGON_TERMS) {
        if (glossary.has(term.toLowerCase())) continue;
        const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
        const first = global.exec(masked);
        if (!first) continue;
        // The first use must be explained in its own sentence: by any use of the term there that is
        // defined in place, or by a parenthesis of a few words that mentions it.
        const sentence = sentenceAt(raw, first.index);
        const inSentence = new RegExp(pattern.source, global.flags);
        const body = masked.slice(sentence[0], sentence[1]);
        let defined = false;
        for (const m of body.matchAll(inSentence)) {
          const at = sentence[0] + m.index;
          if (isDefinedHere(raw, sentence, at, m[0].length) || inExplainingParenthesis(raw, sentence, at)) defined = true;
        }
        if (!defined) {
          found.push({
            at: first.index,
            message: `"${first[0]}" is used without a definition: define ${term} where it first appears, e.g. "${first[0]} (<plain-words meaning>)", or link the issue that defines it (#N)`,
            line: lineOf(raw, first.index, 1),
          });
        }
      }
      return found.sort((a, b) => a.at - b.at).map(({ message, line }) => ({ message, line }));
    },
  },
  {
    name: 'reproducibility-card',
    description: 'The setup has a reproducibility card with commit, run tag, command, environment, manifest digest, W&B run and HF revision.',
    check: (doc, ctx) => {
      const start = doc.inCard.indexOf(true);
      if (start === -1) {
        return [
          {
            message: `the setup has no reproducibility card: add "**${REPRODUCIBILITY_CARD}**" followed by ${ctx.template.reproducibilityFields.map((f) => `"- **${f.label}:** …"`).join(', ')}`,
          },
        ];
      }
      const card = doc.lines.map((l, i) => (doc.inCard[i] ? l : '')).join('\n');
      return ctx.template.reproducibilityFields.flatMap((field) => {
        const re = new RegExp(`^\\s*[-*+]\\s+\\*\\*${escapeRegExp(field.label)}(?::\\*\\*|\\*\\*:)\\s*(.*)$`, 'im');
        const value = re.exec(card)?.[1]?.trim() ?? '';
        if (!value) return [{ message: `reproducibility card lacks "${field.label}": add "- **${field.label}:** <value>"`, line: start + 1 }];
        if (field.form && !field.form.test(value)) {
          return [{ message: `reproducibility card "${field.label}" is "${value}": write ${field.formHint ?? 'the expected form'}`, line: start + 1 }];
        }
        return [];
      });
    },
  },
];
