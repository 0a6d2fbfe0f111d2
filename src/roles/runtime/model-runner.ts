/**
 * The RoleRunner backed by a model: one role run is a tool loop over the
 * Model port. The system prompt is the role's instructions; the first user
 * turn is the role's prompt, built from a sanitized copy of the context,
 * stable parts first. Cache breakpoints close the stable prefix (tools and
 * system, then the stable prompt parts), the volatile parts later rounds
 * repeat verbatim (the diff as the first review saw it) and the conversation
 * so far. Each
 * `tool_use` is executed by EPM (errors go back as `is_error` results, never
 * thrown) until the model calls `submit` with output its role's schema
 * accepts. Invalid output is returned for correction a bounded number of
 * times; the turn limit and the experiment's model-spend limit are hard
 * stops. Every run is written to a redacted JSONL transcript.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput, conflict, external, isEpmError, notFound } from '../../domain/errors.js';
import { redactText } from '../../domain/redaction.js';
import type { RoleName } from '../../domain/roles.js';
import { sanitizeUntrusted } from '../../domain/sanitize.js';
import type { CacheControl, ContentBlock, Model, ModelMessage, ModelRequest, ModelTool, TextBlock, ToolResultBlock, ToolUseBlock } from '../../ports/model.js';
import type { RoleContext, RoleResult, RoleRunner } from '../../ports/roles.js';
import type { Tracker } from '../../ports/tracker.js';
import { ROLE_DEFINITIONS } from '../registry.js';
import type { RoleDefinition, ToolSet } from '../role-definition.js';
import { DEFAULT_TOOL_LIMITS, codingTools, readOnlyTools, toolDefinition, type CodingToolOptions, type EpmTool, type ToolContext, type ToolLimits } from '../tools/index.js';
import { issueTools } from '../tools/issue-tools.js';
import { RunBudget } from './budget.js';
import { DEFAULT_MODEL, DEFAULT_PRICING, priceOf, type PricingTable } from './pricing.js';
import { SUBMIT_TOOL_NAME, checkSubmission, submitToolFor } from './submit-tool.js';
import { TranscriptWriter, secretsToRedact, toolNames, transcriptPath, type TranscriptOutcome } from './transcript.js';

/** The tools a role gets for its tool set, in this context (without `submit`, which the runner adds). */
export type ToolProvider = (set: ToolSet, context: RoleContext) => readonly EpmTool[];

/**
 * The standard tools: thinking roles (`read-only`) get read_file, list_files
 * and grep; coding roles get those plus Anthropic's text editor and bash,
 * configured by `options` (command allowlist, extra environment). Wrap it to
 * add tracker tools such as search_issues.
 */
export function defaultToolProvider(options: CodingToolOptions = {}): ToolProvider {
  const coding = codingTools(options);
  return (set) => (set === 'coding' ? coding : readOnlyTools);
}

/**
 * EPM's tools as every entry point wires them: the default ones with bash's
 * home under the state folder, plus the issue tools (search and read issues)
 * for the thinking roles when a tracker is there.
 */
export function epmToolProvider(stateDir: string, tracker: () => Tracker | undefined): ToolProvider {
  const base = defaultToolProvider({ bash: { home: join(stateDir, 'tool-home') } });
  return (set, context) => {
    const issues = set === 'read-only' ? tracker() : undefined;
    return [...base(set, context), ...(issues ? issueTools(issues) : [])];
  };
}

/** Options of the ModelRoleRunner. */
export interface ModelRoleRunnerOptions {
  /** The model (live, recording or replaying). */
  model: Model;
  /** Folder of transcripts: `<stateDir>/transcripts`; a run writes `<issue>/<key>.jsonl` below it. */
  transcriptsDir: string;
  /** Tools per tool set. Default: `defaultToolProvider()`. */
  tools?: ToolProvider;
  /** Role definitions by name. Default: every role of the registry. */
  roles?: Readonly<Partial<Record<RoleName, RoleDefinition>>>;
  /** Environment whose secret-named variables are redacted from transcripts and prompts. Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The API key, redacted too. */
  apiKey?: string;
  /** Model id. Default `DEFAULT_MODEL`. */
  modelName?: string;
  /** Output tokens per turn. Default 16384. */
  maxTokens?: number;
  /** Prices per model (USD per million tokens). Default `DEFAULT_PRICING`. */
  pricing?: PricingTable;
  /** Times invalid output is sent back for correction before the run fails. Default 2. */
  submitCorrections?: number;
  /** Bounds on tool calls. Default `DEFAULT_TOOL_LIMITS`. */
  toolLimits?: ToolLimits;
  /** Clock for transcript times. */
  now?: () => Date;
}

