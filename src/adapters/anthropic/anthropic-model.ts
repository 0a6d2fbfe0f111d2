/**
 * The Model port over Anthropic's Messages API, with the official SDK.
 *
 * Requests are streamed (`messages.stream(...).finalMessage()`): a long answer
 * keeps the connection busy instead of idle, so no proxy or client idle
 * timeout cuts it, and the SDK refuses non-streaming requests whose
 * `max_tokens` could take over ten minutes. The caller still gets one whole
 * message. The SDK retries connection failures, 408/409/429 and 5xx itself
 * (`maxRetries`, honouring `retry-after`); an `overloaded_error` or
 * `api_error` arriving inside an already-open stream is not an HTTP status,
 * so this adapter retries it the same number of times. Every SDK error is
 * wrapped in a typed `external` error that says what to do.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock as SdkContentBlock, Message, MessageStreamParams } from '@anthropic-ai/sdk/resources/messages/messages';
import { external, type EpmError } from '../../domain/errors.js';
import type { ContentBlock, Model, ModelCall, ModelRequest, ModelResponse } from '../../ports/model.js';

/** Options of the Anthropic model. */
export interface AnthropicModelOptions {
  /** The API key (`ANTHROPIC_API_KEY`). */
  apiKey: string;
  /** Another endpoint (a proxy, or the emulator in tests). Default: the SDK's. */
  baseURL?: string;
  /** Retries of a failed request, by the SDK and for errors inside a stream. Default 4. */
  maxRetries?: number;
  /** Per-request timeout in milliseconds. Default: the SDK's (10 minutes). */
  timeoutMs?: number;
  /** First pause before retrying an error inside a stream, doubled each time. Default 1000 ms. */
  streamRetryDelayMs?: number;
}

/** Errors inside an open stream worth another attempt: the service said it was busy or failed. */
const RETRYABLE_STREAM_ERRORS = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The port's blocks from the SDK's: text, tool calls and thinking are kept, verbatim; fields the API adds for display (citations, caller) are dropped. */
function toContent(blocks: readonly SdkContentBlock[]): ContentBlock[] {
  const out: ContentBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'text') out.push({ type: 'text', text: block.text });
    else if (block.type === 'tool_use') out.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
    else if (block.type === 'thinking') out.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') out.push({ type: 'redacted_thinking', data: block.data });
  }
  return out;
}

/** The port's response from the SDK's message. */
export function toModelResponse(message: Message): ModelResponse {
  return {
    id: message.id,
    model: message.model,
    role: 'assistant',
    content: toContent(message.content),
    stop_reason: message.stop_reason,
    usage: {
      input_tokens: message.usage.input_tokens,
      output_tokens: message.usage.output_tokens,
      cache_creation_input_tokens: message.usage.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: message.usage.cache_read_input_tokens ?? 0,
    },
  };
}

/** A typed error for an SDK failure, with what to do about it. */
function wrap(error: unknown, call: ModelCall): EpmError {
  const during = `the Anthropic API failed during the ${call.role}`;
  if (error instanceof Anthropic.APIError) {
    const detail = `${error.status ?? 'stream'} ${error.type ?? 'error'}: ${error.apiMessage ?? error.message}`;
    const hint =
      error.status === 401 || error.status === 403
        ? 'check that ANTHROPIC_API_KEY holds a valid key with access to the model'
        : error.status === 400 || error.status === 404 || error.status === 413
          ? 'the request was refused as malformed or too large; read the transcript, then report it as an EPM bug'
          : error.status === 429 || error.type === 'rate_limit_error'
            ? 'rate limited after every retry; wait, then "epm retry"'
            : 'the service is failing or overloaded; wait, then "epm retry"';
    return external(`${during}: ${detail}`, { hint, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return external(`${during}: ${message}`, { hint: 'check the network and ANTHROPIC_BASE_URL, then "epm retry"', cause: error });
}

/** Anthropic's Messages API as a Model. */
export class AnthropicModel implements Model {
  private readonly client: Anthropic;
  private readonly retries: number;
  private readonly streamRetryDelayMs: number;

  /** A client for `options.apiKey` at `options.baseURL`. */
  constructor(options: AnthropicModelOptions) {
    this.retries = options.maxRetries ?? 4;
    this.streamRetryDelayMs = options.streamRetryDelayMs ?? 1000;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      maxRetries: this.retries,
      ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    });
  }

  /** Streams one request to completion and returns the whole message. */
  async createMessage(request: ModelRequest, call: ModelCall): Promise<ModelResponse> {
    // The port's shapes are the API's; only the tool `type` is a plain string here where the SDK has literal unions.
    const params = request as unknown as MessageStreamParams;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const message = await this.client.messages.stream(params).finalMessage();
        return toModelResponse(message);
      } catch (error) {
        const inStream = error instanceof Anthropic.APIError && error.status === undefined && RETRYABLE_STREAM_ERRORS.has(error.type ?? '');
        if (!inStream || attempt >= this.retries) throw wrap(error, call);
        await sleep(this.streamRetryDelayMs * 2 ** attempt);
      }
    }
  }
}
