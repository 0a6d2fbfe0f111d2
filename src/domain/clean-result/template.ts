/**
 * The clean result's template: the sections a clean result has, in order, and
 * `renderCleanResult`, which writes the Markdown from structured parts so the
 * analyzer fills parts and EPM lays them out. The lint (`lint.ts`) checks any
 * Markdown, rendered here or written by hand, against the same sections.
 *
 * Hero figure pinning. A figure is always referenced at the commit that holds
 * it, in one of two forms, both accepted by the lint:
 * - with a `figureBaseUrl` (GitHub mode: `https://github.com/<o>/<r>/raw`), an
 *   absolute URL with the 40-hex SHA as a path segment,
 *   `![alt](https://github.com/o/r/raw/<sha>/experiments/7-x/figures/hero.png)`,
 *   which renders in the PR, in issue comments and in Linear alike;
 * - without one (local mode), the repository-relative path followed on the
 *   same line by `<!-- pinned: <sha> -->`.
 */
import { z } from 'zod';
import { badInput } from '../errors.js';

/** Confidence levels a clean result may state. */
export const CONFIDENCE_LEVELS = ['HIGH', 'MODERATE', 'LOW'] as const;
/** A confidence level. */
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** One section of the template. */
export interface SectionSpec {
  /** Heading titles from the top: `['TL;DR', 'Results']` is `### Results` under `## TL;DR`. */
  path: readonly string[];
  /** When the section must be present and non-empty. */
  required: 'always' | 'when-deviations';
  /** What belongs in it (for the analyzer's prompt and for lint messages). */
  purpose: string;
}

/** Title of the top-level summary section. */
export const TLDR = 'TL;DR';
/** Title of the top-level detailed section. */
export const DETAILED_REPORT = 'Detailed report';
/** Title of the subsection that states every departure from the frozen plan. */
export const DEVIATIONS_SECTION = 'Deviations from the plan';
/** Bold lead-in that opens the reproducibility card inside "Setup and hyper-parameters". */
export const REPRODUCIBILITY_CARD = 'Reproducibility card';

/** Every section of the default clean result, in document order. */
export const CLEAN_RESULT_SECTIONS: readonly SectionSpec[] = [
  { path: [TLDR], required: 'always', purpose: 'the whole result in a minute' },
  { path: [TLDR, 'Background'], required: 'always', purpose: 'why the question matters, for a reader with no prior knowledge; link the issues it builds on' },
  { path: [TLDR, 'Methodology'], required: 'always', purpose: 'what was compared and how, every term defined' },
  { path: [TLDR, 'Results'], required: 'always', purpose: 'the hero figure pinned to a commit, 2–5 takeaways, and the line "**Confidence: LEVEL** — why"' },
  { path: [TLDR, 'Next steps'], required: 'always', purpose: 'what to do next and why' },
  { path: [DETAILED_REPORT], required: 'always', purpose: 'everything a reader needs to check or rerun the result' },
  { path: [DETAILED_REPORT, 'Summary in plain language'], required: 'always', purpose: 'the result without jargon' },
  {
    path: [DETAILED_REPORT, 'Setup and hyper-parameters'],
    required: 'always',
    purpose: 'the values used, why these, alternatives considered, and the reproducibility card',
  },
  { path: [DETAILED_REPORT, DEVIATIONS_SECTION], required: 'when-deviations', purpose: 'every change from the frozen pre-registration, field by field, and why' },
  { path: [DETAILED_REPORT, 'Results'], required: 'always', purpose: 'the full results table: every pre-registered metric for every condition' },
  { path: [DETAILED_REPORT, 'Sample outputs'], required: 'always', purpose: 'a sample output per condition' },
  { path: [DETAILED_REPORT, 'Caveats'], required: 'always', purpose: 'what limits the conclusion' },
  { path: [DETAILED_REPORT, 'Artifacts'], required: 'always', purpose: 'links to the run, checkpoints, data, manifest and transcripts' },
];

