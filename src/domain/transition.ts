/**
 * The lifecycle as a pure function: `transition(state, event) → [next, effects]`.
 * A recorded event moves the state through its gate; a `tick` asks what is due.
 * Nothing here performs I/O.
 */
import { conflict } from './errors.js';
import type { Effect } from './effects.js';
import type { LifecycleEvent, EventMeta, RecordedEvent } from './events.js';
import {
  gateApprovalCurrent,
  gateBuildsAndLints,
  gateChecklistComplete,
  gateClarified,
  gateCleanResultLint,
  gateCodeReviewPass,
  gateNoBlocker,
  gatePlanComplete,
  gateResultCriticPass,
  gateRunExited,
  gateTestsGreen,
  gateTypeKnown,
  gateUploadsVerified,
  type GateResult,
} from './gates.js';
import { isWhackAMole, nextWakeAt } from './detectors.js';
import { diffManifest } from './planned-manifest.js';
import {
  AWAITING_HUMAN,
  TERMINAL,
  laneLabel,
  nextOnRoute,
  readLabels,
  routeFor,
  statusLabel,
  typeLabel,
  LABEL_PREFIX,
  type MainStatus,
  type Status,
} from './lifecycle.js';
import { cloneState, currentRun, versionAwaitingApproval, type IssueState, type LoopName } from './state.js';
import type { RoleName } from './roles.js';

/** The wake-up event: "look at the state and say what is due". */
export interface TickEvent {
  kind: 'tick';
  /** ISO-8601 now, for wake schedules. */
  now: string;
}

/** What `apply` decided about an event. */
export interface Applied {
  from: Status;
  to: Status;
  gate?: GateResult;
  summary: string;
}

/** Statuses before plan approval, where the lane can still change and revise restarts planning. */
const BEFORE_PLAN_APPROVAL: readonly Status[] = ['proposed', 'clarifying', 'planning', 'plan-review', 'awaiting-plan-approval'];
const RESULT_STATUSES: readonly Status[] = ['analyzing', 'result-review', 'awaiting-result-approval'];

/** The status after `from` on this issue's route. */
function nextStatus(state: IssueState, from: MainStatus): Status {
  const route = routeFor(state.type ?? state.settings.defaultType, state.lane);
  return nextOnRoute(route, from) ?? 'done';
}

const expectStatus = (state: IssueState, event: LifecycleEvent, ...allowed: Status[]): void => {
  if (!allowed.includes(state.status)) {
    throw conflict(`a ${event.kind} event does not apply in status ${state.status} (expected ${allowed.join(' or ')})`, {
      issue: state.number,
      hint: 'it is stale (the issue moved on); run "epm show" to see the current status',
    });
  }
};

/** Blocks with the decision asked of the human; "retry"/"unblock" resume at `from` (default: where it stopped). */
const block = (state: IssueState, decision: string, from: Status = state.status): Status => {
  state.blocked = { decision, from };
  return 'blocked';
};

const resetLoop = (state: IssueState, loop: LoopName): void => {
  state.loops[loop] = { round: 0, classes: [] };
};

/** At a loop's cap: re-plan once (new cycle), then block with the disagreement stated. */
function capReached(state: IssueState, loop: LoopName, disagreement: string[]): Status {
  if (state.settings.replanAtCap && !state.replanned) {
    state.replanned = true;
    state.cycle += 1;
    for (const name of ['plan', 'implement', 'code', 'test'] as const) resetLoop(state, name);
    state.awaitingFix = undefined;
    state.findings = [`strategy change: the ${loop} loop reached its cap of ${state.settings.maxRounds} rounds; unresolved: ${disagreement.join('; ')}`];
    return 'planning';
  }
  return block(state, `the ${loop} loop reached its cap of ${state.settings.maxRounds} rounds${state.replanned ? ' after a re-plan' : ''}; unresolved: ${disagreement.join('; ')}. Decide, then "epm unblock" with a note (or "epm abort")`);
}

/** Records a review round's failure classes and decides whether to loop again, re-plan or block. */
function failRound(state: IssueState, loop: 'code' | 'test', reasons: string[], classes: string[]): Status {
  const progress = state.loops[loop];
  progress.round += 1;
  progress.classes.push([...new Set(classes)]);
  state.findings = reasons;
  if (isWhackAMole(progress.classes)) {
    state.awaitingFix = undefined;
    return capReached(state, loop, [`whack-a-mole: three fix rounds each failed on a new bug class (${progress.classes.slice(-3).flat().join(', ')})`, ...reasons]);
  }
  if (progress.round >= state.settings.maxRounds) {
    state.awaitingFix = undefined;
    return capReached(state, loop, reasons);
  }
  state.awaitingFix = loop;
  return state.status;
}

