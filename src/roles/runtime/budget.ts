/**
 * Budgets of one role run: a turn limit per call (the role's `maxTurns`) and
 * the experiment's model-spend limit (`settings.modelUsdPerExperiment`, less
 * what the experiment already spent). Both are hard stops: the run ends with a
 * BudgetExceededError carrying the figures, which the engine turns into
 * `blocked`. The meter also sums every turn's tokens and cost.
 */
import { EpmError } from '../../domain/errors.js';
import type { RoleName, RoleUsage } from '../../domain/roles.js';
import type { ModelUsage } from '../../ports/model.js';
import { costOf, type ModelPrice } from './pricing.js';

/** Which budget ran out: the turns of one call, or the experiment's model spend. */
export type BudgetKind = 'turns' | 'model-usd';

/** Figures of a budget stop. */
export interface BudgetFigures {
  /** Which budget ran out. */
  what: BudgetKind;
  /** Turns taken, or USD spent by the experiment including this run. */
  used: number;
  /** The limit that was reached. */
  limit: number;
}

/** A role run stopped by a budget. The engine records `usage` (the money is spent) and blocks the issue with the figures. */
export class BudgetExceededError extends EpmError {
  /** Which budget ran out. */
  readonly what: BudgetKind;
  /** Turns taken, or the experiment's USD spend including this run. */
  readonly used: number;
  /** The limit reached. */
  readonly limit: number;
  /** The role that was stopped. */
  readonly role: RoleName;
  /** What this run consumed before it stopped. */
  readonly usage: RoleUsage;
  /** Path of the run's transcript, when one was written. */
  readonly transcript: string | undefined;

  constructor(role: RoleName, figures: BudgetFigures, usage: RoleUsage, options: { issue?: number; transcript?: string } = {}) {
    const what =
      figures.what === 'turns'
        ? `the ${role} used its ${figures.limit} turns without submitting`
        : `the ${role} stopped at the model-spend budget: $${figures.used.toFixed(4)} spent of $${figures.limit}`;
    const hint =
      figures.what === 'turns'
        ? `raise the role's turn limit or narrow the task, then "epm retry"`
        : 'raise budgets.modelUsdPerExperiment in the config or abort, then "epm unblock"';
    super('conflict', what, { hint, ...(options.issue !== undefined ? { issue: options.issue } : {}) });
    this.name = 'BudgetExceededError';
    this.what = figures.what;
    this.used = figures.used;
    this.limit = figures.limit;
    this.role = role;
    this.usage = usage;
    this.transcript = options.transcript;
  }
}

/** True for a budget stop. */
export const isBudgetExceeded = (error: unknown): error is BudgetExceededError => error instanceof BudgetExceededError;

/** Token and cost totals of a run, over all its turns. */
export interface UsageTotals {
  /** Turns (model answers) so far. */
  turns: number;
  /** Input tokens at the full rate. */
  inputTokens: number;
  /** Input tokens written into the prompt cache. */
  cacheWriteTokens: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: number;
  /** Output tokens. */
  outputTokens: number;
  /** USD cost at the pricing table's rates. */
  usd: number;
}

/** Limits one run must respect. */
export interface RunLimits {
  /** Model answers allowed in this call. */
  maxTurns: number;
  /** The experiment's model-spend limit (USD). */
  usdLimit: number;
  /** What the experiment spent before this run (USD). */
  usdSpentBefore: number;
}

/** Counts one run's turns, tokens and cost, and says when a limit is reached. */
export class RunBudget {
  private readonly totals: UsageTotals = { turns: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, usd: 0 };

  /** A meter for one run of `role` at `price` under `limits`. */
  constructor(
    private readonly role: RoleName,
    private readonly limits: RunLimits,
    private readonly price: ModelPrice,
  ) {}

  /** Adds one answer's usage and returns that answer's cost in USD. */
  record(usage: ModelUsage): number {
    const cost = costOf(usage, this.price);
    this.totals.turns += 1;
    this.totals.inputTokens += usage.input_tokens;
    this.totals.cacheWriteTokens += usage.cache_creation_input_tokens ?? 0;
    this.totals.cacheReadTokens += usage.cache_read_input_tokens ?? 0;
    this.totals.outputTokens += usage.output_tokens;
    this.totals.usd += cost;
    return cost;
  }

  /** A copy of the totals so far. */
  get current(): UsageTotals {
    return { ...this.totals };
  }

  /** The experiment's spend including this run (USD). */
  get experimentUsd(): number {
    return this.limits.usdSpentBefore + this.totals.usd;
  }

  /**
   * The usage to report: `inputTokens` counts every prompt token (full-rate,
   * cache-written and cache-read) so it is the prompt size; the cache split
   * is in the transcript.
   */
  usage(): RoleUsage {
    const t = this.totals;
    return { usd: t.usd, inputTokens: t.inputTokens + t.cacheWriteTokens + t.cacheReadTokens, outputTokens: t.outputTokens };
  }

  /** The budget that is already spent before any turn, if any: spend at or over the limit leaves nothing for a call. */
  exhaustedBeforeStart(): BudgetFigures | undefined {
    if (this.limits.usdSpentBefore >= this.limits.usdLimit) return { what: 'model-usd', used: this.limits.usdSpentBefore, limit: this.limits.usdLimit };
    return undefined;
  }

  /** The budget that forbids another turn, if any: spend at or over the limit, or every allowed turn taken. */
  exhaustedForNextTurn(): BudgetFigures | undefined {
    if (this.experimentUsd >= this.limits.usdLimit) return { what: 'model-usd', used: this.experimentUsd, limit: this.limits.usdLimit };
    if (this.totals.turns >= this.limits.maxTurns) return { what: 'turns', used: this.totals.turns, limit: this.limits.maxTurns };
    return undefined;
  }

  /** The error that stops the run with these figures. */
  stop(figures: BudgetFigures, options: { issue?: number; transcript?: string } = {}): BudgetExceededError {
    return new BudgetExceededError(this.role, figures, this.usage(), options);
  }
}
