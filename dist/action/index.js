import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 41816:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Lr: () => (/* binding */ issueOfBranch),
/* harmony export */   ae: () => (/* binding */ assertBranchName),
/* harmony export */   p5: () => (/* binding */ worktreeFolderName),
/* harmony export */   yC: () => (/* binding */ branchFor)
/* harmony export */ });
/* unused harmony export BRANCH_PATTERN */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(10241);
/** Experiment branch names: `epm/<N>-<slug>`. Pure string rules, shared by the engine and the git adapter. */

/** Form every experiment branch name takes. */
const BRANCH_PATTERN = /^epm\/[0-9]+-[a-z0-9][a-z0-9-]*$/;
const BRANCH_PREFIX = 'epm/';
const MAX_SLUG_LENGTH = 40;
/**
 * The experiment branch for an issue: `epm/<N>-<slug>`, where the slug is the
 * lower-cased title with accents dropped, every run of other characters turned
 * into `-`, at most 40 characters (cut at a `-` when possible), or `experiment`
 * when nothing is left.
 */
const branchFor = (issueNumber, title) => {
    if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`issue number ${issueNumber} is not a positive integer`, {
            hint: 'pass the number of an existing issue, e.g. 12',
        });
    }
    return `${BRANCH_PREFIX}${issueNumber}-${slugify(title)}`;
};
/** Throws a bad-input error unless `branch` has the form `epm/<N>-<slug>`. */
const assertBranchName = (branch) => {
    if (!BRANCH_PATTERN.test(branch)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`"${branch}" is not an EPM experiment branch`, {
            hint: 'expected epm/<issue number>-<slug> with a lower-case slug of letters, digits and "-", e.g. epm/12-lr-sweep',
        });
    }
};
/** The issue number of an experiment branch, or undefined when `branch` is not one. */
const issueOfBranch = (branch) => BRANCH_PATTERN.test(branch) ? Number.parseInt(branch.slice(BRANCH_PREFIX.length), 10) : undefined;
/** Name of the worktree folder for `branch`: the name without `epm/`, other `/` turned into `-`. */
const worktreeFolderName = (branch) => (branch.startsWith(BRANCH_PREFIX) ? branch.slice(BRANCH_PREFIX.length) : branch).replaceAll('/', '-');
const slugify = (title) => {
    const slug = title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    if (slug.length <= MAX_SLUG_LENGTH)
        return slug === '' ? 'experiment' : slug;
    const cut = slug.slice(0, MAX_SLUG_LENGTH);
    const atWord = slug.charAt(MAX_SLUG_LENGTH) === '-' ? cut : cut.slice(0, Math.max(cut.lastIndexOf('-'), 0));
    return (atWord === '' ? cut : atWord).replace(/-+$/, '');
};


/***/ }),

/***/ 10241:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ badInput),
/* harmony export */   S2: () => (/* binding */ busy),
/* harmony export */   hj: () => (/* binding */ conflict),
/* harmony export */   mX: () => (/* binding */ notFound),
/* harmony export */   nc: () => (/* binding */ unauthorized),
/* harmony export */   p5: () => (/* binding */ isEpmError),
/* harmony export */   qn: () => (/* binding */ external),
/* harmony export */   vi: () => (/* binding */ EpmError)
/* harmony export */ });
/* unused harmony export EXIT_CODES */
/**
 * Typed errors. Each carries what went wrong, which issue it concerns when
 * known, and what to do about it. Entry points print `message` and `hint` on
 * one line and exit with `exitCode`.
 */
