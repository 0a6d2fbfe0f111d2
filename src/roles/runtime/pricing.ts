/**
 * What model tokens cost, for budgets. Prices are USD per million tokens,
 * from Anthropic's published price list (platform.claude.com/docs/en/about-claude/pricing,
 * "Model pricing", read 2026-11). Cache writes use the 5-minute rate, the TTL
 * of `cache_control: {type: 'ephemeral'}`. Prices change: pass a table to the
 * runner (`pricing`) to add a model or override a price; a model with no
 * price is refused before any call, never guessed.
 */
import { badInput } from '../../domain/errors.js';
import type { ModelUsage } from '../../ports/model.js';

/** USD per million tokens of each kind for one model. */
export interface ModelPrice {
  /** Input tokens at the full rate. */
  input: number;
  /** Output tokens. */
  output: number;
  /** Input tokens written into the cache (5-minute TTL). */
  cacheWrite: number;
  /** Input tokens read from the cache. */
  cacheRead: number;
}

/** Prices by model id; a dated snapshot id (`claude-sonnet-4-5-20250929`) or `…-latest` uses its alias's row. */
export type PricingTable = Readonly<Record<string, ModelPrice>>;

const price = (input: number, output: number, cacheWrite: number, cacheRead: number): ModelPrice => ({ input, output, cacheWrite, cacheRead });

/**
 * Anthropic's list prices (USD / million tokens):
 *
 * | model                | input | 5m cache write | cache read | output |
 * |----------------------|------:|---------------:|-----------:|-------:|
 * | claude-fable-5-1     | 10    | 12.50          | 0.25       | 50     |
 * | claude-fable-5       | 10    | 12.50          | 1.00       | 50     |
 * | claude-opus-5        | 5     | 6.25           | 0.50       | 25     |
 * | claude-opus-4-8      | 5     | 6.25           | 0.50       | 25     |
 * | claude-opus-4-7      | 5     | 6.25           | 0.50       | 25     |
 * | claude-opus-4-6      | 5     | 6.25           | 0.50       | 25     |
 * | claude-opus-4-5      | 5     | 6.25           | 0.50       | 25     |
 * | claude-opus-4-1      | 15    | 18.75          | 1.50       | 75     |
 * | claude-opus-4        | 15    | 18.75          | 1.50       | 75     |
 * | claude-sonnet-4-6    | 3     | 3.75           | 0.30       | 15     |
 * | claude-sonnet-4-5    | 3     | 3.75           | 0.30       | 15     |
 * | claude-sonnet-4      | 3     | 3.75           | 0.30       | 15     |
 * | claude-haiku-4-5     | 1     | 1.25           | 0.10       | 5      |
 * | claude-3-5-haiku     | 0.80  | 1.00           | 0.08       | 4      |
 */
export const DEFAULT_PRICING: PricingTable = {
  'claude-fable-5-1': price(10, 50, 12.5, 0.25),
  'claude-fable-5': price(10, 50, 12.5, 1),
  'claude-opus-5': price(5, 25, 6.25, 0.5),
  'claude-opus-4-8': price(5, 25, 6.25, 0.5),
  'claude-opus-4-7': price(5, 25, 6.25, 0.5),
  'claude-opus-4-6': price(5, 25, 6.25, 0.5),
  'claude-opus-4-5': price(5, 25, 6.25, 0.5),
  'claude-opus-4-1': price(15, 75, 18.75, 1.5),
  'claude-opus-4': price(15, 75, 18.75, 1.5),
  'claude-sonnet-4-6': price(3, 15, 3.75, 0.3),
  'claude-sonnet-4-5': price(3, 15, 3.75, 0.3),
  'claude-sonnet-4': price(3, 15, 3.75, 0.3),
  'claude-haiku-4-5': price(1, 5, 1.25, 0.1),
  'claude-3-5-haiku': price(0.8, 4, 1, 0.08),
};

/** The model roles use unless configured otherwise. */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';

/**
 * The price of a model: the exact id's row, else the row of its alias when
 * the id is a dated snapshot (`<alias>-YYYYMMDD`) or `<alias>-latest`. Only
 * those suffixes count, so an unknown `claude-opus-4-9` never borrows
 * `claude-opus-4`'s price. Throws bad-input naming the model when the table
 * has no row for it.
 */
export function priceOf(model: string, table: PricingTable = DEFAULT_PRICING): ModelPrice {
  const alias = /^(.+)-(?:\d{8}|latest)$/.exec(model)?.[1];
  const row = table[model] ?? (alias === undefined ? undefined : table[alias]);
  if (row) return row;
  throw badInput(`no price is known for model "${model}", so its spend cannot be held to the budget`, {
    hint: `add it to the runner's pricing table (USD per million input, output, cacheWrite and cacheRead tokens) or use one of: ${Object.keys(table).join(', ')}`,
  });
}

/** USD cost of one answer's usage at a price. */
export function costOf(usage: ModelUsage, rate: ModelPrice): number {
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  return (
    usage.input_tokens * perToken(rate.input) +
    usage.output_tokens * perToken(rate.output) +
    (usage.cache_creation_input_tokens ?? 0) * perToken(rate.cacheWrite) +
    (usage.cache_read_input_tokens ?? 0) * perToken(rate.cacheRead)
  );
}
