/**
 * The raw GitHub event, parsed once into what the action should do: tick one
 * issue (and whose permission that needs), sweep every open experiment, or
 * ignore it with the reason. Pure; the router job runs it without secrets and
 * hands only numbers onward.
 */
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';

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

const user = z.looseObject({ login: z.string(), type: z.string().optional() });
const label = z.looseObject({ name: z.string() });
const issue = z.looseObject({
  number: z.number().int().positive(),
  labels: z.array(z.union([label, z.string()])).default([]),
  pull_request: z.unknown().optional(),
  user: user.nullable().optional(),
});
const repo = z.looseObject({ full_name: z.string() });
const pull = z.looseObject({
  number: z.number().int().positive(),
  head: z.looseObject({ ref: z.string(), repo: repo.nullable() }),
  base: z.looseObject({ repo }),
});
const schemas = {
  issues: z.looseObject({ action: z.string(), issue, sender: user }),
  issue_comment: z.looseObject({ action: z.string(), issue, comment: z.looseObject({ id: z.number().int(), body: z.string().nullable().optional(), user: user.nullable() }), sender: user }),
  pull_request_review: z.looseObject({ action: z.string(), pull_request: pull, review: z.looseObject({ user: user.nullable() }), sender: user }),
  pull_request_review_comment: z.looseObject({ action: z.string(), pull_request: pull, comment: z.looseObject({ user: user.nullable() }), sender: user }),
  pull_request: z.looseObject({ action: z.string(), pull_request: pull, sender: user }),
  workflow_dispatch: z.looseObject({ inputs: z.record(z.string(), z.unknown()).nullable().optional(), sender: user }),
};

/** Labels that make an issue one of EPM's. */
const EPM_LABEL = /^(status|type|lane):/;
const EXPERIMENT_BRANCH = /^epm\/([0-9]+)-[a-z0-9][a-z0-9-]*$/;

const labelNames = (labels: z.infer<typeof issue>['labels']): string[] => labels.map((l) => (typeof l === 'string' ? l : l.name));

function parse<T extends z.ZodType>(schema: T, name: string, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw badInput(`the ${name} event payload is not what GitHub sends: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}`, {
      hint: 'run EPM from the workflow templates (epm install); GITHUB_EVENT_PATH must be the event GitHub delivered',
    });
  }
  return parsed.data;
}

/** Decides what an event means. Throws bad-input for a payload that is not GitHub's shape. */
export function routeEvent(name: string, payload: unknown, context: RouteContext): Route {
  const fromSelf = (login: string | undefined) => login === context.botLogin;
  switch (name) {
    case 'issues': {
      const event = parse(schemas.issues, name, payload);
      if (!['opened', 'edited', 'labeled', 'reopened'].includes(event.action)) return { action: 'ignore', reason: `issues.${event.action} does not concern EPM` };
      if (event.issue.pull_request) return { action: 'ignore', reason: 'the event is about a pull request' };
      if (fromSelf(event.sender.login)) return { action: 'ignore', reason: `${event.sender.login} is EPM itself` };
      if (!labelNames(event.issue.labels).some((l) => EPM_LABEL.test(l))) {
        return { action: 'ignore', reason: `#${event.issue.number} has no type:, status: or lane: label (label it type:experiment, or comment "/epm plan")` };
      }
      return { action: 'tick', issue: event.issue.number, reason: `issues.${event.action} on #${event.issue.number}`, actor: event.sender.login, needsWrite: true };
    }
    case 'issue_comment': {
      const event = parse(schemas.issue_comment, name, payload);
      if (event.action !== 'created') return { action: 'ignore', reason: `issue_comment.${event.action} does not concern EPM` };
      const author = event.comment.user?.login ?? event.sender.login;
      if (fromSelf(author)) return { action: 'ignore', reason: `${author} is EPM itself` };
      const body = (event.comment.body ?? '').trim();
      const command = /^\/epm\b/.test(body);
      if (event.issue.pull_request) {
        return { action: 'ignore', reason: command ? 'commands go on the experiment issue; on the PR, use a review (Approve / Request changes)' : 'a comment on a pull request' };
      }
      if (!command && !labelNames(event.issue.labels).some((l) => EPM_LABEL.test(l))) return { action: 'ignore', reason: `#${event.issue.number} is not an EPM issue` };
      return {
        action: 'tick', issue: event.issue.number, reason: command ? `command on #${event.issue.number}` : `comment on #${event.issue.number}`,
        actor: author, needsWrite: true, ...(command ? { commandCommentId: event.comment.id } : {}),
      };
    }
    case 'pull_request_review':
    case 'pull_request_review_comment':
    case 'pull_request': {
      const event = parse(schemas.pull_request, name, payload);
      const actor = name === 'pull_request_review'
        ? parse(schemas.pull_request_review, name, payload).review.user?.login ?? event.sender.login
        : name === 'pull_request_review_comment'
          ? parse(schemas.pull_request_review_comment, name, payload).comment.user?.login ?? event.sender.login
          : event.sender.login;
      const expected = name === 'pull_request' ? 'synchronize' : name === 'pull_request_review' ? 'submitted' : 'created';
      if (event.action !== expected) return { action: 'ignore', reason: `${name}.${event.action} does not concern EPM` };
      const pr = event.pull_request;
      if (pr.head.repo?.full_name !== pr.base.repo.full_name || pr.base.repo.full_name !== context.repository) {
        return { action: 'ignore', reason: `PR #${pr.number} comes from a fork (${pr.head.repo?.full_name ?? 'deleted repository'}); EPM acts only on its own branches` };
      }
      const match = EXPERIMENT_BRANCH.exec(pr.head.ref);
      if (!match?.[1]) return { action: 'ignore', reason: `PR #${pr.number} is not an experiment PR (branch ${pr.head.ref})` };
      if (fromSelf(actor)) return { action: 'ignore', reason: `${actor} is EPM itself` };
      return { action: 'tick', issue: Number(match[1]), reason: `${name}.${event.action} on PR #${pr.number}`, actor, needsWrite: name !== 'pull_request' };
    }
    case 'schedule':
      return { action: 'sweep', reason: 'scheduled sweep of every open experiment' };
    case 'workflow_dispatch': {
      const event = parse(schemas.workflow_dispatch, name, payload);
      const raw = event.inputs?.['issue'];
      const text = raw === undefined || raw === null ? '' : String(raw).trim();
      if (text === '') return { action: 'sweep', reason: `sweep dispatched by ${event.sender.login}` };
      if (!/^[0-9]+$/.test(text) || Number(text) < 1) throw badInput(`workflow_dispatch input issue "${text.slice(0, 40)}" is not an issue number`, { hint: 'give the number of an issue, e.g. 12, or leave it empty to sweep' });
      return { action: 'tick', issue: Number(text), reason: `dispatched for #${text} by ${event.sender.login}`, actor: event.sender.login, needsWrite: true };
    }
    default:
      return { action: 'ignore', reason: `EPM does not act on ${name} events` };
  }
}
