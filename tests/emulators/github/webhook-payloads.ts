/**
 * Event payloads as GitHub delivers them to a workflow (`GITHUB_EVENT_PATH`),
 * built from the emulator's state: the objects are the REST views of the same
 * records, adjusted where webhooks differ (a review's state is lower case).
 * The emulator validates every payload against `@octokit/openapi-webhooks`.
 */

import type { GitHubStore, IssueRecord } from './github-store.js';
import type { JsonObject, RestViews } from './rest-views.js';

/** An event as a workflow sees it. */
export interface WebhookDelivery {
  /** `GITHUB_EVENT_NAME`, e.g. `issue_comment`. */
  name: string;
  /** The payload (the content of `GITHUB_EVENT_PATH`). */
  payload: JsonObject;
}

/** What changed in an `issues` `edited` event: the previous values. */
export interface IssueChanges {
  title?: { from: string };
  body?: { from: string };
}

/** The workflow file the Actions-only events name by default. */
/** Schedules and manual runs come from the sweep workflow of the templates. */
export const DEFAULT_WORKFLOW = '.github/workflows/epm-sweep.yml';

/** Builds payloads from the store; throws on a number or id the store does not have (a test's mistake). */
export class WebhookPayloads {
  constructor(
    private readonly store: GitHubStore,
    private readonly views: RestViews,
  ) {}

  private issueRecord(number: number): IssueRecord {
    const issue = this.store.issues.get(number);
    if (!issue) throw new Error(`the emulator has no issue #${number}`);
    return issue;
  }

  private pullRecord(number: number): IssueRecord {
    const issue = this.issueRecord(number);
    if (!issue.pull) throw new Error(`#${number} is an issue, not a pull request`);
    return issue;
  }

  /** `issues` / `opened`. */
  issuesOpened(issueNumber: number, sender: string): WebhookDelivery {
    const issue = this.issueRecord(issueNumber);
    return { name: 'issues', payload: { action: 'opened', issue: this.views.issue(issue), repository: this.views.repository(), sender: this.views.user(sender) } };
  }

  /** `issues` / `labeled`: `label` is the label just added. */
  issuesLabeled(issueNumber: number, label: string, sender: string): WebhookDelivery {
    const issue = this.issueRecord(issueNumber);
    return {
      name: 'issues',
      payload: { action: 'labeled', issue: this.views.issue(issue), label: this.views.label(label), repository: this.views.repository(), sender: this.views.user(sender) },
    };
  }

  /** `issues` / `edited`, with the previous title or body in `changes`. */
  issuesEdited(issueNumber: number, sender: string, changes: IssueChanges = {}): WebhookDelivery {
    const issue = this.issueRecord(issueNumber);
    return {
      name: 'issues',
      payload: { action: 'edited', changes: { ...changes }, issue: this.views.issue(issue), repository: this.views.repository(), sender: this.views.user(sender) },
    };
  }

  /** `issue_comment` / `created`, sent by the comment's author. */
  issueCommentCreated(issueNumber: number, commentId: number): WebhookDelivery {
    const issue = this.issueRecord(issueNumber);
    const comment = this.store.comments.get(commentId);
    if (!comment || comment.issueNumber !== issueNumber) throw new Error(`the emulator has no comment ${commentId} on #${issueNumber}`);
    return {
      name: 'issue_comment',
      payload: { action: 'created', issue: this.views.issue(issue), comment: this.views.comment(comment), repository: this.views.repository(), sender: this.views.user(comment.user) },
    };
  }

  /** `pull_request_review` / `submitted`, sent by the reviewer. */
  pullRequestReviewSubmitted(pullNumber: number, reviewId: number): WebhookDelivery {
    const issue = this.pullRecord(pullNumber);
    const review = this.store.reviews.get(reviewId);
    if (!review || review.pullNumber !== pullNumber) throw new Error(`the emulator has no review ${reviewId} on #${pullNumber}`);
    // Webhooks spell the state in lower case (REST: APPROVED, webhook: approved).
    const rendered = { ...this.views.review(review), state: review.state.toLowerCase() };
    return {
      name: 'pull_request_review',
      payload: { action: 'submitted', review: rendered, pull_request: this.views.pullRequest(issue), repository: this.views.repository(), sender: this.views.user(review.user) },
    };
  }

  /** `pull_request_review_comment` / `created`, sent by the comment's author. */
  pullRequestReviewCommentCreated(pullNumber: number, commentId: number): WebhookDelivery {
    const issue = this.pullRecord(pullNumber);
    const comment = this.store.reviewComments.get(commentId);
    if (!comment || comment.pullNumber !== pullNumber) throw new Error(`the emulator has no review comment ${commentId} on #${pullNumber}`);
    return {
      name: 'pull_request_review_comment',
      payload: {
        action: 'created',
        comment: this.views.reviewComment(comment),
        pull_request: this.views.pullRequestSimple(issue),
        repository: this.views.repository(),
        sender: this.views.user(comment.user),
      },
    };
  }

  /**
   * `pull_request` / `synchronize`: `before` is the head the previous
   * synchronize (or the PR's creation) saw, `after` the head now.
   */
  pullRequestSynchronize(pullNumber: number, sender: string): WebhookDelivery {
    const issue = this.pullRecord(pullNumber);
    const pull = issue.pull!;
    const before = pull.syncedSha;
    const after = this.store.headSha(pull);
    pull.syncedSha = after;
    return {
      name: 'pull_request',
      payload: {
        action: 'synchronize',
        number: issue.number,
        before,
        after,
        pull_request: this.views.pullRequest(issue),
        repository: this.views.repository(),
        sender: this.views.user(sender),
      },
    };
  }

  /** `schedule`: the cron expression that fired and the workflow it belongs to. */
  schedule(cron: string, workflow: string = DEFAULT_WORKFLOW): WebhookDelivery {
    return { name: 'schedule', payload: { schedule: cron, workflow, repository: this.views.repository() } };
  }

  /** `workflow_dispatch` on the default branch. */
  workflowDispatch(inputs: Record<string, unknown>, sender: string, workflow: string = DEFAULT_WORKFLOW): WebhookDelivery {
    return {
      name: 'workflow_dispatch',
      payload: { inputs: { ...inputs }, ref: `refs/heads/${this.store.defaultBranch}`, repository: this.views.repository(), sender: this.views.user(sender), workflow },
    };
  }
}