/** A cache breakpoint (5-minute TTL). */
const EPHEMERAL: CacheControl = { type: 'ephemeral' };

/** Told to a model that ended its turn without calling any tool. */
const NO_TOOL_CALLED = `You ended your turn without calling a tool. When your work is done, call the \`${SUBMIT_TOOL_NAME}\` tool with your output; otherwise continue with the tools.`;
/** Told to a model whose answer was cut at the output limit. */
const CUT_AT_MAX_TOKENS = `Your answer was cut at the output limit before any tool call completed. Be shorter: continue with smaller steps, and call \`${SUBMIT_TOOL_NAME}\` when done.`;

/** A copy of the context in which every untrusted string (issue title and body, feedback, human words in the state) has been sanitized. */
export function sanitizeContext(context: RoleContext): RoleContext {
  const { state } = context;
  return {
    ...context,
    issue: { ...context.issue, title: sanitizeUntrusted(context.issue.title), body: sanitizeUntrusted(context.issue.body) },
    feedback: context.feedback.map(sanitizeUntrusted),
    state: {
      ...state,
      title: sanitizeUntrusted(state.title),
      body: sanitizeUntrusted(state.body),
      feedback: state.feedback.map((f) => ({ ...f, text: sanitizeUntrusted(f.text) })),
      findings: state.findings.map(sanitizeUntrusted),
    },
  };
}

