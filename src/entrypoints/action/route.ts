/**
 * The raw GitHub event, parsed once into what the action should do: tick one
 * issue (and whose permission that needs), sweep every open experiment, or
 * ignore it with the reason. Pure; the router job runs it without secrets and
 * hands only numbers onward.
 */
import { issueOfBranch } from '../../domain/branch-name.js';
import { badInput } from '../../domain/errors.js';
import { isEpmLabel } from '../../domain/lifecycle.js';

/** What the router decided. */
export type Route =
  | { action: 'ignore'; reason: string }
  | { action: 'sweep'; reason: string }
  | {
      action: 'tick';
      issue: number;
      reason: string;
      /** Who caused the event. */
      actor: string;
      /** Whether the actor must have write access for the event to wake the worker. */
      needsWrite: boolean;
      /** The comment carrying an `/epm` command, to acknowledge with 👀 at once. */
      commandCommentId?: number;
    };

/** The repository and identities the router judges against. */
export interface RouteContext {
  /** `owner/repo` of the repository the workflow runs in. */
  repository: string;
  /** EPM's own login: its events never wake it again. */
  botLogin: string;
}

/** A payload field that is not what GitHub sends. */
class ShapeError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (v: unknown, path: string): Json => {
  if (!isObject(v)) throw new ShapeError(`${path}: expected an object`);
  return v;
};
const text = (v: unknown, path: string): string => {
  if (typeof v !== 'string') throw new ShapeError(`${path}: expected a string`);
  return v;
};
const int = (v: unknown, path: string, positive = false): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || (positive && v < 1)) throw new ShapeError(`${path}: expected ${positive ? 'a positive' : 'an'} integer`);
  return v;
};
const login = (v: unknown, path: string): string | undefined => (v === null || v === undefined ? undefined : text(at(v, path)['login'], `${path}.login`));

interface IssueView { number: number; labels: string[]; isPull: boolean }
const issueOf = (v: unknown): IssueView => {
  const issue = at(v, 'issue');
  const labels = issue['labels'] ?? [];
  if (!Array.isArray(labels)) throw new ShapeError('issue.labels: expected an array');
  return {
    number: int(issue['number'], 'issue.number', true),
    labels: labels.map((l, i) => (typeof l === 'string' ? l : text(at(l, `issue.labels.${i}`)['name'], `issue.labels.${i}.name`))),
    isPull: issue['pull_request'] !== undefined && issue['pull_request'] !== null,
  };
};
interface PullView { number: number; headRef: string; headRepo: string | undefined; baseRepo: string }
const pullOf = (v: unknown): PullView => {
  const pr = at(v, 'pull_request');
  const head = at(pr['head'], 'pull_request.head');
  const base = at(pr['base'], 'pull_request.base');
  return {
    number: int(pr['number'], 'pull_request.number', true),
    headRef: text(head['ref'], 'pull_request.head.ref'),
    headRepo: head['repo'] === null ? undefined : text(at(head['repo'], 'pull_request.head.repo')['full_name'], 'pull_request.head.repo.full_name'),
    baseRepo: text(at(base['repo'], 'pull_request.base.repo')['full_name'], 'pull_request.base.repo.full_name'),
  };
};


/** Decides what an event means. Throws bad-input for a payload that is not GitHub's shape. */
export function routeEvent(name: string, payload: unknown, context: RouteContext): Route {
  try {
    return decide(name, payload, context);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw badInput(`the ${name} event payload is not what GitHub sends: ${error.message}`, {
      hint: 'run EPM from the workflow templates (epm install); GITHUB_EVENT_PATH must be the event GitHub delivered',
    });
  }
}