/**
 * Applies one event to a state in place and says what moved. Throws a
 * `conflict` error when the event does not fit the state (a human approving
 * when nothing awaits approval, a stale role result). Every check runs before
 * the first mutation, so a rejected event leaves the state untouched.
 */
export function apply(state: IssueState, event: RecordedEvent | (LifecycleEvent & EventMeta)): Applied {
  const from = state.status;
  let to: Status = from;
  let gate: GateResult | undefined;
  let summary: string = event.kind;

  switch (event.kind) {
    case 'auto-defaults': {
      expectStatus(state, event, 'proposed');
      state.type = event.type;
      if (!state.laneOverride) state.lane = event.lane;
      gate = gateTypeKnown(event.type);
      summary = `defaults applied: ${event.applied.join(', ') || 'none needed'}`;
      if (gate.passed && event.type !== 'claim') to = 'clarifying';
      break;
    }
    case 'clarify': {
      expectStatus(state, event, 'clarifying');
      const rounds = (state.clarify?.rounds ?? 0) + 1;
      state.clarify = { questions: event.output.questions, position: state.position, rounds };
      // Past the cap the planner proceeds and sees the open questions.
      gate = gateClarified(event.output.questions, rounds >= state.settings.maxRounds);
      summary = event.output.questions.length === 0 ? 'no blocking ambiguities' : `${event.output.questions.length} question(s) asked`;
      if (gate.passed) {
        to = 'planning';
        state.findings = event.output.questions.length ? [`open questions: ${event.output.questions.join(' | ')}`] : [];
      }
      break;
    }
    case 'plan': {
      expectStatus(state, event, 'planning');
      gate = gatePlanComplete(event.output.plan, event.output.manifest);
      summary = `plan ${event.version.slice(0, 12)} (${event.path})`;
      if (gate.passed) {
        state.plan = { version: event.version, path: event.path, manifest: event.output.manifest, position: state.position };
        if (!state.laneOverride) state.lane = event.output.manifest.lane;
        state.deviations = state.frozen ? diffManifest(state.frozen.manifest, event.output.manifest) : [];
        state.planGateFailures = 0;
        state.findings = [];
        to = 'plan-review';
      } else {
        state.planGateFailures += 1;
        state.findings = gate.reasons;
        if (state.planGateFailures > state.settings.planGateRetries) {
          to = block(state, `the plan failed the section gate ${state.planGateFailures} times: ${gate.reasons.join('; ')}. Give the planner guidance with "epm unblock N --note '<guidance>'" (or fix plan.md on the branch, then unblock)`);
        }
      }
      break;
    }
    case 'plan-critique': {
      expectStatus(state, event, 'plan-review');
      gate = gateNoBlocker(event.output);
      summary = `${event.output.findings.length} finding(s), ${gate.reasons.length} blocker(s)`;
      state.critique = { findings: event.output.findings, unresolved: false };
      if (gate.passed) {
        to = 'awaiting-plan-approval';
        state.findings = [];
      } else {
        state.loops.plan.round += 1;
        state.findings = gate.reasons;
        if (state.loops.plan.round >= state.settings.maxRounds) {
          // Past the cap a human decides, with the unresolved blockers in front of them.
          state.critique.unresolved = true;
          to = 'awaiting-plan-approval';
        } else {
          to = 'planning';
        }
      }
      break;
    }
    case 'approval': {
      const stage = state.status === 'awaiting-result-approval' ? 'result' : 'plan';
      if (!AWAITING_HUMAN.includes(state.status) || stage !== event.stage) {
        throw conflict(`nothing awaits ${event.stage} approval (status: ${state.status})`, {
          issue: state.number,
          hint: 'approvals apply in awaiting-plan-approval or awaiting-result-approval; run "epm show" to see what is due',
        });
      }
      gate = gateApprovalCurrent(event.version, versionAwaitingApproval(state));
      if (!gate.passed) {
        throw conflict(`stale approval: ${gate.reasons.join('; ')}`, {
          issue: state.number,
          hint: `review and approve the current version ${versionAwaitingApproval(state)?.slice(0, 12) ?? ''}`,
        });
      }
      state.approvals.push({ stage: event.stage, version: event.version, actor: event.actor, at: event.at });
      summary = `${event.stage} ${event.version.slice(0, 12)} approved by ${event.actor}`;
      if (event.stage === 'plan' && state.plan) {
        state.frozen ??= { manifest: state.plan.manifest, version: event.version, approver: event.actor, at: event.at };
        state.laneConfirmed = true;
        state.findings = [];
      }
      to = nextStatus(state, state.status as MainStatus);
      break;
    }
    case 'revise': {
      summary = `revision asked by ${event.actor}`;
      const feedback = { source: event.source, author: event.actor, text: event.message, position: state.position };
      if (state.status === 'clarifying' || BEFORE_PLAN_APPROVAL.includes(state.status) && state.status !== 'proposed') {
        state.feedback.push(feedback);
        if (state.status !== 'clarifying') {
          state.cycle += 1;
          resetLoop(state, 'plan');
          to = 'planning';
        }
      } else if (RESULT_STATUSES.includes(state.status)) {
        state.feedback.push(feedback);
        resetLoop(state, 'result');
        to = 'analyzing';
      } else {
        throw conflict(`revise does not apply in status ${state.status}`, {
          issue: state.number,
          hint: 'revise applies while clarifying, planning or awaiting an approval; to stop the work use "epm abort"',
        });
      }
      break;
    }
    case 'lane': {
      if (!BEFORE_PLAN_APPROVAL.includes(state.status)) {
        throw conflict(`the lane was confirmed by the plan approval and cannot change in status ${state.status}`, {
          issue: state.number,
          hint: 'revise the plan ("epm revise") to change how the experiment runs',
        });
      }
      state.laneOverride = event.lane;
      state.lane = event.lane;
      summary = `lane set to ${event.lane} by ${event.actor}`;
      break;
    }
    case 'abort': {
      if (TERMINAL.includes(state.status)) {
        throw conflict(`the issue is already ${state.status}`, { issue: state.number, hint: 'nothing to abort' });
      }
      state.aborted = { reason: event.reason, actor: event.actor, from: state.status };
      summary = `aborted by ${event.actor}${event.reason ? `: ${event.reason}` : ''}`;
      to = 'aborted';
      break;
    }
    case 'retry':
    case 'unblock': {
      if (event.kind === 'retry' && state.status === 'done' && state.followUpsFailed) {
        state.followUpsFailed = undefined;
        summary = `retry of the follow-ups by ${event.actor}`;
        break;
      }
      const side = state.status === 'failed' ? state.failed : state.status === 'blocked' ? state.blocked : undefined;
      if (!side || (event.kind === 'unblock' && state.status !== 'blocked')) {
        throw conflict(`${event.kind} does not apply in status ${state.status}`, {
          issue: state.number,
          hint: event.kind === 'retry' ? 'retry applies to failed or blocked issues' : 'unblock applies to blocked issues',
        });
      }
      to = side.from;
      if (event.kind === 'unblock' && event.note) {
        state.feedback.push({ source: event.source, author: event.actor, text: event.note, position: state.position });
      }
      // The human has decided: the loop that stopped gets a fresh budget of rounds.
      for (const loop of ['plan', 'implement', 'code', 'test', 'result'] as const) resetLoop(state, loop);
      state.planGateFailures = 0;
      if (to === 'running') {
        const run = currentRun(state);
        if (!run || run.ended || run.released) state.relaunchDue = true;
      }
      // Back in verifying, verification runs again on what is there now.
      if (to === 'verifying') state.verification = undefined;
      state.blocked = undefined;
      state.failed = undefined;
      summary = `${event.kind} by ${event.actor}`;
      break;
    }
    case 'rejected': {
      summary = `command "${event.command}" from ${event.actor} refused: ${event.reason}`;
      break;
    }
    case 'implementation': {
      expectStatus(state, event, 'implementing');
      gate = gateBuildsAndLints(event.checks);
      state.implementation = { sha: event.sha, report: event.output };
      summary = `implementation ${event.sha.slice(0, 12)}: ${event.output.done.length} done, ${event.output.notDone.length} not done`;
      if (gate.passed) {
        state.findings = [];
        to = 'code-review';
      } else {
        state.findings = gate.reasons;
        state.loops.implement.round += 1;
        if (state.loops.implement.round >= state.settings.maxRounds) to = capReached(state, 'implement', gate.reasons);
      }
      break;
    }
    case 'code-review': {
      expectStatus(state, event, 'code-review');
      if (state.awaitingFix) throw conflict('a review arrived while a fix is due', { issue: state.number, hint: 'it is stale: the fixer answers the last review first; run "epm tick"' });
      gate = gateCodeReviewPass(event.output);
      summary = `code review: ${event.output.verdict}`;
      if (gate.passed) {
        state.findings = [];
        to = nextStatus(state, 'code-review');
      } else {
        to = failRound(state, 'code', gate.reasons, event.output.findings.map((f) => f.class));
      }
      break;
    }
    case 'fix': {
      expectStatus(state, event, event.loop === 'code' ? 'code-review' : 'testing');
      if (state.awaitingFix !== event.loop) throw conflict(`no ${event.loop} fix is due`, { issue: state.number, hint: 'it is stale: the last review or test asked for no fix; run "epm show" to see what is due' });
      gate = gateBuildsAndLints(event.checks);
      summary = `fix ${event.sha.slice(0, 12)}: ${event.output.fixed.map((f) => f.class).join(', ')}`;
      if (gate.passed) {
        state.awaitingFix = undefined;
        state.findings = [];
      } else {
        // A fix that does not even build is a failed round of the same loop.
        const progress = state.loops[event.loop];
        progress.round += 1;
        progress.classes.push(['checks']);
        state.findings = gate.reasons;
        if (progress.round >= state.settings.maxRounds) {
          state.awaitingFix = undefined;
          to = capReached(state, event.loop, gate.reasons);
        }
      }
      break;
    }
    case 'test-verdict': {
      expectStatus(state, event, 'testing');
      if (state.awaitingFix) throw conflict('a test verdict arrived while a fix is due', { issue: state.number, hint: 'it is stale: the fixer answers the last failures first; run "epm tick"' });
      gate = gateTestsGreen(event.output);
      summary = `tests ${event.output.verdict}; smoke ${event.output.smoke.ran ? 'ran' : 'did not run'}`;
      if (gate.passed) {
        state.findings = [];
        to = nextStatus(state, 'testing');
      } else {
        to = failRound(state, 'test', gate.reasons, event.output.failures.map((f) => f.class));
      }
      break;
    }
    case 'launch': {
      expectStatus(state, event, 'running');
      state.runs.push({
        k: event.k,
        runId: event.runId,
        sha: event.sha,
        tag: event.tag,
        logPath: event.logPath,
        startedAt: event.startedAt,
        command: event.command,
        wakes: 0,
        findings: [],
        usedGpuHours: 0,
        projectedGpuHours: 0,
        released: false,
      });
      state.relaunchDue = false;
      summary = `run ${event.k} launched at ${event.sha.slice(0, 12)} (${event.tag})`;
      break;
    }
    case 'launch-refused': {
      expectStatus(state, event, 'running');
      summary = `run ${event.k} not launched: ${event.reason}`;
      to = block(state, `run ${event.k} was not launched: ${event.reason}. Fix the worktree, then "epm retry"`);
      state.relaunchDue = true;
      break;
    }
    case 'progress': {
      expectStatus(state, event, 'running');
      const run = runNumbered(state, event.k);
      if (event.wake) run.wakes += 1;
      run.findings = event.observation.findings;
      run.usedGpuHours = event.usedGpuHours;
      run.projectedGpuHours = event.projectedGpuHours;
      summary = `run ${event.k}: ${event.observation.state}${event.observation.phase ? ` [${event.observation.phase}]` : ''}${event.observation.findings.length ? ` — ${event.observation.findings.join(', ')}` : ''}`;
      const planned = state.frozen?.manifest.gpuHours ?? state.plan?.manifest.gpuHours;
      const used = state.runs.reduce((sum, r) => sum + r.usedGpuHours, 0);
      if (used >= state.settings.gpuHoursPerExperiment) {
        to = block(state, `the GPU-hour budget is exhausted (${used.toFixed(2)} of ${state.settings.gpuHoursPerExperiment} used, run ${event.k} still allocated); raise budgets.gpuHoursPerExperiment and "epm unblock", or "epm abort" to release it`);
      } else if (planned !== undefined && event.projectedGpuHours > state.settings.computeDeviationFactor * planned) {
        to = block(state, `run ${event.k} is projected to use ${event.projectedGpuHours.toFixed(2)} GPU-hours, over ${state.settings.computeDeviationFactor}× the planned ${planned}; decide whether to continue ("epm unblock") or stop ("epm abort")`);
      }
      break;
    }
    case 'run-ended': {
      expectStatus(state, event, 'running');
      const run = runNumbered(state, event.k);
      run.ended = { exitCode: event.exitCode, missingOutputs: event.missingOutputs, endedAt: event.endedAt, lost: event.lost };
      const hours = (Date.parse(event.endedAt) - Date.parse(run.startedAt)) / 3_600_000;
      if (Number.isFinite(hours) && hours > run.usedGpuHours) run.usedGpuHours = hours;
      gate = gateRunExited(event.exitCode, event.missingOutputs);
      summary = `run ${event.k} ${event.lost ? 'died without a sentinel' : `exited ${event.exitCode}`}`;
      if (gate.passed) {
        run.findings = [];
        to = nextStatus(state, 'running');
      } else {
        run.findings = gate.reasons;
      }
      break;
    }
    case 'hot-fix': {
      expectStatus(state, event, 'running');
      const run = runNumbered(state, event.k);
      const { output } = event;
      summary = `experimenter: ${output.action} (${output.classification}) — ${output.diagnosis}`;
      run.findings = [];
      // The size of a hot-fix is what EPM counted in the diff, not what the experimenter says.
      const fixLines = event.measuredLines ?? output.hotFix?.linesChanged ?? Infinity;
      const smallFix = output.action === 'hot-fix' && !!output.hotFix && fixLines <= 10 && !output.hotFix.logicChange;
      const relaunching = output.action === 'relaunch' || smallFix;
      if (output.action === 'continue' && run.ended) {
        to = block(state, `run ${event.k} has ended (${run.ended.lost ? 'without a sentinel' : `exit ${run.ended.exitCode}`}) and the experimenter chose to continue: ${output.diagnosis}. Decide: "epm retry" to relaunch, or "epm abort"`);
      } else if (relaunching && state.runs.length >= state.settings.maxRounds) {
        to = block(state, `run attempt ${event.k} of ${state.settings.maxRounds} failed (${output.diagnosis}); no automatic relaunch is left. Decide, then "epm unblock" (or "epm abort")`);
      } else if (output.action === 'fail') {
        state.failed = { cause: output.classification === 'none' ? 'infra' : output.classification, detail: output.diagnosis, from: 'running' };
        to = 'failed';
      } else if (output.action === 'hot-fix') {
        if (!smallFix) {
          // Anything bigger than a small non-logic fix goes back to the implementer.
          state.findings = [`run ${event.k} needs a code change (${Number.isFinite(fixLines) ? `${fixLines} lines` : 'no fix described'}${output.hotFix?.logicChange ? ', logic change' : ''}): ${output.diagnosis}`];
          resetLoop(state, 'implement');
          state.relaunchDue = true;
          to = state.lane === 'config' ? 'testing' : 'implementing';
        } else {
          state.relaunchDue = true;
        }
      } else if (output.action === 'relaunch') {
        state.relaunchDue = true;
      }
      break;
    }
    case 'compute-released': {
      const run = runNumbered(state, event.k);
      run.released = true;
      state.spend.gpuHours = state.runs.reduce((sum, r) => sum + r.usedGpuHours, 0);
      summary = `compute of run ${event.k} released`;
      break;
    }
    case 'provenance': {
      expectStatus(state, event, 'verifying');
      state.provenance = { k: event.k, path: event.path, sha256: event.sha256, subjects: event.subjects, expected: event.expected, ...(event.signature ? { signature: event.signature } : {}) };
      state.verification = undefined;
      summary = `provenance of run ${event.k}: ${event.subjects.length} subject(s), statement sha256 ${event.sha256.slice(0, 12)}…${event.signature ? `, signed by ${event.signature.identity}` : ', unsigned'}`;
      break;
    }
    case 'upload-verified': {
      expectStatus(state, event, 'verifying');
      gate = gateUploadsVerified(event.rows);
      state.verification = { rows: event.rows, passed: gate.passed };
      summary = `upload verification: ${event.rows.filter((r) => r.verdict === 'PASS').length}/${event.rows.length} PASS`;
      if (!gate.passed) {
        to = block(state, `upload verification failed: ${gate.reasons.join('; ')}. Fix the uploads, then "epm retry" to verify again`);
      }
      break;
    }
    case 'checklist': {
      expectStatus(state, event, 'verifying');
      state.checklist = event.output;
      gate = gateChecklistComplete(event.output, state.runs.every((r) => r.released), state.verification?.passed ?? false);
      summary = `checklist: ${event.output.checklist.filter((c) => c.ok).length}/${event.output.checklist.length} ok`;
      to = gate.passed ? nextStatus(state, 'verifying') : block(state, `the reproducibility checklist is incomplete: ${gate.reasons.join('; ')}`);
      break;
    }
    case 'figures': {
      expectStatus(state, event, 'analyzing');
      state.figures = { k: event.k, sha: event.sha, files: event.files };
      summary = `${event.files.length} figure(s) rendered at ${event.sha.slice(0, 12)}`;
      break;
    }
    case 'clean-result': {
      expectStatus(state, event, 'analyzing');
      gate = event.lint
        ? { gate: 'clean-result-lint', passed: event.lint.ok, reasons: event.lint.problems.map((p) => `${p.rule}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`) }
        : gateCleanResultLint(event.output, state.frozen?.manifest ?? state.plan?.manifest, state.deviations);
      summary = `clean result ${event.sha.slice(0, 12)}: ${event.output.title}`;
      if (gate.passed) {
        state.result = { sha: event.sha, path: event.path, title: event.output.title, confidence: event.output.confidence, position: state.position };
        state.findings = [];
        to = 'result-review';
      } else {
        state.findings = gate.reasons;
        state.loops.result.round += 1;
        if (state.loops.result.round >= state.settings.maxRounds) {
          to = block(state, `the clean result failed its lint ${state.loops.result.round} times: ${gate.reasons.join('; ')}`);
        }
      }
      break;
    }
    case 'result-critique': {
      expectStatus(state, event, 'result-review');
      gate = gateResultCriticPass(event.output);
      summary = `result critique: ${event.output.verdict}`;
      if (gate.passed) {
        state.findings = [];
        to = 'awaiting-result-approval';
      } else {
        state.findings = gate.reasons;
        state.loops.result.round += 1;
        // Past the cap a human decides, with the critic's findings in front of them.
        to = state.loops.result.round >= state.settings.maxRounds ? 'awaiting-result-approval' : 'analyzing';
      }
      break;
    }
    case 'follow-ups': {
      expectStatus(state, event, 'done');
      state.followUps = event.output;
      summary = `${event.output.proposals.length} follow-up proposal(s)`;
      break;
    }
    case 'role-error': {
      summary = `${event.role} failed: ${event.error}`;
      // Done stays done; the follow-ups wait for "retry" instead of being attempted again on every wake.
      if (state.status === 'done') state.followUpsFailed = event.error;
      if (!TERMINAL.includes(state.status) && state.status !== 'blocked' && state.status !== 'failed') {
        if (event.relaunch && state.status === 'verifying') {
          to = block(state, `role ${event.role} failed: ${event.error}. "epm retry" relaunches the run`, 'running'); // retry → running, with a relaunch due
        } else {
          to = block(state, `role ${event.role} failed: ${event.error}. Fix the cause, then "epm retry"`);
        }
      }
      break;
    }
    case 'budget-stop': {
      summary = `budget stop: ${event.what} ${event.used.toFixed(2)} of ${event.limit}`;
      if (!TERMINAL.includes(state.status) && state.status !== 'blocked' && state.status !== 'failed') {
        to = block(state, `the ${event.what === 'model-usd' ? 'model spend' : 'GPU-hour'} budget is exhausted (${event.used.toFixed(2)} of ${event.limit}); raise budgets in the config or abort, then "epm unblock"`);
      }
      break;
    }
  }

  if (event.usage) {
    state.spend.usd += event.usage.usd;
    state.spend.inputTokens += event.usage.inputTokens;
    state.spend.outputTokens += event.usage.outputTokens;
    const role = event.kind === 'role-error' ? event.role : (roleOfMarker(event.kind) ?? 'engine');
    const entry = (state.spendByRole[role] ??= { calls: 0, usd: 0, inputTokens: 0, outputTokens: 0 });
    entry.calls += 1;
    entry.usd += event.usage.usd;
    entry.inputTokens += event.usage.inputTokens;
    entry.outputTokens += event.usage.outputTokens;
  }
  if (event.transcript) {
    state.transcripts.push({ role: event.kind === 'role-error' ? event.role : (roleOfMarker(event.kind) ?? 'engine'), path: event.transcript });
  }
  state.status = to;
  state.keys.add(event.key);
  return gate ? { from, to, gate, summary } : { from, to, summary };
}