/** One field of the reproducibility card. */
export interface CardField {
  /** Key in `CleanResultInput.reproducibility`. */
  key: keyof CleanResultInput['reproducibility'];
  /** Label as rendered: `- **<label>:** value`. */
  label: string;
  /** Form the value must have, when it has one. */
  form?: RegExp;
  /** The form in words, for lint messages. */
  formHint?: string;
}

/** Fields of the reproducibility card, in order. */
export const REPRODUCIBILITY_FIELDS: readonly CardField[] = [
  { key: 'commit', label: 'Commit', form: /\b[0-9a-f]{40}\b/, formHint: 'the full 40-hex commit SHA' },
  { key: 'runTag', label: 'Run tag' },
  { key: 'command', label: 'Command' },
  { key: 'environment', label: 'Environment' },
  { key: 'manifestDigest', label: 'Manifest digest', form: /\b(?:sha256:)?[0-9a-f]{64}\b/, formHint: 'sha256:<64 hex>' },
  { key: 'wandbRun', label: 'W&B run' },
  { key: 'hfRevision', label: 'HF revision' },
];

/** A template: which sections and card fields a clean result has (configurable per repository later). */
export interface CleanResultTemplate {
  sections: readonly SectionSpec[];
  reproducibilityFields: readonly CardField[];
}

/** The default template. */
export const DEFAULT_CLEAN_RESULT_TEMPLATE: CleanResultTemplate = {
  sections: CLEAN_RESULT_SECTIONS,
  reproducibilityFields: REPRODUCIBILITY_FIELDS,
};

const text = z.string().trim().min(1);
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'a full 40-hex commit SHA');

/** A figure committed with the result, referenced at the commit that holds it. */
export const figureRefSchema = z
  .object({
    path: text.describe('Repository-relative path of the PNG, e.g. experiments/7-optim/figures/accuracy.png.'),
    alt: text.describe('What the figure shows, in words.'),
    sha: sha.describe('Commit that holds the figure file.'),
    caption: z.string().trim().optional().describe('One-sentence caption under the figure.'),
  })
  .strict();

/** Structured parts of a clean result; `renderCleanResult` lays them out. */
export const cleanResultInputSchema = z
  .object({
    claim: text.describe('The finding as one sentence, without the confidence suffix.'),
    confidence: z.enum(CONFIDENCE_LEVELS),
    confidenceReason: text.describe('Why this confidence: seeds agreeing, effect size against spread, caveats.'),
    background: text,
    methodology: text,
    heroFigure: figureRefSchema,
    takeaways: z.array(text).min(2).max(5),
    nextSteps: z.array(text).min(1),
    plainSummary: text,
    setup: z.object({ values: text, why: text, alternatives: text }).strict(),
    reproducibility: z
      .object({
        commit: sha,
        runTag: text,
        command: text,
        environment: text,
        manifestDigest: text,
        wandbRun: text.describe('W&B run URL, or where local mode wrote the metrics.'),
        hfRevision: text.describe('Hugging Face repo@revision, or "none: <why>".'),
      })
      .strict(),
    deviations: z
      .array(z.object({ field: text, from: z.string(), to: z.string(), reason: text }).strict())
      .default([])
      .describe('Every change from the frozen pre-registration.'),
    resultsTable: z
      .object({ columns: z.array(text).min(2), rows: z.array(z.array(z.union([z.string(), z.number()]))).min(1) })
      .strict()
      .refine((t) => t.rows.every((r) => r.length === t.columns.length), { message: 'every row has one cell per column' }),
    resultsNotes: z.string().trim().optional(),
    figures: z.array(figureRefSchema).default([]).describe('Further figures, shown under the full results table.'),
    sampleOutputs: z.array(z.object({ condition: text, output: text }).strict()).min(1),
    caveats: z.array(text).min(1),
    artifacts: z.array(z.object({ label: text, url: text }).strict()).min(1),
    figureBaseUrl: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
      .optional()
      .describe('Prefix before "/<sha>/<path>" for absolute figure URLs (GitHub: https://github.com/<owner>/<repo>/raw).'),
  })
  .strict();