/** Exit code of the CLI for each error category. */
const EXIT_CODES = {
    'bad-input': 2,
    'not-found': 3,
    conflict: 4,
    unauthorized: 5,
    busy: 6,
    external: 7,
    mismatch: 8,
};
/** Base class of every error EPM raises on purpose. */
class EpmError extends Error {
    code;
    hint;
    issue;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'EpmError';
        this.code = code;
        this.hint = options.hint;
        this.issue = options.issue;
    }
    /** The exit code the CLI uses for this error. */
    get exitCode() {
        return EXIT_CODES[this.code];
    }
    /** One line: the problem, then the fix. */
    toLine() {
        const where = this.issue === undefined ? '' : `#${this.issue}: `;
        return this.hint ? `${where}${this.message} — ${this.hint}` : `${where}${this.message}`;
    }
}
/** Builds a bad-input error. */
const badInput = (message, options) => new EpmError('bad-input', message, options);
/** Builds a not-found error. */
const notFound = (message, options) => new EpmError('not-found', message, options);
/** Builds a state-conflict error. */
const conflict = (message, options) => new EpmError('conflict', message, options);
/** Builds an authorization error. */
const unauthorized = (message, options) => new EpmError('unauthorized', message, options);
/** Builds a lock-busy error. */
const busy = (message, options) => new EpmError('busy', message, options);
/** Builds an external-failure error. */
const external = (message, options) => new EpmError('external', message, options);
/** True for errors EPM raised on purpose. */
const isEpmError = (error) => error instanceof EpmError;


/***/ }),

/***/ 46788:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ag: () => (/* binding */ LABEL_PREFIX),
/* harmony export */   Ci: () => (/* binding */ LANES),
/* harmony export */   Dd: () => (/* binding */ typeLabel),
/* harmony export */   Jx: () => (/* binding */ isLane),
/* harmony export */   Rh: () => (/* binding */ statusLabel),
/* harmony export */   Rt: () => (/* binding */ isEpmLabel),
/* harmony export */   co: () => (/* binding */ ISSUE_TYPES),
/* harmony export */   eB: () => (/* binding */ nextOnRoute),
/* harmony export */   f: () => (/* binding */ STATUSES),
/* harmony export */   ff: () => (/* binding */ TERMINAL),
/* harmony export */   h9: () => (/* binding */ laneLabel),
/* harmony export */   k2: () => (/* binding */ readLabels),
/* harmony export */   l6: () => (/* binding */ AWAITING_HUMAN),
/* harmony export */   lV: () => (/* binding */ MAIN_STATUSES),
/* harmony export */   nR: () => (/* binding */ routeFor)
/* harmony export */ });
/* unused harmony exports SIDE_STATES, FAILURE_CAUSES, isStatus, isMainStatus, isIssueType */
/**
 * The vocabulary of the lifecycle (DESIGN.md §2): statuses, side states, issue
 * types, lanes, failure causes, and the labels that project them.
 */
