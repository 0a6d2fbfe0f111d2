/**
 * The store's records as GitHub's REST JSON: small factories, one per
 * object, with every field GitHub sends for it (URLs included, pointing at
 * the emulator). The emulator validates each answer against
 * `@octokit/openapi`, so a field missing here shows up as a violation.
 */

import { createHash } from 'node:crypto';
import type {
  AssetRecord,
  CommentRecord,
  GitHubStore,
  IssueRecord,
  ReactionRecord,
  ReleaseRecord,
  ReviewCommentRecord,
  ReviewRecord,
} from './github-store.js';

/** A JSON object as sent on the wire. */
export type JsonObject = Record<string, unknown>;

/** Where the emulator serves the API, the "web" pages and uploads. */
export interface Site {
  /** REST base, e.g. `http://127.0.0.1:41234`. */
  api: string;
  /** Base of `html_url`s. */
  web: string;
  /** Base of `upload_url`s (a path prefix of the emulator itself). */
  uploads: string;
}

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'eyes', 'rocket'] as const;

/** Renders records as REST objects. */
export class RestViews {
  constructor(
    private readonly store: GitHubStore,
    private readonly site: Site,
  ) {}

  private get repoApi(): string {
    return `${this.site.api}/repos/${this.store.fullName}`;
  }

  private get repoWeb(): string {
    return `${this.site.web}/${this.store.fullName}`;
  }