/** Structured parts of a clean result (as accepted; defaults not yet applied). */
export type CleanResultInput = z.input<typeof cleanResultInputSchema>;

/**
 * Renders a clean result in the default template. Throws `bad-input` naming
 * the first invalid part (e.g. `takeaways: expected 2 to 5 items`).
 */
export function renderCleanResult(input: CleanResultInput): string {
  const parsed = cleanResultInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'input';
    throw badInput(`clean result part "${where}" is invalid: ${issue?.message ?? 'unknown problem'}`, {
      hint: 'fill every part of the clean result (see cleanResultInputSchema) and render again',
    });
  }
  const r = parsed.data;
  const figure = (f: z.output<typeof figureRefSchema>): string[] => {
    const path = f.path.replace(/^\.?\//, '');
    const image = r.figureBaseUrl
      ? `![${escapeAlt(f.alt)}](${r.figureBaseUrl.replace(/\/+$/, '')}/${f.sha}/${path})`
      : `![${escapeAlt(f.alt)}](${path}) <!-- pinned: ${f.sha} -->`;
    return f.caption ? [image, '', `*${f.caption}*`] : [image];
  };
  const lines: string[] = [
    `# ${r.claim} (${r.confidence} confidence)`,
    '',
    `## ${TLDR}`,
    '',
    '### Background',
    '',
    r.background,
    '',
    '### Methodology',
    '',
    r.methodology,
    '',
    '### Results',
    '',
    ...figure(r.heroFigure),
    '',
    ...r.takeaways.map((t) => `- ${t}`),
    '',
    `**Confidence: ${r.confidence}** — ${r.confidenceReason}`,
    '',
    '### Next steps',
    '',
    ...r.nextSteps.map((s) => `- ${s}`),
    '',
    `## ${DETAILED_REPORT}`,
    '',
    '### Summary in plain language',
    '',
    r.plainSummary,
    '',
    '### Setup and hyper-parameters',
    '',
    r.setup.values,
    '',
    `**Why these values.** ${r.setup.why}`,
    '',
    `**Alternatives considered.** ${r.setup.alternatives}`,
    '',
    `**${REPRODUCIBILITY_CARD}**`,
    '',
    ...REPRODUCIBILITY_FIELDS.map((f) => `- **${f.label}:** ${cardValue(f.key, r.reproducibility[f.key])}`),
    '',
    `### ${DEVIATIONS_SECTION}`,
    '',
    ...(r.deviations.length === 0
      ? ['None: the run followed the frozen plan.']
      : r.deviations.map((d) => `- **${d.field}**: planned ${inlineCode(d.from)}, ran ${inlineCode(d.to)}. ${d.reason}`)),
    '',
    '### Results',
    '',
    ...renderTable(r.resultsTable.columns, r.resultsTable.rows),
    '',
    ...(r.resultsNotes ? [r.resultsNotes, ''] : []),
    ...r.figures.flatMap((f) => [...figure(f), '']),
    '### Sample outputs',
    '',
    ...r.sampleOutputs.flatMap((s) => [`#### ${s.condition}`, '', ...codeBlock(s.output), '']),
    '### Caveats',
    '',
    ...r.caveats.map((c) => `- ${c}`),
    '',
    '### Artifacts',
    '',
    ...r.artifacts.map((a) => `- [${escapeAlt(a.label)}](${a.url})`),
    '',
  ];
  return lines.join('\n');
}

const escapeAlt = (s: string): string => s.replace(/[[\]]/g, '\\$&');

/** Inline code whose fence is longer than any backtick run inside. */
function inlineCode(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function cardValue(key: CardField['key'], value: string): string {
  if (/^https?:\/\/\S+$/.test(value)) return `<${value}>`;
  return key === 'environment' ? value : inlineCode(value);
}

function codeBlock(body: string): string[] {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...body.replace(/\n+$/, '').split('\n'), fence];
}

function renderTable(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const cell = (v: string | number): string => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}