function runNumbered(state: IssueState, k: number) {
  const run = state.runs.find((r) => r.k === k);
  if (!run) throw conflict(`run ${k} was never launched`, { issue: state.number, hint: 'the event is stale or from another issue; run "epm show" to see the runs' });
  return run;
}

/** The labels the issue should carry for its state. */
export function desiredLabels(state: IssueState): { add: string[]; remove: string[] } {
  const want = [statusLabel(state.status), ...(state.type ? [typeLabel(state.type)] : []), laneLabel(state.lane)];
  const managed = (label: string) =>
    label.startsWith(LABEL_PREFIX.status) || label.startsWith(LABEL_PREFIX.lane) || (label.startsWith(LABEL_PREFIX.type) && state.type !== undefined);
  return {
    add: want.filter((label) => !state.labels.includes(label)),
    remove: state.labels.filter((label) => managed(label) && !want.includes(label)),
  };
}

const ROLE_MARKER: Record<RoleName, LifecycleEvent['kind']> = {
  clarifier: 'clarify',
  planner: 'plan',
  'plan-critic': 'plan-critique',
  implementer: 'implementation',
  'code-reviewer': 'code-review',
  fixer: 'fix',
  tester: 'test-verdict',
  experimenter: 'hot-fix',
  'post-experimenter': 'checklist',
  analyzer: 'clean-result',
  'result-critic': 'result-critique',
  'follow-up-designer': 'follow-ups',
};

