export const id = 141;
export const ids = [141];
export const modules = {

/***/ 11599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ GitHubAuthorizer)
/* harmony export */ });
/* unused harmony export isBotLogin */
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42887);

const WRITE = new Set(['admin', 'maintain', 'write']);
/** Whether a login is a bot account (GitHub Apps and the Actions bot end in `[bot]`). */
const isBotLogin = (login) => /\[bot\]$/i.test(login);
class GitHubAuthorizer {
    options;
    cache = new Map();
    constructor(options) {
        this.options = options;
    }
    async check(actor, permission) {
        void permission; // commands and approvals both need write access
        let answer = this.cache.get(actor);
        if (!answer) {
            answer = this.lookUp(actor);
            this.cache.set(actor, answer);
            answer.catch(() => this.cache.delete(actor)); // a failed look-up is asked again, not remembered
        }
        return answer;
    }
    /** True when the login's words count: write access, or an allowed bot. */
    async trusts(login) {
        return (await this.check(login, 'command')) === undefined;
    }
    async lookUp(actor) {
        if (isBotLogin(actor)) {
            return this.options.allowedBots?.includes(actor) ? undefined : `${actor} is a bot; bots are ignored unless listed in allowed-bots`;
        }
        try {
            const { data } = await this.options.client.rest.repos.getCollaboratorPermissionLevel({ owner: this.options.owner, repo: this.options.repo, username: actor });
            const level = data.role_name && WRITE.has(data.role_name) ? data.role_name : data.permission;
            return WRITE.has(level) ? undefined : `${actor} has ${level} access to ${this.options.owner}/${this.options.repo}; commands and approvals need write access`;
        }
        catch (error) {
            if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c)(error) === 404)
                return `${actor} is not a collaborator of ${this.options.owner}/${this.options.repo}; commands and approvals need write access`;
            throw error;
        }
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

/***/ 32141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   authorize: () => (/* binding */ authorize)
/* harmony export */ });
/* harmony import */ var _adapters_github_github_authorizer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11599);
/* harmony import */ var _adapters_github_octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42887);
/**
 * The router's permission check and acknowledgement: a command or approval
 * counts only from someone with write access (collaborator-permission API);
 * bots are ignored unless allowed. A command from such a person gets 👀 at
 * once; from anyone else, nothing wakes.
 */


/** Turns a tick into an ignore when the actor may not wake EPM; acknowledges commands. */
async function authorize(inputs, decided) {
    const client = (0,_adapters_github_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .createGitHubClient */ .L)({ token: inputs.token, baseUrl: inputs.apiUrl, writeIntervalMs: inputs.writeIntervalMs, backoffUnitMs: inputs.backoffUnitMs });
    const authorizer = new _adapters_github_github_authorizer_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubAuthorizer */ .P({ client, owner: inputs.owner, repo: inputs.repo, allowedBots: inputs.allowedBots });
    const refusal = await authorizer.check(decided.actor, 'command');
    if (refusal)
        return { action: 'ignore', reason: refusal };
    if (decided.commandCommentId !== undefined) {
        await client.rest.reactions.createForIssueComment({ owner: inputs.owner, repo: inputs.repo, comment_id: decided.commandCommentId, content: 'eyes' });
    }
    return decided;
}


/***/ })

};
