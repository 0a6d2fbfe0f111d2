export const id = 611;
export const ids = [611];
export const modules = {

/***/ 60306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ GitHubTracker)
/* harmony export */ });
/* harmony import */ var _domain_branch_name_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41816);
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(10241);
/* harmony import */ var _domain_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46788);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(42887);
/**
 * The Tracker port over GitHub issues. State is read whole on every load:
 * the issue, its comments, and — when the experiment PR exists — its reviews
 * and review comments, which become the human commands they mean:
 *
 * - APPROVE at commit C          → `/epm approve C` (pinned to the reviewed commit,
 *                                  so a review of an older commit is refused by the engine);
 * - REQUEST_CHANGES or COMMENT   → `/epm revise <review text + line comments>`
 *                                  (line comments on plan.md reach the planner's revision).
 *
 * Only comments the bot itself wrote count as EPM's (markers elsewhere are
 * ignored by the reduction). Comments, commands and reviews of people without
 * write access — and of bots not explicitly allowed — are left out of the
 * state entirely: they can neither command, approve nor feed a prompt.
 */




/** GitHub gives labels as names or as objects. */
const labelNames = (labels) => labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean);
class GitHubTracker {
    options;
    client;
    repoRef;
    locks = new Map();
    pulls = new Map();
    constructor(options) {
        this.options = options;
        this.client = options.client;
        this.repoRef = { owner: options.owner, repo: options.repo };
    }
    async createIssue(input) {
        const { data } = await this.client.rest.issues.create({ ...this.repoRef, title: input.title, body: input.body, labels: input.labels });
        return this.getIssue(data.number);
    }
    async getIssue(number) {
        let issue;
        try {
            ({ data: issue } = await this.client.rest.issues.get({ ...this.repoRef, issue_number: number }));
        }
        catch (error) {
            if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__/* .statusOf */ .c)(error) === 404 || (0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__/* .statusOf */ .c)(error) === 410) {
                throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .notFound */ .mX)(`issue #${number} does not exist in ${this.repoRef.owner}/${this.repoRef.repo}`, { issue: number, cause: error });
            }
            throw error;
        }
        if (issue.pull_request)
            throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`#${number} is a pull request, not an issue`, { issue: number, hint: 'EPM experiments are issues; their PRs are found from the issue' });
        const raw = await this.client.paginate(this.client.rest.issues.listComments, { ...this.repoRef, issue_number: number, per_page: 100 });
        const comments = [];
        for (const c of raw) {
            const author = c.user?.login ?? 'ghost';
            const byEpm = author === this.options.botLogin;
            if (!byEpm && !(await this.options.trusted(author)))
                continue;
            comments.push({ id: String(c.id), author, byEpm, body: c.body ?? '', createdAt: c.created_at });
        }
        const pull = await this.findPull(number, issue.title);
        if (pull)
            comments.push(...(await this.reviewCommands(pull)));
        comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
        return {
            number: issue.number,
            title: issue.title,
            body: issue.body ?? '',
            author: issue.user?.login ?? 'ghost',
            labels: labelNames(issue.labels),
            comments,
            open: issue.state === 'open',
            createdAt: issue.created_at,
        };
    }
    /** Open (or all) issues that carry an EPM label, in number order; pull requests are left out. */
    async listIssues(options = {}) {
        const raw = await this.client.paginate(this.client.rest.issues.listForRepo, { ...this.repoRef, state: options.all ? 'all' : 'open', per_page: 100 });
        return raw
            .filter((i) => !i.pull_request)
            .map((i) => ({ number: i.number, title: i.title, labels: labelNames(i.labels), open: i.state === 'open' }))
            .filter((i) => i.labels.some(_domain_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .isEpmLabel */ .Rt))
            .sort((a, b) => a.number - b.number);
    }
    async addComment(number, body, options) {
        if (options.as.kind !== 'epm') {
            throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`on GitHub, ${options.as.author} writes their own comments`, { issue: number, hint: 'comment "/epm <command>" on the issue, or review the experiment PR' });
        }
        const { data } = await this.client.rest.issues.createComment({ ...this.repoRef, issue_number: number, body });
        return { id: String(data.id), author: data.user?.login ?? this.options.botLogin, byEpm: true, body: data.body ?? body, createdAt: data.created_at };
    }
    async updateLabels(number, change) {
        if (change.add?.length)
            await this.client.rest.issues.addLabels({ ...this.repoRef, issue_number: number, labels: change.add });
        for (const name of change.remove ?? []) {
            try {
                await this.client.rest.issues.removeLabel({ ...this.repoRef, issue_number: number, name });
            }
            catch (error) {
                if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__/* .statusOf */ .c)(error) !== 404)
                    throw error; // already gone: removing an absent label is a no-op
            }
        }
    }
    async setOpen(number, open) {
        await this.client.rest.issues.update({ ...this.repoRef, issue_number: number, state: open ? 'open' : 'closed' });
    }
    /**
     * Serialises writers inside this process. Across workflow runs the
     * per-issue concurrency group of the workflow templates keeps one writer.
     */
    async withIssueLock(number, fn) {
        const before = this.locks.get(number) ?? Promise.resolve();
        const run = before.then(fn, fn);
        this.locks.set(number, run.catch(() => undefined));
        return run;
    }
    /** The issue's experiment PR (the newest one whose head is its branch), cached for this process. */
    async findPull(number, title) {
        const branch = (0,_domain_branch_name_js__WEBPACK_IMPORTED_MODULE_0__/* .branchFor */ .yC)(number, title);
        if (this.pulls.has(branch))
            return this.pulls.get(branch) ?? undefined;
        const { data } = await this.client.rest.pulls.list({ ...this.repoRef, head: `${this.repoRef.owner}:${branch}`, state: 'all', per_page: 10 });
        const newest = [...data].sort((a, b) => b.number - a.number).find((p) => p.head.ref === branch);
        const pull = newest ? { number: newest.number, headRef: newest.head.ref, headSha: newest.head.sha, state: newest.state, body: newest.body ?? '', draft: newest.draft ?? false, url: newest.html_url } : undefined;
        this.pulls.set(branch, pull ?? null);
        return pull;
    }
    /** Drops the cached PR of a branch, so the next look-up asks GitHub. */
    forgetPull(branch) {
        this.pulls.delete(branch);
    }
    /** Tells the cache about a PR this process created or changed. */
    rememberPull(pull) {
        this.pulls.set(pull.headRef, pull);
    }
    /** Reviews of the experiment PR as the commands they mean, from people whose words count. */
    async reviewCommands(pull) {
        const reviews = await this.client.paginate(this.client.rest.pulls.listReviews, { ...this.repoRef, pull_number: pull.number, per_page: 100 });
        if (!reviews.length)
            return [];
        const lineComments = await this.client.paginate(this.client.rest.pulls.listReviewComments, { ...this.repoRef, pull_number: pull.number, per_page: 100 });
        const commands = [];
        for (const review of reviews) {
            const user = review.user;
            const author = user?.login ?? 'ghost';
            if (author === this.options.botLogin || !review.submitted_at)
                continue;
            if (!(await this.options.trusted(author)))
                continue;
            const lines = lineComments
                .filter((c) => c.pull_request_review_id === review.id)
                .map((c) => `${c.path}${c.line ?? c.original_line ? ` line ${c.line ?? c.original_line}` : ''}: ${c.body.trim()}`);
            const text = [review.body?.trim() ?? '', ...lines].filter(Boolean).join('\n');
            let body;
            if (review.state === 'APPROVED')
                body = `/epm approve ${review.commit_id ?? ''}`.trim();
            else if (review.state === 'CHANGES_REQUESTED')
                body = `/epm revise ${text || 'changes requested on the experiment PR (no text given)'}`;
            else if (review.state === 'COMMENTED' && text)
                body = `/epm revise ${text}`;
            else
                continue;
            commands.push({ id: `review-${review.id}`, author, byEpm: false, body, createdAt: review.submitted_at });
        }
        return commands;
    }
}