/** The role whose output a marker kind records, if any. */
export const roleOfMarker = (kind: string): RoleName | undefined =>
  (Object.entries(ROLE_MARKER) as [RoleName, string][]).find(([, marker]) => marker === kind)?.[0];

/** The marker kind a role's output is recorded under. */
export const markerKindOf = (role: RoleName): LifecycleEvent['kind'] => ROLE_MARKER[role];

/** The idempotency key of the next marker of a kind: `<kind>#<version>`. */
export const nextKey = (state: IssueState, kind: string): string => `${kind}#${(state.versions.get(kind) ?? 0) + 1}`;

/** Roles that work inside the experiment's worktree. */
// Every role reads the repository (thinking roles through read-only tools); only coding roles may write.
const WORKTREE_ROLES: readonly RoleName[] = [
  'clarifier', 'planner', 'plan-critic', 'implementer', 'code-reviewer', 'fixer', 'tester', 'experimenter', 'post-experimenter', 'analyzer', 'result-critic', 'follow-up-designer',
];

const invoke = (state: IssueState, role: RoleName): Effect => ({
  kind: 'invoke-role',
  key: nextKey(state, markerKindOf(role)),
  role,
  worktree: WORKTREE_ROLES.includes(role),
  feedback: [...state.findings, ...state.feedback.filter((f) => f.position > lastRolePosition(state)).map((f) => `${f.author}: ${f.text}`)],
});