/** The main statuses, in lifecycle order. */
const MAIN_STATUSES = [
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
];
/** Side states an issue can leave the main path for. */
const SIDE_STATES = ['blocked', 'failed', 'aborted'];
/** Every status, main then side. */
const STATUSES = [...MAIN_STATUSES, ...SIDE_STATES];
/** Issue types, carried by one `type:<name>` label. */
const ISSUE_TYPES = ['experiment', 'claim', 'infra', 'analysis'];
/** Lanes, carried by one `lane:<name>` label: how much of the path an experiment takes. */
const LANES = ['full', 'config', 'follow-up'];
/** Why an issue failed. */
const FAILURE_CAUSES = (/* unused pure expression or super */ null && (['infra', 'code', 'budget']));
/** Statuses in which a human decision is awaited and nothing is due. */
const AWAITING_HUMAN = ['awaiting-plan-approval', 'awaiting-result-approval'];
/** Statuses no action leaves except where a human explicitly says so. */
const TERMINAL = ['done', 'aborted'];
/** True when `value` names a status. */
const isStatus = (value) => STATUSES.includes(value);
/** True when `value` names a main-path status. */
const isMainStatus = (value) => MAIN_STATUSES.includes(value);
/** True when `value` names an issue type. */
const isIssueType = (value) => ISSUE_TYPES.includes(value);
/** True when `value` names a lane. */
const isLane = (value) => LANES.includes(value);
/** Label prefixes. */
const LABEL_PREFIX = { status: 'status:', type: 'type:', lane: 'lane:' };
/** The label for a status. */
const statusLabel = (status) => `${LABEL_PREFIX.status}${status}`;
/** The label for a type. */
const typeLabel = (type) => `${LABEL_PREFIX.type}${type}`;
/** The label for a lane. */
const laneLabel = (lane) => `${LABEL_PREFIX.lane}${lane}`;
/** The main-path route an issue of a given type and lane takes. */
function routeFor(type, lane) {
    switch (type) {
        case 'claim':
            // A claim is a statement experiments attach to; it has no lifecycle of its own.
            return ['proposed'];
        case 'analysis':
            // An analysis of existing results: no code, no run.
            return MAIN_STATUSES.filter((s) => !['implementing', 'code-review', 'testing', 'running', 'verifying'].includes(s));
        case 'infra':
            // A code change: reviewed and tested, with no run or result to analyze.
            return MAIN_STATUSES.filter((s) => !['running', 'verifying', 'analyzing', 'result-review', 'awaiting-result-approval'].includes(s));
        case 'experiment':
            // The config lane runs a new config on existing code: no implementer or code review;
            // the smoke run in testing still happens.
            return lane === 'config' ? MAIN_STATUSES.filter((s) => s !== 'implementing' && s !== 'code-review') : MAIN_STATUSES;
    }
}
/** The status after `status` on the route, or undefined at the end. */
function nextOnRoute(route, status) {
    const at = route.indexOf(status);
    return at < 0 ? undefined : route[at + 1];
}
/** Whether a label is one of EPM's (`status:`, `type:` or `lane:`): issues carrying one are experiments EPM manages. */
const isEpmLabel = (label) => label.startsWith(LABEL_PREFIX.status) || label.startsWith(LABEL_PREFIX.type) || label.startsWith(LABEL_PREFIX.lane);
/** Reads `status:*`, `type:*` and `lane:*` labels; more than one of a kind, or an unknown value, is a problem. */
function readLabels(labels) {
    const reading = { problems: [] };
    const pick = (prefix, known, what) => {
        const found = labels.filter((label) => label.startsWith(prefix));
        const values = found.map((label) => label.slice(prefix.length));
        const unknown = values.filter((value) => !known.includes(value));
        for (const value of unknown) {
            reading.problems.push(`unknown ${what} label "${prefix}${value}"; expected one of ${known.map((k) => prefix + k).join(', ')}`);
        }
        if (found.length > 1) {
            reading.problems.push(`${found.length} ${what} labels (${found.join(', ')}); an issue carries exactly one — remove all but one`);
            return undefined;
        }
        return unknown.length === 0 ? values[0] : undefined;
    };
    const status = pick(LABEL_PREFIX.status, STATUSES, 'status');
    const type = pick(LABEL_PREFIX.type, ISSUE_TYPES, 'type');
    const lane = pick(LABEL_PREFIX.lane, LANES, 'lane');
    if (status !== undefined)
        reading.status = status;
    if (type !== undefined)
        reading.type = type;
    if (lane !== undefined)
        reading.lane = lane;
    return reading;
}


/***/ }),

/***/ 85429:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ readInputs)
/* harmony export */ });
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(10241);
/**
 * Every input of the action, read and checked in one place from the
 * environment GitHub gives a JavaScript action (`INPUT_<NAME>` variables and
 * the `GITHUB_*` defaults). A bad value is a clear error before anything runs.
 */

