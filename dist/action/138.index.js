export const id = 138;
export const ids = [138];
export const modules = {

/***/ 10781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H_: () => (/* binding */ cloneState),
/* harmony export */   Qw: () => (/* binding */ versionAwaitingApproval),
/* harmony export */   a$: () => (/* binding */ DEFAULT_SETTINGS),
/* harmony export */   ue: () => (/* binding */ initialState),
/* harmony export */   xh: () => (/* binding */ currentRun)
/* harmony export */ });
/* unused harmony export parseClaimRef */
/** Defaults matching the config defaults. */
const DEFAULT_SETTINGS = {
    maxRounds: 3,
    replanAtCap: true,
    planGateRetries: 2,
    modelUsdPerExperiment: 50,
    gpuHoursPerExperiment: 24,
    computeDeviationFactor: 2,
    wakeMinutes: [5, 10, 20, 40],
    defaultType: 'experiment',
    defaultLane: 'full',
};
/** The claim an issue names with a line `Claim: #N`, if any. */
function parseClaimRef(body) {
    const match = /^Claim:\s*#([1-9][0-9]*)\s*$/m.exec(body);
    return match?.[1] ? Number(match[1]) : undefined;
}
/** The state of an issue before anything happened to it. */
function initialState(issue, settings = DEFAULT_SETTINGS) {
    const loop = () => ({ round: 0, classes: [] });
    const claim = parseClaimRef(issue.body);
    return {
        ...(claim !== undefined ? { claim } : {}),
        number: issue.number,
        title: issue.title,
        body: issue.body,
        author: issue.author,
        lane: settings.defaultLane,
        laneConfirmed: false,
        status: 'proposed',
        settings,
        keys: new Set(),
        versions: new Map(),
        cycle: 1,
        replanned: false,
        planGateFailures: 0,
        deviations: [],
        approvals: [],
        loops: { clarify: loop(), plan: loop(), implement: loop(), code: loop(), test: loop(), result: loop() },
        findings: [],
        runs: [],
        relaunchDue: false,
        feedback: [],
        pending: [],
        spend: { usd: 0, inputTokens: 0, outputTokens: 0, gpuHours: 0 },
        spendByRole: {},
        transcripts: [],
        timeline: [],
        labelProblems: [],
        labels: [],
        problems: [],
        position: 0,
    };
}
/** The current run attempt, if any. */
const currentRun = (state) => state.runs[state.runs.length - 1];
/** The version awaiting approval in the current status, if any. */
function versionAwaitingApproval(state) {
    if (state.status === 'awaiting-plan-approval')
        return state.plan?.version;
    if (state.status === 'awaiting-result-approval')
        return state.result?.sha;
    return undefined;
}
/** A deep copy of a state (Sets and Maps included). */
function cloneState(state) {
    return structuredClone(state);
}


/***/ }),

/***/ 67138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ statusReplyTag),
/* harmony export */   b: () => (/* binding */ renderStatusReply),
/* harmony export */   nextOnGitHub: () => (/* binding */ nextOnGitHub)
/* harmony export */ });
/* harmony import */ var _domain_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10781);
/** The answer to `/epm status`, and what an issue waits for, in GitHub's words. */

/** The hidden tag that ties a status reply to the comment it answers (not an EPM marker). */
const statusReplyTag = (commentId) => `<!-- epm-status-reply ${commentId} -->`;
/** What the issue needs next from a human on GitHub, or "nothing". */
function nextOnGitHub(state) {
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
function renderStatusReply(state, commentId, asker, paths) {
    const run = (0,_domain_state_js__WEBPACK_IMPORTED_MODULE_0__/* .currentRun */ .xh)(state);
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


/***/ })

};