  /** `simple-user`. */
  user(login: string): JsonObject {
    const id = this.store.userId(login);
    const type = this.store.userType(login);
    const path = encodeURIComponent(login);
    const api = `${this.site.api}/users/${path}`;
    return {
      login,
      id,
      node_id: `${type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U'}_kgD${id}`,
      avatar_url: `${this.site.web}/avatars/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: type === 'Bot' ? `${this.site.web}/apps/${encodeURIComponent(login.replace(/\[bot\]$/, ''))}` : `${this.site.web}/${path}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** `author_association` of a login: OWNER, COLLABORATOR for listed users with access, else NONE. */
  association(login: string): string {
    if (login === this.store.owner) return 'OWNER';
    if (this.store.userType(login) === 'Bot') return 'NONE';
    const permission = this.store.permissionOf(login);
    return permission !== undefined && permission !== 'none' ? 'COLLABORATOR' : 'NONE';
  }

  /**
   * The repository (`full-repository`; also valid as `repository` and as the
   * webhooks' `repository-webhooks`). `fullName` names a fork for a pull
   * request's head.
   */
  repository(fullName: string = this.store.fullName): JsonObject {
    const [owner = this.store.owner, name = this.store.repo] = fullName.split('/');
    const fork = fullName !== this.store.fullName;
    const id = fork ? 900_000 + this.store.userId(owner) : 1;
    const api = `${this.site.api}/repos/${fullName}`;
    const web = `${this.site.web}/${fullName}`;
    const host = new URL(this.site.web).host;
    const openIssues = fork ? 0 : [...this.store.issues.values()].filter((i) => i.state === 'open').length;
    return {
      id,
      node_id: `R_kgD${id}`,
      name,
      full_name: fullName,
      private: !fork && this.store.visibility === 'private',
      owner: this.user(owner),
      html_url: web,
      description: null,
      fork,
      url: api,
      forks_url: `${api}/forks`,
      keys_url: `${api}/keys{/key_id}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      teams_url: `${api}/teams`,
      hooks_url: `${api}/hooks`,
      issue_events_url: `${api}/issues/events{/number}`,
      events_url: `${api}/events`,
      assignees_url: `${api}/assignees{/user}`,
      branches_url: `${api}/branches{/branch}`,
      tags_url: `${api}/tags`,
      blobs_url: `${api}/git/blobs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      trees_url: `${api}/git/trees{/sha}`,
      statuses_url: `${api}/statuses/{sha}`,
      languages_url: `${api}/languages`,
      stargazers_url: `${api}/stargazers`,
      contributors_url: `${api}/contributors`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      commits_url: `${api}/commits{/sha}`,
      git_commits_url: `${api}/git/commits{/sha}`,
      comments_url: `${api}/comments{/number}`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      contents_url: `${api}/contents/{+path}`,
      compare_url: `${api}/compare/{base}...{head}`,
      merges_url: `${api}/merges`,
      archive_url: `${api}/{archive_format}{/ref}`,
      downloads_url: `${api}/downloads`,
      issues_url: `${api}/issues{/number}`,
      pulls_url: `${api}/pulls{/number}`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      labels_url: `${api}/labels{/name}`,
      releases_url: `${api}/releases{/id}`,
      deployments_url: `${api}/deployments`,
      created_at: this.store.createdAt,
      updated_at: this.store.createdAt,
      pushed_at: this.store.createdAt,
      git_url: `git://${host}/${fullName}.git`,
      ssh_url: `git@${host}:${fullName}.git`,
      clone_url: `${web}.git`,
      svn_url: web,
      homepage: null,
      size: 0,
      stargazers_count: 0,
      watchers_count: 0,
      language: null,
      has_issues: true,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      has_discussions: false,
      forks_count: 0,
      mirror_url: null,
      archived: false,
      disabled: false,
      open_issues_count: openIssues,
      license: null,
      allow_forking: true,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      visibility: fork ? 'public' : this.store.visibility,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
      default_branch: this.store.defaultBranch,
      network_count: 0,
      subscribers_count: 0,
    };
  }

  /** `label`. */
  label(name: string): JsonObject {
    const label = this.store.ensureLabel(name);
    return {
      id: label.id,
      node_id: `LA_kwD${label.id}`,
      url: `${this.repoApi}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      default: false,
      description: label.description,
    };
  }

  /** `reaction-rollup` of a comment. */
  reactionRollup(url: string, commentId?: number): JsonObject {
    const reactions = commentId === undefined ? [] : this.store.reactionsOf(commentId);
    const rollup: JsonObject = { url, total_count: reactions.length };
    for (const content of REACTIONS) rollup[content] = reactions.filter((r) => r.content === content).length;
    return rollup;
  }

  private issueWeb(issue: IssueRecord): string {
    return `${this.repoWeb}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  }

  /** `issue` (a pull request's issue carries `pull_request` and `draft`, as in GitHub's issue list). */
  issue(issue: IssueRecord): JsonObject {
    const api = `${this.repoApi}/issues/${issue.number}`;
    const web = this.issueWeb(issue);
    const [assignee] = issue.assignees;
    return {
      id: issue.id,
      node_id: `I_kwD${issue.id}`,
      url: api,
      repository_url: this.repoApi,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: web,
      number: issue.number,
      title: issue.title,
      user: this.user(issue.user),
      labels: issue.labels.map((name) => this.label(name)),
      state: issue.state,
      locked: false,
      assignee: assignee === undefined ? null : this.user(assignee),
      assignees: issue.assignees.map((login) => this.user(login)),
      milestone: null,
      comments: this.store.commentsOf(issue.number).length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      author_association: this.association(issue.user),
      active_lock_reason: null,
      body: issue.body,
      closed_by: issue.closedBy === null ? null : this.user(issue.closedBy),
      reactions: this.reactionRollup(`${api}/reactions`),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      state_reason: issue.stateReason,
      ...(issue.pull
        ? {
            draft: issue.pull.draft,
            pull_request: { url: `${this.repoApi}/pulls/${issue.number}`, html_url: web, diff_url: `${web}.diff`, patch_url: `${web}.patch`, merged_at: null },
          }
        : {}),
    };
  }

  /** `issue-comment`. */
  comment(comment: CommentRecord): JsonObject {
    const issue = this.store.issues.get(comment.issueNumber);
    const url = `${this.repoApi}/issues/comments/${comment.id}`;
    return {
      id: comment.id,
      node_id: `IC_kwD${comment.id}`,
      url,
      html_url: `${issue ? this.issueWeb(issue) : `${this.repoWeb}/issues/${comment.issueNumber}`}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.repoApi}/issues/${comment.issueNumber}`,
      author_association: this.association(comment.user),
      performed_via_github_app: null,
      reactions: this.reactionRollup(`${url}/reactions`, comment.id),
    };
  }

  /** `reaction`. */
  reaction(reaction: ReactionRecord): JsonObject {
    return { id: reaction.id, node_id: `REA_lALO${reaction.id}`, user: this.user(reaction.user), content: reaction.content, created_at: reaction.createdAt };
  }

  /** `repository-collaborator-permission` of a listed login. */
  collaboratorPermission(login: string): JsonObject {
    const permission = this.store.permissionOf(login) ?? 'none';
    const rank = { none: 0, read: 1, write: 2, admin: 3 }[permission];
    return {
      permission,
      role_name: permission,
      user: {
        ...this.user(login),
        permissions: { admin: rank >= 3, maintain: rank >= 3, push: rank >= 2, triage: rank >= 2, pull: rank >= 1 },
        role_name: permission,
      },
    };
  }

  private branchSide(ref: string, repoFullName: string, sha: string): JsonObject {
    const owner = repoFullName.split('/')[0] ?? this.store.owner;
    return { label: `${owner}:${ref}`, ref, sha, user: this.user(owner), repo: this.repository(repoFullName) };
  }

  /** `pull-request-simple` (the list form). */
  pullRequestSimple(issue: IssueRecord): JsonObject {
    const pull = issue.pull;
    if (!pull) throw new Error(`#${issue.number} is an issue, not a pull request`);
    const api = `${this.repoApi}/pulls/${issue.number}`;
    const issueApi = `${this.repoApi}/issues/${issue.number}`;
    const web = this.issueWeb(issue);
    const headSha = this.store.headSha(pull);
    const [assignee] = issue.assignees;
    return {
      url: api,
      id: pull.id,
      node_id: `PR_kwD${pull.id}`,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      issue_url: issueApi,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: `${this.repoApi}/statuses/${headSha}`,
      number: issue.number,
      state: issue.state,
      locked: false,
      title: issue.title,
      user: this.user(issue.user),
      body: issue.body,
      labels: issue.labels.map((name) => this.label(name)),
      milestone: null,
      active_lock_reason: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: assignee === undefined ? null : this.user(assignee),
      assignees: issue.assignees.map((login) => this.user(login)),
      requested_reviewers: [],
      requested_teams: [],
      head: this.branchSide(pull.head, pull.headRepoFullName, headSha),
      base: this.branchSide(pull.base, this.store.fullName, this.store.baseSha(pull.base)),
      _links: {
        self: { href: api },
        html: { href: web },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi}/statuses/${headSha}` },
      },
      author_association: this.association(issue.user),
      auto_merge: null,
      draft: pull.draft,
    };
  }

  /** `pull-request` (the single form, with merge state and counts). */
  pullRequest(issue: IssueRecord): JsonObject {
    return {
      ...this.pullRequestSimple(issue),
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: this.store.commentsOf(issue.number).length,
      review_comments: [...this.store.reviewComments.values()].filter((c) => c.pullNumber === issue.number).length,
      maintainer_can_modify: false,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
    };
  }

  /** `pull-request-review`. */
  review(review: ReviewRecord): JsonObject {
    const web = `${this.repoWeb}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
    const pullApi = `${this.repoApi}/pulls/${review.pullNumber}`;
    return {
      id: review.id,
      node_id: `PRR_kwD${review.id}`,
      user: this.user(review.user),
      body: review.body,
      state: review.state,
      html_url: web,
      pull_request_url: pullApi,
      _links: { html: { href: web }, pull_request: { href: pullApi } },
      submitted_at: review.submittedAt,
      commit_id: review.commitId,
      author_association: this.association(review.user),
    };
  }

  /** `pull-request-review-comment`. */
  reviewComment(comment: ReviewCommentRecord): JsonObject {
    const url = `${this.repoApi}/pulls/comments/${comment.id}`;
    const web = `${this.repoWeb}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
    const pullApi = `${this.repoApi}/pulls/${comment.pullNumber}`;
    return {
      url,
      pull_request_review_id: comment.reviewId,
      id: comment.id,
      node_id: `PRRC_kwD${comment.id}`,
      diff_hunk: `@@ -${comment.line},0 +${comment.line},1 @@`,
      path: comment.path,
      position: 1,
      original_position: 1,
      commit_id: comment.commitId,
      original_commit_id: comment.commitId,
      user: this.user(comment.user),
      body: comment.body,
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      html_url: web,
      pull_request_url: pullApi,
      author_association: this.association(comment.user),
      _links: { self: { href: url }, html: { href: web }, pull_request: { href: pullApi } },
      start_line: null,
      original_start_line: null,
      start_side: null,
      line: comment.line,
      original_line: comment.line,
      side: 'RIGHT',
      subject_type: 'line',
      reactions: this.reactionRollup(`${url}/reactions`),
    };
  }

  /** `release`, with its assets. */
  release(release: ReleaseRecord): JsonObject {
    const api = `${this.repoApi}/releases/${release.id}`;
    return {
      url: api,
      html_url: `${this.repoWeb}/releases/tag/${encodeURIComponent(release.tagName)}`,
      assets_url: `${api}/assets`,
      upload_url: `${this.site.uploads}/repos/${this.store.fullName}/releases/${release.id}/assets{?name,label}`,
      tarball_url: `${this.repoApi}/tarball/${encodeURIComponent(release.tagName)}`,
      zipball_url: `${this.repoApi}/zipball/${encodeURIComponent(release.tagName)}`,
      id: release.id,
      node_id: `RE_kwD${release.id}`,
      tag_name: release.tagName,
      target_commitish: release.targetCommitish,
      name: release.name,
      body: release.body,
      draft: release.draft,
      prerelease: release.prerelease,
      immutable: false,
      created_at: release.createdAt,
      published_at: release.publishedAt,
      updated_at: release.createdAt,
      author: this.user(release.author),
      assets: this.store.assetsOf(release.id).map((asset) => this.asset(asset)),
    };
  }

  /** `release-asset`. */
  asset(asset: AssetRecord): JsonObject {
    const release = this.store.releases.get(asset.releaseId);
    return {
      url: `${this.repoApi}/releases/assets/${asset.id}`,
      browser_download_url: `${this.repoWeb}/releases/download/${encodeURIComponent(release?.tagName ?? 'untagged')}/${encodeURIComponent(asset.name)}`,
      id: asset.id,
      node_id: `RA_kwD${asset.id}`,
      name: asset.name,
      label: asset.label,
      state: 'uploaded',
      content_type: asset.contentType,
      size: asset.content.length,
      digest: `sha256:${createHash('sha256').update(asset.content).digest('hex')}`,
      download_count: 0,
      created_at: asset.createdAt,
      updated_at: asset.updatedAt,
      uploader: this.user(asset.uploader),
    };
  }
}