const input = (env, name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
const required = (env, name, hint) => {
    const value = env[name]?.trim();
    if (!value)
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`${name} is not set`, { hint });
    return value;
};
const number = (env, name, fallback, check, what) => {
    const raw = input(env, name);
    if (raw === '')
        return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || !check(value))
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`input ${name} is "${raw.slice(0, 40)}", not ${what}`, { hint: `set ${name} to ${what} in the workflow, or leave it out` });
    return value;
};
/** Reads the inputs; throws bad-input naming the first wrong one. */
function readInputs(env) {
    const mode = input(env, 'mode') || 'act';
    if (mode !== 'route' && mode !== 'act')
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`input mode is "${mode.slice(0, 40)}"`, { hint: 'use mode: route (the job without secrets) or mode: act (the worker)' });
    const token = input(env, 'github-token') || env['GITHUB_TOKEN']?.trim() || '';
    if (!token)
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)('no GitHub token', { hint: 'pass github-token: ${{ github.token }} (the default) and give the job the permissions the template lists' });
    const issueText = input(env, 'issue');
    if (issueText !== '' && !/^[1-9][0-9]*$/.test(issueText))
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`input issue is "${issueText.slice(0, 40)}", not an issue number`, { hint: 'pass the number the router job gave (needs.route.outputs.issue)' });
    const sweepText = input(env, 'sweep').toLowerCase();
    if (!['', 'true', 'false'].includes(sweepText))
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`input sweep is "${sweepText.slice(0, 40)}"`, { hint: "use 'true' or 'false'" });
    const repository = required(env, 'GITHUB_REPOSITORY', 'run inside GitHub Actions (GITHUB_REPOSITORY is owner/repo)');
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined)
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`GITHUB_REPOSITORY is "${repository}", not owner/repo`);
    const attest = input(env, 'attest').toLowerCase() || 'auto';
    if (attest !== 'auto' && attest !== 'always' && attest !== 'never')
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)(`input attest is "${attest.slice(0, 40)}"`, { hint: 'use auto (sign when the job has id-token: write), always or never' });
    const oidcAvailable = !!env['ACTIONS_ID_TOKEN_REQUEST_URL']?.trim() && !!env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']?.trim();
    if (mode === 'act' && attest === 'always' && !oidcAvailable) {
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .badInput */ .AN)('input attest is "always" but this job cannot mint an OIDC token to sign with', { hint: 'give the worker job "permissions: id-token: write" and "attestations: write" (the templates do), or set attest: auto' });
    }
    const replay = input(env, 'replay-cassettes');
    const base = input(env, 'base-branch');
    return {
        mode,
        token,
        ...(issueText ? { issue: Number(issueText) } : {}),
        sweep: sweepText === 'true',
        botLogin: input(env, 'bot-login') || 'github-actions[bot]',
        allowedBots: input(env, 'allowed-bots').split(',').map((s) => s.trim()).filter(Boolean),
        waitForRunMinutes: number(env, 'wait-for-run-minutes', 30, (n) => n >= 0 && n <= 360, 'a number of minutes from 0 to 360'),
        pollSeconds: number(env, 'poll-seconds', 10, (n) => n > 0 && n <= 600, 'a number of seconds above 0, at most 600'),
        writeIntervalMs: number(env, 'write-interval-ms', 1000, (n) => n >= 0 && n <= 10_000, 'milliseconds from 0 to 10000'),
        backoffUnitMs: number(env, 'backoff-unit-ms', 1000, (n) => n >= 1 && n <= 10_000, 'milliseconds from 1 to 10000'),
        ...(replay ? { replayCassettes: replay } : {}),
        ...(base ? { baseBranch: base } : {}),
        attest,
        oidcAvailable,
        eventName: required(env, 'GITHUB_EVENT_NAME', 'run inside GitHub Actions'),
        eventPath: required(env, 'GITHUB_EVENT_PATH', 'run inside GitHub Actions'),
        owner,
        repo,
        apiUrl: env['GITHUB_API_URL']?.trim() || 'https://api.github.com',
        workspace: env['GITHUB_WORKSPACE']?.trim() || process.cwd(),
    };
}


/***/ }),