/** Position of the last role output, so feedback after it counts as new. */
function lastRolePosition(state: IssueState): number {
  let last = -1;
  for (const entry of state.timeline) {
    if ((Object.values(ROLE_MARKER) as string[]).includes(entry.kind)) last = entry.position;
  }
  return last;
}

/** What is due now for the issue, in order; empty when it waits on a human or is finished. */
export function due(state: IssueState, now: Date): Effect[] {
  if (state.labelProblems.length > 0) return [];
  const first = state.pending[0];
  if (first) return [{ kind: 'process-command', key: `human:${first.source}`, source: first.source, actor: first.actor, body: first.body }];
  const run = currentRun(state);
  const releaseRun = (): Effect[] =>
    run && !run.released ? [{ kind: 'release-compute', key: nextKey(state, 'compute-released'), k: run.k, runId: run.runId }] : [];
  const budgetSpent = state.spend.usd >= state.settings.modelUsdPerExperiment;

  // Nothing bills outside running: a run left allocated when the issue moved on is released
  // first — except a live run blocked mid-flight, which stays up until the human decides.
  const liveAndBlocked = state.status === 'blocked' && state.blocked?.from === 'running' && run !== undefined && !run.ended;
  const stray = state.runs.find((r) => !r.released);
  if (stray && state.status !== 'running' && !liveAndBlocked) {
    return [{ kind: 'release-compute', key: nextKey(state, 'compute-released'), k: stray.k, runId: stray.runId }];
  }

  switch (state.status) {
    case 'proposed':
      return state.type === undefined || !state.versions.has('auto-defaults') ? [{ kind: 'apply-defaults', key: nextKey(state, 'auto-defaults') }] : [];
    case 'clarifying': {
      if (state.clarify && !state.feedback.some((f) => f.position > state.clarify!.position)) return [];
      break;
    }
    case 'awaiting-plan-approval':
    case 'awaiting-result-approval':
    case 'blocked':
      return [];
    case 'failed':
    case 'aborted':
      return [];
    case 'done':
      // With the model budget spent, no follow-ups are designed; `epm show` says the budget is used up.
      if (state.followUps || state.followUpsFailed || budgetSpent || (state.type !== 'experiment' && state.type !== 'analysis')) return [];
      break;
    case 'running': {
      if (run && !run.ended && !run.released && run.findings.length === 0 && !state.relaunchDue) {
        const wakeDue = now.getTime() >= nextWakeAt(new Date(run.startedAt), run.wakes, state.settings.wakeMinutes).getTime();
        return [{ kind: 'observe-run', key: nextKey(state, 'progress'), k: run.k, runId: run.runId, wakeDue }];
      }
      if (run && (run.findings.length > 0 || (run.ended && !state.relaunchDue))) break; // the experimenter diagnoses
      if (state.relaunchDue && run && !run.released) return releaseRun();
      if (!run || state.relaunchDue) {
        const k = (run?.k ?? 0) + 1;
        const command = state.frozen?.manifest.command ?? state.plan?.manifest.command;
        if (!command) return [{ kind: 'record', event: { kind: 'role-error', role: 'experimenter', error: 'the plan names no run command', key: nextKey(state, 'role-error'), at: now.toISOString() } }];
        return [{ kind: 'launch-run', key: nextKey(state, 'launch'), k, runId: `${state.number}-${k}`, command }];
      }
      return [];
    }
    case 'analyzing': {
      const planned = (state.frozen ?? state.plan)?.manifest.figures ?? [];
      const k = currentRun(state)?.k ?? 0;
      if (planned.length > 0 && state.figures?.k !== k) return [{ kind: 'render-figures', key: nextKey(state, 'figures'), k }];
      break;
    }
    case 'verifying': {
      const last = currentRun(state);
      if (last && state.provenance?.k !== last.k) return [{ kind: 'record-provenance', key: nextKey(state, 'provenance'), k: last.k, runId: last.runId }];
      if (!state.verification) return [{ kind: 'verify-uploads', key: nextKey(state, 'upload-verified') }];
      break;
    }
    default:
      break;
  }
  if (budgetSpent) {
    return [{
      kind: 'record',
      event: { kind: 'budget-stop', what: 'model-usd', used: state.spend.usd, limit: state.settings.modelUsdPerExperiment, key: nextKey(state, 'budget-stop'), at: now.toISOString() },
    }];
  }
  const role = roleDue(state);
  return role ? [invoke(state, role)] : [];
}

