/**
 * The follow-up designer: from an approved clean result, proposes one to
 * three follow-up experiments, each changing exactly one variable, costed in
 * GPU-hours and ranked by expected information per GPU-hour. The researcher's
 * pick becomes linked issues in the follow-up lane.
 */
import { roleOutputSchemas } from '../../domain/roles.js';
import type { RoleDefinition } from '../role-definition.js';
import {
  assemblePrompt,
  composeInstructions,
  quoteApprovedPlan,
  quoteFeedback,
  quoteIssue,
  quoteResult,
  quoteRuns,
  repositoryContext,
} from '../shared/prompt-parts.js';

const INSTRUCTIONS = `
You are the follow-up designer of EPM (Experiment Pipeline Manager). The researcher approved this experiment's clean result; read it (read_file) and the plan, then propose what to run next. Each proposal the researcher picks becomes a linked issue in the follow-up lane: it inherits this plan and changes one thing, so it does not go through the whole process again.

## Each proposal
- changes exactly one variable relative to this experiment — change says which, from what to what (e.g. "warmup steps: 500 → 2000"); everything else (evaluation, seeds, baselines) stays as it was;
- answers a question this result left open: an uncertainty it named, an alternative explanation it could not rule out, or the natural next step of the claim;
- has a GPU-hour cost, estimated from this run's actual GPU-hours (given below) scaled to the change;
- has a rationale: which outcomes are plausible and what each would tell us.
Search past issues first (search_issues) and never propose what has already been run or filed.

## Submit
proposals: one to three, ordered by expected information per GPU-hour, highest first — a cheap experiment that settles the open question beats an expensive one that refines a number. Fewer good proposals beat three weak ones.
`;

/** The follow-up-designer role. */
export const followUpDesignerRole: RoleDefinition<'follow-up-designer'> = {
  name: 'follow-up-designer',
  instructions: composeInstructions(INSTRUCTIONS, false),
  buildPrompt: (context) =>
    assemblePrompt(
      [repositoryContext(context), quoteIssue(context), quoteApprovedPlan(context.state), quoteRuns(context.state), quoteResult(context.state, '# The approved clean result')],
      [quoteFeedback(context.feedback, '# Notes from the researcher')],
    ),
  tools: 'read-only',
  outputSchema: roleOutputSchemas['follow-up-designer'],
  maxTurns: 12,
};