function decide(name: string, payload: unknown, context: RouteContext): Route {
  const fromSelf = (login: string | undefined) => login === context.botLogin;
  switch (name) {
    case 'issues': {
      const event = at(payload, '(root)');
      const action = text(event['action'], 'action');
      const issue = issueOf(event['issue']);
      const sender = login(event['sender'], 'sender') ?? '';
      if (!['opened', 'edited', 'labeled', 'reopened'].includes(action)) return { action: 'ignore', reason: `issues.${action} does not concern EPM` };
      if (issue.isPull) return { action: 'ignore', reason: 'the event is about a pull request' };
      if (fromSelf(sender)) return { action: 'ignore', reason: `${sender} is EPM itself` };
      if (!issue.labels.some(isEpmLabel)) {
        return { action: 'ignore', reason: `#${issue.number} has no type:, status: or lane: label (label it type:experiment, or comment "/epm plan")` };
      }
      return { action: 'tick', issue: issue.number, reason: `issues.${action} on #${issue.number}`, actor: sender, needsWrite: true };
    }
    case 'issue_comment': {
      const event = at(payload, '(root)');
      const action = text(event['action'], 'action');
      const issue = issueOf(event['issue']);
      const comment = at(event['comment'], 'comment');
      const commentId = int(comment['id'], 'comment.id');
      const author = login(comment['user'], 'comment.user') ?? login(event['sender'], 'sender') ?? '';
      if (action !== 'created') return { action: 'ignore', reason: `issue_comment.${action} does not concern EPM` };
      if (fromSelf(author)) return { action: 'ignore', reason: `${author} is EPM itself` };
      const body = (typeof comment['body'] === 'string' ? comment['body'] : '').trim();
      const command = /^\/epm\b/.test(body);
      if (issue.isPull) {
        return { action: 'ignore', reason: command ? 'commands go on the experiment issue; on the PR, use a review (Approve / Request changes)' : 'a comment on a pull request' };
      }
      if (!command && !issue.labels.some(isEpmLabel)) return { action: 'ignore', reason: `#${issue.number} is not an EPM issue` };
      return {
        action: 'tick', issue: issue.number, reason: command ? `command on #${issue.number}` : `comment on #${issue.number}`,
        actor: author, needsWrite: true, ...(command ? { commandCommentId: commentId } : {}),
      };
    }
    case 'pull_request_review':
    case 'pull_request_review_comment':
    case 'pull_request': {
      const event = at(payload, '(root)');
      const action = text(event['action'], 'action');
      const pr = pullOf(event['pull_request']);
      const sender = login(event['sender'], 'sender') ?? '';
      const actor = name === 'pull_request_review'
        ? login(at(event['review'], 'review')['user'], 'review.user') ?? sender
        : name === 'pull_request_review_comment'
          ? login(at(event['comment'], 'comment')['user'], 'comment.user') ?? sender
          : sender;
      const expected = name === 'pull_request' ? 'synchronize' : name === 'pull_request_review' ? 'submitted' : 'created';
      if (action !== expected) return { action: 'ignore', reason: `${name}.${action} does not concern EPM` };
      if (pr.headRepo !== pr.baseRepo || pr.baseRepo !== context.repository) {
        return { action: 'ignore', reason: `PR #${pr.number} comes from a fork (${pr.headRepo ?? 'deleted repository'}); EPM acts only on its own branches` };
      }
      const issueNumber = issueOfBranch(pr.headRef);
      if (issueNumber === undefined) return { action: 'ignore', reason: `PR #${pr.number} is not an experiment PR (branch ${pr.headRef})` };
      if (fromSelf(actor)) return { action: 'ignore', reason: `${actor} is EPM itself` };
      return { action: 'tick', issue: issueNumber, reason: `${name}.${action} on PR #${pr.number}`, actor, needsWrite: name !== 'pull_request' };
    }
    case 'schedule':
      return { action: 'sweep', reason: 'scheduled sweep of every open experiment' };
    case 'workflow_dispatch': {
      const event = at(payload, '(root)');
      const sender = login(event['sender'], 'sender') ?? '';
      const inputs = event['inputs'] === null || event['inputs'] === undefined ? {} : at(event['inputs'], 'inputs');
      const raw = inputs['issue'];
      const wanted = raw === undefined || raw === null ? '' : String(raw).trim();
      if (wanted === '') return { action: 'sweep', reason: `sweep dispatched by ${sender}` };
      if (!/^[0-9]+$/.test(wanted) || Number(wanted) < 1) throw badInput(`workflow_dispatch input issue "${wanted.slice(0, 40)}" is not an issue number`, { hint: 'give the number of an issue, e.g. 12, or leave it empty to sweep' });
      return { action: 'tick', issue: Number(wanted), reason: `dispatched for #${wanted} by ${sender}`, actor: sender, needsWrite: true };
    }
    default:
      return { action: 'ignore', reason: `EPM does not act on ${name} events` };
  }
}