/** The text a failed tool call returns to the model: the error's message and what to do. */
function toolErrorText(name: string, error: unknown): string {
  if (isEpmError(error)) return error.hint ? `${error.message} — ${error.hint}` : error.message;
  return `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The messages as sent: the last block of the last message carries a
 * breakpoint, so each turn reads the conversation so far from the cache —
 * including turn 1, whose volatile part (diff, findings) the next turn then
 * reads instead of writing again (bench/prompt-cache: 47 % → 69 % read from
 * cache over a review loop). Breakpoints stay within the API's four: system,
 * end of the stable prompt, end of the reused prompt parts, end of the
 * conversation.
 */
function withConversationBreakpoint(messages: readonly ModelMessage[]): ModelMessage[] {
  const lastIndex = messages.length - 1;
  return messages.map((message, index) => {
    if (index !== lastIndex) return message;
    const content = message.content.map((block, b): ContentBlock =>
      b === message.content.length - 1 && (block.type === 'text' || block.type === 'tool_result') ? { ...block, cache_control: EPHEMERAL } : block,
    );
    return { ...message, content };
  });
}

/** Runs roles through a model's tool loop. */
export class ModelRoleRunner implements RoleRunner {
  private readonly roles: Readonly<Partial<Record<RoleName, RoleDefinition>>>;
  private readonly tools: ToolProvider;
  private readonly secrets: readonly string[];
  private readonly modelName: string;
  private readonly maxTokens: number;
  private readonly pricing: PricingTable;
  private readonly submitCorrections: number;
  private readonly toolLimits: ToolLimits;

  /** A runner over `options.model`; an unpriced model is refused here, before any call. */
  constructor(private readonly options: ModelRoleRunnerOptions) {
    this.roles = options.roles ?? ROLE_DEFINITIONS;
    this.tools = options.tools ?? defaultToolProvider();
    this.secrets = secretsToRedact(options.env ?? {}, options.apiKey);
    this.modelName = options.modelName ?? DEFAULT_MODEL;
    this.maxTokens = options.maxTokens ?? 16_384;
    this.pricing = options.pricing ?? DEFAULT_PRICING;
    this.submitCorrections = options.submitCorrections ?? 2;
    this.toolLimits = options.toolLimits ?? DEFAULT_TOOL_LIMITS;
    priceOf(this.modelName, this.pricing);
    if (!Number.isInteger(this.submitCorrections) || this.submitCorrections < 0) {
      throw badInput(`submitCorrections must be a whole number ≥ 0, got ${this.submitCorrections}`, { hint: 'use 2, the default' });
    }
  }

  /** Why the role cannot run here: it has no definition. */
  unavailable(role: RoleName): string | undefined {
    return this.roles[role] ? undefined : `no definition is registered for the ${role} role`;
  }

  /**
   * Runs the role's tool loop until it submits valid output. Throws a
   * BudgetExceededError at the turn or spend limit, a bad-input error naming
   * the role and the problems when its output stays invalid, and the model's
   * error when the model fails; every outcome is in the transcript. Limits
   * are checked before every turn, so no turn starts past one; a valid
   * submission in the answer that crossed the spend limit is still returned
   * with its usage (that money is spent either way, and the engine's own
   * spend check then blocks the experiment).
   */
  async run(context: RoleContext): Promise<RoleResult> {
    const role = this.roles[context.role];
    if (!role) throw notFound(`no definition is registered for the ${context.role} role`, { issue: context.issue.number, hint: 'register it in src/roles/registry.ts' });
    const safe = sanitizeContext(context);
    const tools = this.tools(role.tools, safe);
    const byName = new Map<string, EpmTool>();
    for (const tool of tools) {
      if (tool.name === SUBMIT_TOOL_NAME || byName.has(tool.name)) {
        throw conflict(`the ${role.name} was given two tools named "${tool.name}"`, { issue: context.issue.number, hint: `tool names must be unique and "${SUBMIT_TOOL_NAME}" is reserved` });
      }
      byName.set(tool.name, tool);
    }
    // A role without a worktree still gets a confined one: an empty folder, so a file tool can never fall back to EPM's own directory.
    const scratch = context.worktree === undefined ? await mkdtemp(join(tmpdir(), 'epm-no-worktree-')) : undefined;
    try {
      return await this.loop(role, safe, tools, byName, context.worktree ?? scratch ?? '');
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    }
  }

  private async loop(role: RoleDefinition, context: RoleContext, tools: readonly EpmTool[], byName: ReadonlyMap<string, EpmTool>, worktree: string): Promise<RoleResult> {
    const redact = (text: string) => redactText(text, this.secrets);
    const issue = context.issue.number;
    const transcript = new TranscriptWriter(transcriptPath(this.options.transcriptsDir, issue, context.key), this.secrets, this.options.now);
    const budget = new RunBudget(role.name, {
      maxTurns: role.maxTurns,
      usdLimit: context.state.settings.modelUsdPerExperiment,
      usdSpentBefore: context.state.spend.usd,
    }, priceOf(this.modelName, this.pricing));
    const finish = async (outcome: TranscriptOutcome, error?: string) =>
      transcript.write({ kind: 'end', outcome, totals: budget.current, ...(error !== undefined ? { error } : {}) });

    const modelTools: ModelTool[] = [...tools.map((t) => toolDefinition(t) as unknown as ModelTool), submitToolFor(role)];
    const system: TextBlock[] = [{ type: 'text', text: role.instructions, cache_control: EPHEMERAL }];
    const parts = role.buildPrompt(context);
    const stable = parts.filter((p) => p.stable);
    const reused = parts.filter((p) => !p.stable && p.reused === true);
    const ordered = [...stable, ...reused, ...parts.filter((p) => !p.stable && p.reused !== true)];
    if (ordered.length === 0) throw badInput(`the ${role.name} built an empty prompt`, { issue, hint: 'its buildPrompt must return at least one part' });
    // One breakpoint closes the stable parts (the same in every round), one the reused parts (repeated verbatim by later
    // rounds: the implementation's diff, which later rounds then read instead of writing; bench/prompt-cache 68.8 % → 80.4 %).
    const breakpoints = new Set([stable.length - 1, stable.length + reused.length - 1].filter((i) => i >= 0));
    const prompt: TextBlock[] = ordered.map((part, i) => (breakpoints.has(i) ? { type: 'text', text: redact(part.text), cache_control: EPHEMERAL } : { type: 'text', text: redact(part.text) }));
    const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    const toolContext: ToolContext = { worktree, limits: this.toolLimits };

    await transcript.write({
      kind: 'start', role: role.name, issue, key: context.key, model: this.modelName, maxTurns: role.maxTurns,
      usdLimit: context.state.settings.modelUsdPerExperiment, usdSpentBefore: context.state.spend.usd,
    });
    const stopped = budget.exhaustedBeforeStart();
    if (stopped) {
      await finish('budget-exceeded');
      throw budget.stop(stopped, { issue, transcript: transcript.path });
    }

    let rejected = 0;
    for (;;) {
      const limit = budget.exhaustedForNextTurn();
      if (limit) {
        await finish('budget-exceeded');
        throw budget.stop(limit, { issue, transcript: transcript.path });
      }
      const turn = budget.current.turns + 1;
      const request: ModelRequest = {
        model: this.modelName,
        max_tokens: this.maxTokens,
        system,
        messages: withConversationBreakpoint(messages),
        tools: modelTools,
        tool_choice: { type: 'auto' },
      };
      const newest = messages[messages.length - 1]!;
      await transcript.write({ kind: 'request', turn, model: this.modelName, ...(turn === 1 ? { system: role.instructions, tools: toolNames(modelTools) } : {}), message: newest });

      let response;
      try {
        response = await this.options.model.createMessage(request, { role: role.name, worktree });
      } catch (error) {
        const wrapped = isEpmError(error) ? error : external(`the model failed during the ${role.name}: ${error instanceof Error ? error.message : String(error)}`, { issue, cause: error, hint: 'run "epm retry" once the model answers again' });
        await finish('failed', wrapped.message);
        throw wrapped;
      }
      const usd = budget.record(response.usage);
      await transcript.write({
        kind: 'response', turn, id: response.id, stopReason: response.stop_reason, content: response.content,
        usage: {
          inputTokens: response.usage.input_tokens,
          cacheWriteTokens: response.usage.cache_creation_input_tokens ?? 0,
          cacheReadTokens: response.usage.cache_read_input_tokens ?? 0,
          outputTokens: response.usage.output_tokens,
          usd,
        },
      });
      messages.push({ role: 'assistant', content: response.content });

      const calls = response.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
      if (calls.length === 0) {
        if (response.stop_reason === 'refusal') {
          await finish('failed', 'the model refused');
          throw external(`the model refused to act as the ${role.name}`, { issue, hint: 'read the transcript, reword the issue, then "epm retry"' });
        }
        messages.push({ role: 'user', content: [{ type: 'text', text: response.stop_reason === 'max_tokens' ? CUT_AT_MAX_TOKENS : NO_TOOL_CALLED }] });
        continue;
      }

      const results: ToolResultBlock[] = [];
      for (const call of calls.filter((c) => c.name === SUBMIT_TOOL_NAME)) {
        await transcript.write({ kind: 'tool-call', turn, id: call.id, name: call.name, input: call.input });
        const check = checkSubmission(role.outputSchema, call.input);
        if (check.ok) {
          await finish('submitted');
          return { output: call.input, usage: budget.usage(), transcript: transcript.path };
        }
        rejected += 1;
        await transcript.write({ kind: 'submit-rejected', turn, attempt: rejected, issues: check.issues });
        if (rejected > this.submitCorrections) {
          const problems = check.issues.join('; ');
          await finish('invalid-output', problems);
          throw badInput(`the ${role.name} submitted invalid output ${rejected} times; last problems: ${problems}`, {
            issue,
            hint: `read the transcript ${transcript.path}; fix the role's prompt or schema, then "epm retry"`,
          });
        }
        const content = `Your submission does not match the ${role.name} output schema:\n${check.issues.map((i) => `- ${i}`).join('\n')}\nCall ${SUBMIT_TOOL_NAME} again with a corrected input (${this.submitCorrections - rejected + 1} attempt(s) left).`;
        results.push({ type: 'tool_result', tool_use_id: call.id, content, is_error: true });
        await transcript.write({ kind: 'tool-result', turn, id: call.id, name: call.name, isError: true, content, ms: 0 });
      }

      for (const call of calls.filter((c) => c.name !== SUBMIT_TOOL_NAME)) {
        await transcript.write({ kind: 'tool-call', turn, id: call.id, name: call.name, input: call.input });
        const started = Date.now();
        const tool = byName.get(call.name);
        let content: string;
        let isError = false;
        if (!tool) {
          content = `There is no tool named "${call.name}". Available: ${[...byName.keys(), SUBMIT_TOOL_NAME].join(', ')}.`;
          isError = true;
        } else {
          try {
            content = await tool.run(call.input, toolContext);
          } catch (error) {
            content = toolErrorText(call.name, error);
            isError = true;
          }
        }
        // Secrets are scrubbed before the model reads a result, not only in the transcript.
        content = redact(content);
        results.push({ type: 'tool_result', tool_use_id: call.id, content, ...(isError ? { is_error: true } : {}) });
        await transcript.write({ kind: 'tool-result', turn, id: call.id, name: call.name, isError, content, ms: Date.now() - started });
      }
      // Results answer the calls in the order the model made them.
      const order = new Map(calls.map((c, i) => [c.id, i]));
      results.sort((a, b) => (order.get(a.tool_use_id) ?? 0) - (order.get(b.tool_use_id) ?? 0));
      messages.push({ role: 'user', content: results });
    }
  }
}
