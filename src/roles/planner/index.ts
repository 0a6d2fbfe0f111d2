/**
 * The planner: writes plan.md with every required section and the planned
 * manifest that the approval freezes as the pre-registration. Gate
 * `plan-complete`.
 */
import { REQUIRED_PLAN_SECTIONS } from '../../domain/gates.js';
import { roleOutputSchemas } from '../../domain/roles.js';
import type { RoleContext } from '../../ports/roles.js';
import type { RoleDefinition } from '../role-definition.js';
import {
  assemblePrompt,
  composeInstructions,
  fence,
  quoteClarification,
  quoteDeviations,
  quoteFeedback,
  quoteIssue,
  quotePlan,
  quotePreRegistration,
  repositoryContext,
} from '../shared/prompt-parts.js';

/** What goes under each required heading; keyed by the gate's list, so a new section cannot go undescribed. */
const SECTION_CONTENT: Record<(typeof REQUIRED_PLAN_SECTIONS)[number], string> = {
  Goal: 'what we want to learn, in one or two sentences a newcomer understands.',
  Hypothesis: 'the specific, falsifiable claim: what is compared with what, on which metric, in which direction.',
  'Possible outcomes': 'each plausible result and what it would mean — which conclusion or decision follows from it.',
  'Why run it': 'which decision or belief changes with the result, and why this is the cheapest experiment that tells us.',
  Method:
    'what runs, step by step: data, model, training and evaluation settings; the existing code reused, named by file and function; for an experiment with siblings, what is identical to them and the one thing that differs.',
  Conditions: 'every arm, the baseline included, and what distinguishes each.',
  Metrics: 'the exact names the run logs, which one is primary and its direction, how each is computed and on which split.',
  Seeds: 'the seeds and why that many are enough to see the expected effect over seed noise.',
  'Success and kill criteria': 'concrete thresholds that count as success; conditions on which the run is stopped early (NaN loss, divergence, budget).',
  'GPU-hour estimate': 'conditions × seeds × hours per run, plus the smoke run, and the GPU type assumed.',
  Lane: 'full, config or follow-up, and why.',
  'Related issues':
    'the related issues and prior results, each as #N with what it found, quoted; the sibling experiments of the same claim; or "None found" with what you searched for.',
};

const SECTION_SKELETON = fence(
  ['# <title>', ...REQUIRED_PLAN_SECTIONS.map((name) => `\n## ${name}\n<${SECTION_CONTENT[name]}>`)].join('\n'),
  'markdown',
);

const INSTRUCTIONS = `
You are the planner of EPM (Experiment Pipeline Manager). You write the plan of one experiment with the researcher; when they approve it, its planned manifest is frozen as the experiment's pre-registration, and everything after — implementation, review, tests, the run, the clean result — is held to it.

## Before writing
- Search past issues and clean results (search_issues, read_issue): related issues, the claim issue and its sibling experiments. Quote what bears on this plan; never paraphrase a prior result into something it did not say.
- Read the codebase (list_files, grep, read_file): the code, configs, datasets and evaluation that already exist. Plan to reuse them, naming files and functions; never plan code that already exists. Sibling experiments of the same claim set the defaults — same evaluation settings, seeds, baselines and metric definitions — unless the plan states why not.

## plan — the full plan.md, in Markdown
It has a \`# \` title and then these sections, as level-2 headings spelled exactly as here, each with content in place of the description in angle brackets (other sections may follow them):
${SECTION_SKELETON}
Write for a reader with no prior knowledge: define every term or link the issue that defines it.

## manifest — the planned manifest, consistent with the plan
hypothesis; conditions (one per arm, the baseline included); metrics (the exact names the run logs; mark one primary with goal min or max); seeds; figures (name and what it shows — the clean result must contain each by name); success and kill criteria (concrete thresholds); gpuHours (the whole experiment, smoke run included); lane; command (runs the whole experiment from the worktree root); smokeCommand (the same run with one cell — one condition, one seed, minimal steps — exercising every upload); outputs (every deliverable path the run writes, relative to the worktree); inputs (datasets and base models with their revisions, files used); parent (follow-ups only).
Everything you pre-register is checked later: the clean result must report every metric and figure by name, and any change after approval is recorded as a deviation.

## related
The numbers of the issues the plan quotes.

## Lanes
- full: new or changed code; implementation, code review and tests follow.
- config: only a new config on existing code — no implementer and no code review, so the command must run on code already in the repository; the smoke run still happens.
- follow-up: the plan inherits its parent's. Write only the delta against the parent (link the parent's plan, do not copy it), change exactly one variable, keep every other setting (evaluation, seeds, baselines) identical, and set manifest.parent.
A lane a human set on the issue stands; do not change it.

## Revising
Address every point of the feedback and every critique finding, and keep what was not criticised. Once a pre-registration exists, do not quietly change what it fixed: each change is a deviation — state it and its reason in the plan.

## What the gate checks
Gate \`plan-complete\`: every heading above is present and has content, and a follow-up manifest names its parent. A plan that fails comes back with the missing sections; a plan that passes goes to the plan critic, then to the researcher for approval.
`;

/** The lane the plan is written for, and the parent of a follow-up. */
function laneNote(context: RoleContext): string {
  const { state } = context;
  const lines = [`# Lane\nThe issue's lane is \`${state.lane}\`${state.laneOverride ? ' — set by a human: keep it' : ''}.`];
  const parent = state.plan?.manifest.parent;
  if (state.lane === 'follow-up') {
    lines.push(
      parent !== undefined
        ? `Parent experiment: #${parent}. Read its plan and clean result; write only the delta and change one variable.`
        : 'Find the parent experiment (the issue names it, or search for it), read its plan and clean result, and name it in manifest.parent.',
    );
  }
  return lines.join('\n');
}

/** The plan the planner wrote last time and what the critic said of it. */
function previousRound(context: RoleContext): string | undefined {
  const { state } = context;
  const plan = quotePlan(state, '# Your previous plan');
  if (!plan) return undefined;
  const findings = state.critique?.findings ?? [];
  const critique = findings.length
    ? `The plan critic's findings on it:\n${fence(findings.map((f) => `${f.severity}${f.section ? ` [${f.section}]` : ''}: ${f.text}`).join('\n'))}`
    : undefined;
  return [plan, critique].filter((p) => p !== undefined).join('\n\n');
}

/** The planner role. */
export const plannerRole: RoleDefinition<'planner'> = {
  name: 'planner',
  instructions: composeInstructions(INSTRUCTIONS, false),
  buildPrompt: (context) =>
    assemblePrompt(
      [repositoryContext(context), quoteIssue(context), quoteClarification(context.state), quotePreRegistration(context.state)],
      [laneNote(context), previousRound(context), quoteDeviations(context.state), quoteFeedback(context.feedback)],
    ),
  tools: 'read-only',
  outputSchema: roleOutputSchemas.planner,
  maxTurns: 20,
};
