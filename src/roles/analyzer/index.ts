/**
 * The analyzer: writes the clean result — what the experiment taught, for a
 * reader with no prior knowledge, every number traced to the run's metrics and
 * the pre-registration honoured or its deviations stated. Gate
 * `clean-result-lint`.
 */
import { CLEAN_RESULT_RULES } from '../../domain/clean-result/lint.js';
import {
  CLEAN_RESULT_SECTIONS,
  DEVIATIONS_SECTION,
  REPRODUCIBILITY_CARD,
  REPRODUCIBILITY_FIELDS,
} from '../../domain/clean-result/template.js';
import { roleOutputSchemas } from '../../domain/roles.js';
import type { IssueState } from '../../domain/state.js';
import type { RoleContext } from '../../ports/roles.js';
import type { RoleDefinition } from '../role-definition.js';
import {
  assemblePrompt,
  composeInstructions,
  fence,
  quoteApprovedPlan,
  quoteFeedback,
  quoteIssue,
  quoteProvenance,
  quoteResult,
  quoteRuns,
  repositoryContext,
} from '../shared/prompt-parts.js';

/** The template as a skeleton: every section heading at its level, its purpose in angle brackets. */
const TEMPLATE_SKELETON = fence(
  CLEAN_RESULT_SECTIONS.map((section) => {
    const heading = `${'#'.repeat(section.path.length + 1)} ${section.path[section.path.length - 1] ?? ''}`;
    const when = section.required === 'when-deviations' ? ' — only when there are deviations' : '';
    return `${heading}\n<${section.purpose}${when}>`;
  }).join('\n'),
  'markdown',
);

const CARD = [`**${REPRODUCIBILITY_CARD}**`, ...REPRODUCIBILITY_FIELDS.map((f) => `- **${f.label}:** filled in by EPM`)].join('\n');

const RULES = CLEAN_RESULT_RULES.map((rule) => `- ${rule.name}: ${rule.description}`).join('\n');

const INSTRUCTIONS = `
You are the analyzer of EPM (Experiment Pipeline Manager). The run is verified; you write its clean result: what the experiment taught, judged against the plan's hypothesis, possible outcomes and pre-registered criteria. Read plan.md, the run's declared outputs (metrics files), its logs and the committed figures (list_files) before writing a word.

## The reader knows nothing
Write for someone with no prior knowledge of this project. Define every term at its first use — "a seed (the random starting point of a run)", "warmup is a …", "warmup — …" — or link the issue that defines it (#N). No unexplained abbreviations, no "as discussed".

## Every number traced
Every number in the TL;DR equals a value in the run's metrics files (within the rounding you write) or a run parameter, or is marked derived with its formula: "0.022 (derived: 0.812 − 0.790)". Report the spread over seeds (standard deviation or min–max, with n) beside every mean. Never state a number you did not read.

## Honour the pre-registration
Report every pre-registered metric by its exact name in the full results table, show every planned figure, and judge the success and kill criteria exactly as written. State every deviation from the frozen plan, field by field with its reason, under "${DEVIATIONS_SECTION}", and list each in deviationsStated naming the manifest field (e.g. "seeds: 3 planned, 2 ran because …"). A negative or null result is a result: say so plainly.

## result — the clean result in Markdown
EPM writes your title as the document's \`# \` heading, so start at \`## TL;DR\`. Use these headings, in this order, each with content in place of the description in angle brackets:
${TEMPLATE_SKELETON}
The TL;DR Results hold the hero figure, two to five takeaways as bullets, and the line \`**Confidence: LEVEL** — why\` with the title's level. Every figure is pinned to the commit that holds it: \`![what it shows](https://…/raw/<40-hex sha>/<path>)\`, or \`![what it shows](<path>) <!-- pinned: <40-hex sha> -->\`; never a branch name. "Setup and hyper-parameters" ends with the reproducibility card, exactly as below: EPM fills every field from the provenance record (commit, run tag, command, environment, manifest digest, W&B run, Hub revision), so never type those values yourself:
${fence(CARD, 'markdown')}

## title and confidence
title: \`<the finding, in one sentence> (HIGH confidence)\`, \`(MODERATE confidence)\` or \`(LOW confidence)\`; confidence is the same level. HIGH: a pre-registered primary effect clearly larger than seed-to-seed spread and no serious alternative explanation. MODERATE: consistent but small against the spread, or one caveat that matters. LOW: noisy, underpowered, or a deviation that weakens the test.

## What the gate checks
Gate \`clean-result-lint\`: no placeholder anywhere (TODO, TBD, FIXME, XXX, lorem ipsum, {{…}}, <placeholder>, [insert …], ???) — do not write those even in prose; the title ends with "(<confidence> confidence)" matching confidence; every pre-registered metric and every planned figure appears by exact name; every deviation's field is named in deviationsStated. The clean-result lint checks these rules as well:
${RULES}
A result that fails comes back with the problems; one that passes goes to the result critic, then to the researcher, who approves it or asks for changes.
`;

/** The figures EPM rendered and the commit that holds them, for pinning. */
function quoteFigures(state: Readonly<IssueState>): string | undefined {
  const figures = state.figures;
  if (!figures) return undefined;
  return [
    '# Figures EPM rendered from the run\'s metrics',
    `Committed at \`${figures.sha}\` — pin every figure to this commit.`,
    ...figures.files.map((f) => `- ${f.name}: \`${f.png}\` (SVG: \`${f.svg}\`)`),
  ].join('\n');
}

/** The names the lint will look for, so the analyzer does not have to dig them out of the JSON. */
function lintTargets(state: Readonly<IssueState>): string | undefined {
  const manifest = state.frozen?.manifest ?? state.plan?.manifest;
  if (!manifest) return undefined;
  const list = (names: readonly string[]): string => (names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'none');
  return [
    '# What the clean-result lint will look for',
    `- Metrics to report by exact name: ${list(manifest.metrics.map((m) => m.name))}`,
    `- Figures to include by exact name: ${list(manifest.figures.map((f) => f.name))}`,
    `- Deviation fields to name in deviationsStated: ${list(state.deviations.map((d) => d.field))}`,
  ].join('\n');
}

/** The analyzer role. */
export const analyzerRole: RoleDefinition<'analyzer'> = {
  name: 'analyzer',
  instructions: composeInstructions(INSTRUCTIONS, false),
  buildPrompt: (context: RoleContext) =>
    assemblePrompt(
      [
        repositoryContext(context),
        quoteIssue(context),
        quoteApprovedPlan(context.state),
        quoteRuns(context.state),
        quoteProvenance(context.state),
        quoteFigures(context.state),
        lintTargets(context.state),
      ],
      [
        quoteResult(context.state, '# Your previous clean result (revise it)'),
        quoteFeedback(context.feedback, '# What to change in this round (lint failures, critic findings, the researcher’s words)'),
      ],
    ),
  tools: 'read-only',
  outputSchema: roleOutputSchemas.analyzer,
  maxTurns: 20,
};