/***/ 62276:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The action's side of the GitHub Actions runner protocol: outputs
 * (`GITHUB_OUTPUT`), the step summary (`GITHUB_STEP_SUMMARY`), log lines and
 * the failure annotation. A few lines of file appends, so the router starts
 * without loading a toolkit.
 */


/** Sets a step output (multi-line safe). */
function setOutput(name, value, env = process.env) {
    const file = env['GITHUB_OUTPUT'];
    if (!file) {
        process.stdout.write(`output ${name}=${value}\n`);
        return;
    }
    const delimiter = `epm_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}
/** Appends Markdown to the step summary (nothing outside Actions). */
function appendSummary(markdown, env = process.env) {
    const file = env['GITHUB_STEP_SUMMARY'];
    if (file)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
/** A log line. */
const info = (line) => void process.stdout.write(`${line}\n`);
/** Marks the step failed with an error annotation saying what to do. */
function setFailed(message) {
    process.exitCode = 1;
    process.stdout.write(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}
/** Escapes text for HTML inside the summary. */
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');


/***/ }),

/***/ 74157:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(10241);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(62276);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(85429);
/* harmony import */ var _route_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(71027);
/**
 * The action's entry point (`dist/action/index.js`). `mode: route` parses the
 * event, authorizes the sender and acknowledges commands — with no secrets —
 * and hands the issue number to the worker; `mode: act` does the due work.
 * Every run writes a step summary saying what happened and what comes next;
 * a failure says what to do. The worker's modules load only in act mode, so
 * an ignored event costs little more than starting Node.
 */





async function route(inputs) {
    let payload;
    try {
        payload = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(inputs.eventPath, 'utf8'));
    }
    catch (error) {
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`cannot read the event at GITHUB_EVENT_PATH (${inputs.eventPath}): ${error instanceof Error ? error.message : String(error)}`, { cause: error, hint: 'GitHub writes this file for every workflow run; outside Actions, point GITHUB_EVENT_PATH at a saved event' });
    }
    let decided = (0,_route_js__WEBPACK_IMPORTED_MODULE_4__/* .routeEvent */ .C)(inputs.eventName, payload, { repository: `${inputs.owner}/${inputs.repo}`, botLogin: inputs.botLogin });
    if (decided.action === 'tick' && decided.needsWrite) {
        const { authorize } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(239), __nccwpck_require__.e(141)]).then(__nccwpck_require__.bind(__nccwpck_require__, 32141));
        decided = await authorize(inputs, decided);
    }
    // The issues the workers take, one worker each (the templates' matrix, in the per-issue concurrency group).
    let issues = decided.action === 'tick' ? [decided.issue] : [];
    let more = '';
    if (decided.action === 'sweep') {
        const { openExperimentIssues } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(239), __nccwpck_require__.e(611)]).then(__nccwpck_require__.bind(__nccwpck_require__, 60611));
        const listed = await openExperimentIssues(inputs);
        issues = listed.issues;
        if (listed.open > issues.length)
            more = ` ${listed.open - issues.length} more open experiment(s) wait for the next sweeps (GitHub runs at most ${issues.length} jobs from one matrix).`;
        if (issues.length === 0)
            decided = { action: 'ignore', reason: `${decided.reason}: no open experiments` };
    }
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH)('action', decided.action);
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH)('issue', decided.action === 'tick' ? String(decided.issue) : '');
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH)('issues', JSON.stringify(issues)); // [] when ignored
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH)('reason', decided.reason);
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`EPM router: ${decided.action}${decided.action === 'ignore' ? '' : ` ${issues.map((n) => `#${n}`).join(' ')}`} — ${decided.reason}`);
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .appendSummary */ .fe)(`### EPM router\n\n${(0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeHtml */ .ZD)(decided.action === 'ignore'
        ? `Nothing to do: ${decided.reason}.`
        : decided.action === 'sweep'
            ? `Sweeping ${issues.map((n) => `#${n}`).join(', ')} (${decided.reason}): one worker job each.${more}`
            : `Waking #${decided.issue} (${decided.reason}). The worker job carries it out.`)}`);
}
async function work(inputs) {
    const core = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(143)]).then(__nccwpck_require__.bind(__nccwpck_require__, 90143));
    const { act } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(239), __nccwpck_require__.e(600), __nccwpck_require__.e(654)]).then(__nccwpck_require__.bind(__nccwpck_require__, 73654));
    const { nextOnGitHub } = await __nccwpck_require__.e(/* import() */ 138).then(__nccwpck_require__.bind(__nccwpck_require__, 67138));
    const { outcomes, modelNotice, signingNotice } = await act({ inputs, env: process.env, log: (line) => core.info(line) });
    const rows = outcomes.map((o) => [
        `#${o.issue}`, o.before === o.status ? o.status : `${o.before} → ${o.status}`,
        o.error ? `**error**: ${o.error}` : o.waiting ? `waiting: ${o.waiting}` : o.state ? nextOnGitHub(o.state) : '',
    ]);
    const summary = core.summary.addHeading('EPM', 3).addRaw(modelNotice).addEOL().addRaw(signingNotice).addEOL();
    if (rows.length)
        summary.addTable([[{ data: 'issue', header: true }, { data: 'status', header: true }, { data: 'next', header: true }], ...rows]);
    else
        summary.addRaw('No open experiments.').addEOL();
    for (const o of outcomes)
        if (o.steps.length)
            summary.addDetails(`#${o.issue}: ${o.steps.length} step(s)`, `<pre>${o.steps.map(_io_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeHtml */ .ZD).join('\n')}</pre>`);
    await summary.write();
    const single = outcomes.length === 1 ? outcomes[0] : undefined;
    core.setOutput('status', single?.status ?? '');
    core.setOutput('issue', single ? String(single.issue) : '');
    const failed = outcomes.filter((o) => o.error);
    if (failed.length)
        core.setFailed(`EPM could not finish ${failed.map((o) => `#${o.issue}: ${o.error}`).join('; ')} — the next run (or "/epm retry") continues from the issue's state; nothing recorded is lost.`);
}
/** Runs the action; never throws (a failure marks the step failed with what to do). */
async function run(env = process.env) {
    try {
        const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .readInputs */ .K)(env);
        if (inputs.mode === 'route')
            await route(inputs);
        else
            await work(inputs);
    }
    catch (error) {
        const line = (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isEpmError */ .p5)(error) ? error.toLine() : error instanceof Error ? error.message : String(error);
        (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .setFailed */ .C1)(`EPM: ${line}`);
        (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .appendSummary */ .fe)(`### EPM failed\n\n${(0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeHtml */ .ZD)(line)}`);
    }
}
await run();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 71027:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ routeEvent)
/* harmony export */ });
/* harmony import */ var _domain_branch_name_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(41816);
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(10241);
/* harmony import */ var _domain_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(46788);
/**
 * The raw GitHub event, parsed once into what the action should do: tick one
 * issue (and whose permission that needs), sweep every open experiment, or
 * ignore it with the reason. Pure; the router job runs it without secrets and
 * hands only numbers onward.
 */