/***/ }),

/***/ 42887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ createGitHubClient),
/* harmony export */   c: () => (/* binding */ statusOf)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The one place an Octokit is built: `@actions/github`'s client (REST
 * endpoint methods + pagination) with the retry and throttling plugins, so
 * 5xx answers are retried with back-off and rate limits are waited out —
 * never silently dropped.
 */




/** Builds the client. */
function createGitHubClient(options) {
    const log = options.log ?? (() => undefined);
    const unit = options.backoffUnitMs ?? 1000;
    const maxWait = options.maxRateLimitWaitSeconds ?? 600;
    const retries = options.retries ?? 4;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const retrying = retryCount < retries && retryAfter <= maxWait;
        log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `waiting ${retryAfter} s, then retry ${retryCount + 1}` : 'giving up'}`);
        return retrying;
    };
    const throttle = {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 60,
        ...(options.writeIntervalMs !== undefined
            ? {
                write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
                notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
            }
            : {}),
    };
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        retry: { retryAfterBaseValue: unit, retries },
        throttle,
        // Not `request.retries`: the retry plugin would then retry every error, 404 and 422 included.
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
}
/** The HTTP status of an Octokit request error, if it is one. */
function statusOf(error) {
    return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}


/***/ }),

/***/ 60611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openExperimentIssues: () => (/* binding */ openExperimentIssues)
/* harmony export */ });
/* unused harmony exports MAX_SWEEP, sweepWindow */
/* harmony import */ var _adapters_github_github_tracker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60306);
/* harmony import */ var _adapters_github_octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42887);
/**
 * The router's list for a sweep: the open issues EPM manages (any EPM label),
 * each of which gets a worker of its own in the per-issue concurrency group —
 * so a sweep never runs beside an event's worker on the same issue. Read-only
 * (`issues: read`); only the numbers cross to the workers.
 */


/** GitHub runs at most 256 jobs from one matrix. */
const MAX_SWEEP = 256;
/**
 * Every open EPM issue, or — beyond {@link MAX_SWEEP} — a window of that many
 * that moves on with each half hour, so every issue is swept in turn.
 */
async function openExperimentIssues(inputs, now = new Date()) {
    const client = (0,_adapters_github_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .createGitHubClient */ .L)({ token: inputs.token, baseUrl: inputs.apiUrl, writeIntervalMs: inputs.writeIntervalMs, backoffUnitMs: inputs.backoffUnitMs });
    const tracker = new _adapters_github_github_tracker_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubTracker */ .K({ client, owner: inputs.owner, repo: inputs.repo, botLogin: inputs.botLogin, trusted: async () => false }); // only the list is read: nobody's comments
    const all = (await tracker.listIssues()).map((i) => i.number).filter((n) => Number.isSafeInteger(n) && n > 0);
    return { issues: sweepWindow(all, now), open: all.length };
}
/** At most {@link MAX_SWEEP} of `all`, starting where the previous half hour's window ended. */
function sweepWindow(all, now) {
    if (all.length <= MAX_SWEEP)
        return [...all];
    const start = (Math.floor(now.getTime() / 1_800_000) * MAX_SWEEP) % all.length;
    return [...all.slice(start), ...all.slice(0, start)].slice(0, MAX_SWEEP).sort((a, b) => a - b);
}


/***/ })

};