/** The role whose turn it is in the current status. */
function roleDue(state: IssueState): RoleName | undefined {
  switch (state.status) {
    case 'clarifying':
      return 'clarifier';
    case 'planning':
      return 'planner';
    case 'plan-review':
      return 'plan-critic';
    case 'implementing':
      return 'implementer';
    case 'code-review':
      return state.awaitingFix === 'code' ? 'fixer' : 'code-reviewer';
    case 'testing':
      return state.awaitingFix === 'test' ? 'fixer' : 'tester';
    case 'running':
      return 'experimenter';
    case 'verifying':
      return 'post-experimenter';
    case 'analyzing':
      return 'analyzer';
    case 'result-review':
      return 'result-critic';
    case 'done':
      return 'follow-up-designer';
    default:
      return undefined;
  }
}

/**
 * The lifecycle: a tick returns the state unchanged and the effects due; any
 * other event returns the next state and the effects that record it (the
 * marker, then the labels). A replayed event (its key already recorded) changes
 * nothing and yields no effect. An event that does not fit throws `conflict`.
 */
export function transition(state: IssueState, event: TickEvent | RecordedEvent): [IssueState, Effect[]] {
  if (event.kind === 'tick') return [state, due(state, new Date(event.now))];
  if (state.keys.has(event.key)) return [state, []];
  const next = cloneState(state);
  const applied = apply(next, event);
  const recorded: RecordedEvent = { ...event, from: applied.from, to: applied.to, ...(applied.gate ? { gate: applied.gate } : {}) };
  const labels = desiredLabels({ ...next, labels: state.labels });
  const effects: Effect[] = [{ kind: 'record', event: recorded }];
  if (labels.add.length || labels.remove.length) effects.push({ kind: 'sync-labels', ...labels });
  return [next, effects];
}

/** Re-reads the labels into the state (type, lane, problems). */
export function readLabelsInto(state: IssueState, labels: string[]): void {
  const reading = readLabels(labels);
  state.labels = labels;
  state.labelProblems = reading.problems;
  // Before intake records it, the type label is shown as the type; the lane only ever comes from markers.
  if (reading.type && state.type === undefined) state.type = reading.type;
}
