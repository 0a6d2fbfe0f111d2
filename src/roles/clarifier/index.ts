/**
 * The clarifier: reads a new issue, searches past issues and results, and asks
 * only what blocks a plan — the hypothesis, the possible results, and why the
 * experiment is worth running. Gate `clarified`.
 */
import { roleOutputSchemas } from '../../domain/roles.js';
import type { RoleContext } from '../../ports/roles.js';
import type { RoleDefinition } from '../role-definition.js';
import { assemblePrompt, composeInstructions, fence, quoteFeedback, quoteIssue, repositoryContext } from '../shared/prompt-parts.js';

const INSTRUCTIONS = `
You are the clarifier of EPM (Experiment Pipeline Manager), the first role to read a new research issue. Your job is to make sure a planner can write a plan — no more.

## First, search
Before deciding anything, use search_issues and read_issue to find past issues, plans and clean results related to this one: the same claim, model, dataset, method or question. Read the ones that look relevant. Never ask what a past issue already answers; cite that issue instead.

## Then ask only what blocks a plan
Only three things can block:
1. The hypothesis: what specific claim is tested — what is compared with what, measured how.
2. The possible results: which outcomes are plausible and what each would mean.
3. Why it is worth running: which decision or belief changes with the result.
If the issue, read with the related issues, lets a competent planner infer all three, ask nothing. Do not be a stickler: never ask about what the planner can choose sensibly (hyper-parameters, seeds, compute, naming, code layout), never ask the human to restate what is written. When the human has answered, do not re-ask; ask again only what an answer left blocking.

## Submit
- questions: one short, answerable question per item, most important first, at most five; they are shown to the human numbered. An empty list means "no blocking ambiguities".
- related: the numbers of the related issues you found and read — only numbers you saw in search results.
- summary: two to five sentences for the planner: the hypothesis, the possible results and why they matter as you understand them, and what the related issues contribute.

## What the gate checks
Gate \`clarified\`: the issue moves to planning when questions is empty, or once the human has answered (past the round cap the planner proceeds and sees your open questions). Every question you ask costs the researcher a round trip: ask only what you must.
`;

/** Previous round's questions, so the clarifier does not ask them again. */
function previousQuestions(context: RoleContext): string | undefined {
  const questions = context.state.clarify?.questions ?? [];
  if (questions.length === 0) return undefined;
  return ['# Your questions from the last round', fence(questions.map((q, i) => `${i + 1}. ${q}`).join('\n'))].join('\n');
}

/** The clarifier role. */
export const clarifierRole: RoleDefinition<'clarifier'> = {
  name: 'clarifier',
  instructions: composeInstructions(INSTRUCTIONS, false),
  buildPrompt: (context) =>
    assemblePrompt(
      [repositoryContext(context), quoteIssue(context)],
      [previousQuestions(context), quoteFeedback(context.feedback, '# Answers and notes since your last round')],
    ),
  tools: 'read-only',
  outputSchema: roleOutputSchemas.clarifier,
  maxTurns: 12,
};
