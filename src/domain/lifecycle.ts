/**
 * The vocabulary of the lifecycle (DESIGN.md §2): statuses, side states, issue
 * types, lanes, failure causes, and the labels that project them.
 */

/** The main statuses, in lifecycle order. */
export const MAIN_STATUSES = [
  'proposed',
  'clarifying',
  'planning',
  'plan-review',
  'awaiting-plan-approval',
  'implementing',
  'code-review',
  'testing',
  'running',
  'verifying',
  'analyzing',
  'result-review',
  'awaiting-result-approval',
  'done',
] as const;

/** A status on the main path. */
export type MainStatus = (typeof MAIN_STATUSES)[number];

/** Side states an issue can leave the main path for. */
export const SIDE_STATES = ['blocked', 'failed', 'aborted'] as const;

/** A side state. */
export type SideState = (typeof SIDE_STATES)[number];

/** Any status an issue can have; exactly one `status:<name>` label carries it. */
export type Status = MainStatus | SideState;

/** Every status, main then side. */
export const STATUSES: readonly Status[] = [...MAIN_STATUSES, ...SIDE_STATES];

/** Issue types, carried by one `type:<name>` label. */
export const ISSUE_TYPES = ['experiment', 'claim', 'infra', 'analysis'] as const;

/** What an issue is. */
export type IssueType = (typeof ISSUE_TYPES)[number];

/** Lanes, carried by one `lane:<name>` label: how much of the path an experiment takes. */
export const LANES = ['full', 'config', 'follow-up'] as const;

/** How much of the lifecycle an experiment goes through. */
export type Lane = (typeof LANES)[number];

/** Why an issue failed. */
export const FAILURE_CAUSES = ['infra', 'code', 'budget'] as const;

/** The classified cause of a failure. */
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Statuses in which a human decision is awaited and nothing is due. */
export const AWAITING_HUMAN: readonly Status[] = ['awaiting-plan-approval', 'awaiting-result-approval'];

/** Statuses no action leaves except where a human explicitly says so. */
export const TERMINAL: readonly Status[] = ['done', 'aborted'];

/** True when `value` names a status. */
export const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);
/** True when `value` names a main-path status. */
export const isMainStatus = (value: string): value is MainStatus =>
  (MAIN_STATUSES as readonly string[]).includes(value);
/** True when `value` names an issue type. */
export const isIssueType = (value: string): value is IssueType => (ISSUE_TYPES as readonly string[]).includes(value);
/** True when `value` names a lane. */
export const isLane = (value: string): value is Lane => (LANES as readonly string[]).includes(value);

/** Label prefixes. */
export const LABEL_PREFIX = { status: 'status:', type: 'type:', lane: 'lane:' } as const;

/** The label for a status. */
export const statusLabel = (status: Status): string => `${LABEL_PREFIX.status}${status}`;
/** The label for a type. */
export const typeLabel = (type: IssueType): string => `${LABEL_PREFIX.type}${type}`;
/** The label for a lane. */
export const laneLabel = (lane: Lane): string => `${LABEL_PREFIX.lane}${lane}`;

/** The main-path route an issue of a given type and lane takes. */
export function routeFor(type: IssueType, lane: Lane): readonly MainStatus[] {
  switch (type) {
    case 'claim':
      // A claim is a statement experiments attach to; it has no lifecycle of its own.
      return ['proposed'];
    case 'analysis':
      // An analysis of existing results: no code, no run.
      return MAIN_STATUSES.filter((s) => !(['implementing', 'code-review', 'testing', 'running', 'verifying'] as MainStatus[]).includes(s));
    case 'infra':
      // A code change: reviewed and tested, with no run or result to analyze.
      return MAIN_STATUSES.filter((s) => !(['running', 'verifying', 'analyzing', 'result-review', 'awaiting-result-approval'] as MainStatus[]).includes(s));
    case 'experiment':
      // The config lane runs a new config on existing code: no implementer or code review;
      // the smoke run in testing still happens.
      return lane === 'config' ? MAIN_STATUSES.filter((s) => s !== 'implementing' && s !== 'code-review') : MAIN_STATUSES;
  }
}

/** The status after `status` on the route, or undefined at the end. */
export function nextOnRoute(route: readonly MainStatus[], status: MainStatus): MainStatus | undefined {
  const at = route.indexOf(status);
  return at < 0 ? undefined : route[at + 1];
}

/** Whether a label is one of EPM's (`status:`, `type:` or `lane:`): issues carrying one are experiments EPM manages. */
export const isEpmLabel = (label: string): boolean =>
  label.startsWith(LABEL_PREFIX.status) || label.startsWith(LABEL_PREFIX.type) || label.startsWith(LABEL_PREFIX.lane);

/** What a label set says about status, type and lane, with every problem found. */
export interface LabelReading {
  status?: Status;
  type?: IssueType;
  lane?: Lane;
  /** Conflicting or unknown labels, each a sentence naming the label and the fix. */
  problems: string[];
}

/** Reads `status:*`, `type:*` and `lane:*` labels; more than one of a kind, or an unknown value, is a problem. */
export function readLabels(labels: readonly string[]): LabelReading {
  const reading: LabelReading = { problems: [] };
  const pick = <T extends string>(
    prefix: string,
    known: readonly T[],
    what: string,
  ): T | undefined => {
    const found = labels.filter((label) => label.startsWith(prefix));
    const values = found.map((label) => label.slice(prefix.length));
    const unknown = values.filter((value) => !(known as readonly string[]).includes(value));
    for (const value of unknown) {
      reading.problems.push(
        `unknown ${what} label "${prefix}${value}"; expected one of ${known.map((k) => prefix + k).join(', ')}`,
      );
    }
    if (found.length > 1) {
      reading.problems.push(`${found.length} ${what} labels (${found.join(', ')}); an issue carries exactly one — remove all but one`);
      return undefined;
    }
    return unknown.length === 0 ? (values[0] as T | undefined) : undefined;
  };
  const status = pick(LABEL_PREFIX.status, STATUSES, 'status');
  const type = pick(LABEL_PREFIX.type, ISSUE_TYPES, 'type');
  const lane = pick(LABEL_PREFIX.lane, LANES, 'lane');
  if (status !== undefined) reading.status = status;
  if (type !== undefined) reading.type = type;
  if (lane !== undefined) reading.lane = lane;
  return reading;
}
