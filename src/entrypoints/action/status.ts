/** The answer to `/epm status`, and what an issue waits for, in GitHub's words. */
import { currentRun, type IssueState } from '../../domain/state.js';

/** The hidden tag that ties a status reply to the comment it answers (not an EPM marker). */
export const statusReplyTag = (commentId: string): string => `<!-- epm-status-reply ${commentId} -->`;

/** What the issue needs next from a human on GitHub, or "nothing". */
export function nextOnGitHub(state: IssueState): string {
  switch (state.status) {
    case 'awaiting-plan-approval':
      return `your review of the plan on the experiment PR at commit ${state.plan?.version.slice(0, 12) ?? '?'}: Approve, or Request changes`;
    case 'awaiting-result-approval':
      return `your review of the clean result on the experiment PR at commit ${state.result?.sha.slice(0, 12) ?? '?'}: Approve, or Request changes`;
    case 'clarifying':
      return 'your answers to the clarifier\'s questions, as a comment on the issue';
    case 'blocked':
      return `your decision: ${state.blocked?.decision ?? ''} — then comment "/epm unblock <note>"`;
    case 'failed':
      return `fix the ${state.failed?.cause ?? ''} cause, then comment "/epm retry"`;
    case 'running':
      return 'the run; the scheduled sweep watches it';
    case 'done':
    case 'aborted':
      return 'nothing';
    default:
      return 'EPM (the next run continues)';
  }
}

/** The status reply. */
export function renderStatusReply(state: IssueState, commentId: string, asker: string, paths: { branch: string }): string {
  const run = currentRun(state);
  const spend = `model $${state.spend.usd.toFixed(2)} of $${state.settings.modelUsdPerExperiment}; GPU-h ${state.runs.reduce((s, r) => s + r.usedGpuHours, 0).toFixed(2)} of ${state.settings.gpuHoursPerExperiment}`;
  return [
    statusReplyTag(commentId),
    `@${asker} #${state.number} is **${state.status}** (lane ${state.lane}).`,
    '',
    `- Next: ${nextOnGitHub(state)}`,
    `- Branch: \`${paths.branch}\``,
    ...(run ? [`- Run ${run.k}: \`${run.tag}\`${run.ended ? `, ended with exit code ${run.ended.exitCode ?? 'none'}` : ', in progress'}`] : []),
    `- Budget: ${spend}`,
    ...state.timeline.slice(-3).map((t) => `- ${t.at.slice(0, 16).replace('T', ' ')} epm:${t.kind} — ${t.summary}`),
  ].join('\n');
}