/** A payload field that is not what GitHub sends. */
class ShapeError extends Error {
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (v, path) => {
    if (!isObject(v))
        throw new ShapeError(`${path}: expected an object`);
    return v;
};
const text = (v, path) => {
    if (typeof v !== 'string')
        throw new ShapeError(`${path}: expected a string`);
    return v;
};
const int = (v, path, positive = false) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || (positive && v < 1))
        throw new ShapeError(`${path}: expected ${positive ? 'a positive' : 'an'} integer`);
    return v;
};
const login = (v, path) => (v === null || v === undefined ? undefined : text(at(v, path)['login'], `${path}.login`));
const issueOf = (v) => {
    const issue = at(v, 'issue');
    const labels = issue['labels'] ?? [];
    if (!Array.isArray(labels))
        throw new ShapeError('issue.labels: expected an array');
    return {
        number: int(issue['number'], 'issue.number', true),
        labels: labels.map((l, i) => (typeof l === 'string' ? l : text(at(l, `issue.labels.${i}`)['name'], `issue.labels.${i}.name`))),
        isPull: issue['pull_request'] !== undefined && issue['pull_request'] !== null,
    };
};
const pullOf = (v) => {
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
function routeEvent(name, payload, context) {
    try {
        return decide(name, payload, context);
    }
    catch (error) {
        if (!(error instanceof ShapeError))
            throw error;
        throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`the ${name} event payload is not what GitHub sends: ${error.message}`, {
            hint: 'run EPM from the workflow templates (epm install); GITHUB_EVENT_PATH must be the event GitHub delivered',
        });
    }
}
function decide(name, payload, context) {
    const fromSelf = (login) => login === context.botLogin;
    switch (name) {
        case 'issues': {
            const event = at(payload, '(root)');
            const action = text(event['action'], 'action');
            const issue = issueOf(event['issue']);
            const sender = login(event['sender'], 'sender') ?? '';
            if (!['opened', 'edited', 'labeled', 'reopened'].includes(action))
                return { action: 'ignore', reason: `issues.${action} does not concern EPM` };
            if (issue.isPull)
                return { action: 'ignore', reason: 'the event is about a pull request' };
            if (fromSelf(sender))
                return { action: 'ignore', reason: `${sender} is EPM itself` };
            if (!issue.labels.some(_domain_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .isEpmLabel */ .Rt)) {
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
            if (action !== 'created')
                return { action: 'ignore', reason: `issue_comment.${action} does not concern EPM` };
            if (fromSelf(author))
                return { action: 'ignore', reason: `${author} is EPM itself` };
            const body = (typeof comment['body'] === 'string' ? comment['body'] : '').trim();
            const command = /^\/epm\b/.test(body);
            if (issue.isPull) {
                return { action: 'ignore', reason: command ? 'commands go on the experiment issue; on the PR, use a review (Approve / Request changes)' : 'a comment on a pull request' };
            }
            if (!command && !issue.labels.some(_domain_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .isEpmLabel */ .Rt))
                return { action: 'ignore', reason: `#${issue.number} is not an EPM issue` };
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
            if (action !== expected)
                return { action: 'ignore', reason: `${name}.${action} does not concern EPM` };
            if (pr.headRepo !== pr.baseRepo || pr.baseRepo !== context.repository) {
                return { action: 'ignore', reason: `PR #${pr.number} comes from a fork (${pr.headRepo ?? 'deleted repository'}); EPM acts only on its own branches` };
            }
            const issueNumber = (0,_domain_branch_name_js__WEBPACK_IMPORTED_MODULE_0__/* .issueOfBranch */ .Lr)(pr.headRef);
            if (issueNumber === undefined)
                return { action: 'ignore', reason: `PR #${pr.number} is not an experiment PR (branch ${pr.headRef})` };
            if (fromSelf(actor))
                return { action: 'ignore', reason: `${actor} is EPM itself` };
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
            if (wanted === '')
                return { action: 'sweep', reason: `sweep dispatched by ${sender}` };
            if (!/^[0-9]+$/.test(wanted) || Number(wanted) < 1)
                throw (0,_domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .badInput */ .AN)(`workflow_dispatch input issue "${wanted.slice(0, 40)}" is not an issue number`, { hint: 'give the number of an issue, e.g. 12, or leave it empty to sweep' });
            return { action: 'tick', issue: Number(wanted), reason: `dispatched for #${wanted} by ${sender}`, actor: sender, needsWrite: true };
        }
        default:
            return { action: 'ignore', reason: `EPM does not act on ${name} events` };
    }
}


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 85675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 98995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 80481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 58500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 49786:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream/promises");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 16460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(74157);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__run = __webpack_exports__.e;
/******/ export { __webpack_exports__run as run };
/******/ 
