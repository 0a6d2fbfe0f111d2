/**
 * The experiment PR's body: the stage checklist of the issue's route, what the
 * PR holds, and what the reviewer is asked for. Pure, rendered from the state
 * after every engine run; the PR body is a view, never read back.
 */
import { MAIN_STATUSES, routeFor, type MainStatus } from './lifecycle.js';
import type { IssueState } from './state.js';
import { versionAwaitingApproval } from './state.js';

const STAGE_TEXT: Record<MainStatus, string> = {
  proposed: 'Proposed',
  clarifying: 'Clarified',
  planning: 'Planned (`plan.md` + planned manifest)',
  'plan-review': 'Plan critiqued',
  'awaiting-plan-approval': 'Plan approved by a human (PR review: Approve)',
  implementing: 'Implemented',
  'code-review': 'Code reviewed',
  testing: 'Tested, smoke run uploads verified',
  running: 'Run',
  verifying: 'Provenance recorded, uploads verified, compute released',
  analyzing: 'Clean result and figures written',
  'result-review': 'Result critiqued (overclaims, statistics)',
  'awaiting-result-approval': 'Result approved by a human (PR review: Approve)',
  done: 'Follow-ups proposed',
};

/** Marks the body as EPM's, with the issue it belongs to. */
export const pullMarker = (issue: number): string => `<!-- epm-pull issue=${issue} -->`;

/** The PR title. */
export const pullTitle = (state: Pick<IssueState, 'number' | 'title'>): string => `#${state.number}: ${state.title}`.slice(0, 250);

/** Renders the PR body for the state. */
export function renderPullBody(state: IssueState, paths: { plan: string; result: string }): string {
  const route = routeFor(state.type ?? 'experiment', state.lane);
  const current = (MAIN_STATUSES as readonly string[]).includes(state.status) ? (state.status as MainStatus) : state.blocked?.from;
  const at = current ? route.indexOf(current as MainStatus) : -1;
  const lines = [
    pullMarker(state.number),
    `Experiment of #${state.number}. EPM keeps this PR in step with the issue; the issue's comments hold the record.`,
    '',
    '### Stages',
    ...route.map((status, i) => {
      const done = state.status === 'done' ? true : i < at;
      const here = i === at && state.status !== 'done';
      return `- [${done ? 'x' : ' '}] ${STAGE_TEXT[status]}${here ? ' ← **now**' : ''}`;
    }),
  ];
  if (state.status === 'blocked' || state.status === 'failed' || state.status === 'aborted') {
    lines.push('', `**${state.status}**: ${state.blocked?.decision ?? state.failed?.detail ?? state.aborted?.reason ?? ''}`.trimEnd());
  }
  const awaiting = versionAwaitingApproval(state);
  if (awaiting) {
    const what = state.status === 'awaiting-plan-approval' ? `the plan (\`${paths.plan}\`)` : `the clean result (\`${paths.result}\`)`;
    lines.push('', `### Your review`, `Review ${what} at commit \`${awaiting}\`: **Approve** to go on, **Request changes** (or comment on lines) to have it revised. An approval of any other commit is refused.`);
  }
  lines.push('', '### On this branch', `- Plan: \`${paths.plan}\``);
  if (state.result) lines.push(`- Clean result: \`${state.result.path}\` — ${state.result.title}`);
  for (const figure of state.figures?.files ?? []) lines.push(`- Figure: \`${figure.png}\``);
  if (state.provenance) {
    const signature = state.provenance.signature;
    lines.push(`- Provenance (run ${state.provenance.k}): sha256 \`${state.provenance.sha256}\`${signature ? `, signed by \`${signature.identity}\` (${signature.transparency})` : ', unsigned'} — in the release \`${state.runs.find((r) => r.k === state.provenance!.k)?.tag ?? ''}\``);
  }
  return lines.join('\n') + '\n';
}
