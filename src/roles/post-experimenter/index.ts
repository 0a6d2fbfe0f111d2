/**
 * The post-experimenter: after the run ends, checks the reproducibility
 * checklist of the researcher's request, one item each. Gate
 * `checklist-complete`.
 */
import { roleOutputSchemas } from '../../domain/roles.js';
import type { IssueState } from '../../domain/state.js';
import type { RoleDefinition } from '../role-definition.js';
import {
  assemblePrompt,
  composeInstructions,
  fence,
  quoteApprovedPlan,
  quoteFeedback,
  quoteProvenance,
  quoteRuns,
  repositoryContext,
} from '../shared/prompt-parts.js';

/** The reproducibility checklist, one item each, in the order the researcher listed them. */
export const REPRODUCIBILITY_CHECKLIST = [
  'git commit: the commit that produced the run, tagged epm/run/<N>/<k> and reachable',
  'environment snapshot: lockfiles, interpreter and package versions, OS, GPU driver/CUDA recorded',
  'compute: the pod or machine that ran it (provider, id, GPU type and count) recorded',
  'command: the exact command, config and its digest, and seeds recorded',
  'artifacts created: every declared output exists and is hashed in the provenance manifest',
  'artifacts used: every input (datasets, base models with their revisions, files) recorded and hashed',
  'results on W&B: the run exists, its commit and config match, every pre-registered metric is logged',
  'checkpoints on Hugging Face: every declared checkpoint or adapter uploaded at the recorded revision',
  'tracker issue: the issue (and its Linear projection) links the run, the manifest and shows the current stage',
  'compute released: the pod is paused or released; nothing is left billing',
] as const;

const INSTRUCTIONS = `
You are the post-experimenter of EPM (Experiment Pipeline Manager). The run has ended. You check that it can be reproduced from its records alone — the researcher's reproducibility checklist — before anyone analyses it.

## The checklist: submit exactly one entry per item, in this order, with the item text as given
${REPRODUCIBILITY_CHECKLIST.map((item, i) => `${i + 1}. ${item}`).join('\n')}

For each: ok true only when you verified it from evidence — the provenance statement and EPM's upload-verification table (both quoted below when recorded), the run's files and log, the issue. Put the evidence in detail (path, digest, URL, revision). When an item does not apply (for example the plan declares no checkpoints), mark it ok with detail "not applicable: …" saying why. When you cannot verify an item, it is not ok: say in detail what is missing and what would fix it. Never mark an item ok on an assumption.

## What the gate checks
Gate \`checklist-complete\`: every item ok and no compute left allocated. A failed item blocks the experiment until a human resolves it, so be exact about what is missing.
`;

/** EPM's upload-verification table: the evidence for the upload items. */
function quoteVerification(state: Readonly<IssueState>): string {
  const { verification } = state;
  if (!verification) return '# Upload verification\nNo upload verification is recorded: the upload items cannot be ok.';
  return [
    `# Upload verification (${verification.passed ? 'passed' : 'FAILED'})`,
    fence(verification.rows.map((r) => `${r.verdict} ${r.kind} ${r.artifact}: ${r.reason}`).join('\n')),
  ].join('\n');
}

/** The post-experimenter role. */
export const postExperimenterRole: RoleDefinition<'post-experimenter'> = {
  name: 'post-experimenter',
  instructions: composeInstructions(INSTRUCTIONS, false),
  buildPrompt: (context) =>
    assemblePrompt(
      [repositoryContext(context), quoteApprovedPlan(context.state)],
      [
        quoteRuns(context.state),
        quoteProvenance(context.state) ?? '# Provenance\nNo provenance statement is recorded: the items that depend on it cannot be ok.',
        quoteVerification(context.state),
        quoteFeedback(context.feedback, '# Notes for this check'),
      ],
    ),
  tools: 'read-only',
  outputSchema: roleOutputSchemas['post-experimenter'],
  maxTurns: 16,
};
