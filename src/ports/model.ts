/**
 * The Model port: one request to a messages-style language model, one answer.
 * Its shapes are the subset of Anthropic's Messages API that EPM uses, written
 * out here so the domain depends on no SDK: the Anthropic adapter sends them
 * with the official client, and the replay engine answers them from recorded
 * cassettes. The tool loop around it lives in the role runtime.
 */
import type { RoleName } from '../domain/roles.js';

/** Marks the end of a prompt-cache prefix. */
export interface CacheControl {
  type: 'ephemeral';
}

/** Plain text, in a prompt or an answer. */
export interface TextBlock {
  type: 'text';
  text: string;
  /** A cache breakpoint: everything up to and including this block is cached. */
  cache_control?: CacheControl;
}

/** The model asks for a tool to run. */
export interface ToolUseBlock {
  type: 'tool_use';
  /** Id the result must quote. */
  id: string;
  /** The tool's name. */
  name: string;
  /** The tool's input, as the model wrote it (not yet validated). */
  input: unknown;
}

/** The result of a tool, sent back in the next user turn. */
export interface ToolResultBlock {
  type: 'tool_result';
  /** Id of the tool_use it answers. */
  tool_use_id: string;
  /** What the tool printed or returned. */
  content: string;
  /** True when the tool failed; the model is expected to correct itself. */
  is_error?: boolean;
  /** A cache breakpoint (see TextBlock). */
  cache_control?: CacheControl;
}

/** The model's visible reasoning, returned verbatim in later turns. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  /** Opaque signature the API checks when the block is sent back. */
  signature: string;
}

/** Reasoning the API encrypted, returned verbatim in later turns. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** One block of a message. */
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;

/** One turn of the conversation. */
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/** A tool EPM defines: its name, what it does and the JSON Schema of its input. */
export interface CustomTool {
  name: string;
  description: string;
  /** JSON Schema of the input; always an object. */
  input_schema: { type: 'object'; [key: string]: unknown };
  /** A cache breakpoint (see TextBlock). */
  cache_control?: CacheControl;
}

/** A tool whose schema Anthropic defines (text editor, bash); EPM still executes it. */
export interface ClientTool {
  /** Versioned tool type, e.g. `text_editor_20250728` or `bash_20250124`. */
  type: string;
  /** The name the type requires, e.g. `str_replace_based_edit_tool` or `bash`. */
  name: string;
  /** A cache breakpoint (see TextBlock). */
  cache_control?: CacheControl;
}

/** A tool offered to the model. */
export type ModelTool = CustomTool | ClientTool;

/** One request. */
export interface ModelRequest {
  /** Model id, e.g. `claude-sonnet-4-6`. */
  model: string;
  /** Cap on output tokens for this turn. */
  max_tokens: number;
  /** System prompt blocks: the role's instructions. */
  system: TextBlock[];
  /** The conversation so far; the first is the user prompt. */
  messages: ModelMessage[];
  /** Tools the model may call. */
  tools: ModelTool[];
  /** Lets the model decide whether to call a tool. */
  tool_choice: { type: 'auto' };
}

/** Token counts of one answer, as the API reports them. */
export interface ModelUsage {
  /** Input tokens read at the full price (not from or into the cache). */
  input_tokens: number;
  /** Output tokens. */
  output_tokens: number;
  /** Input tokens written into the prompt cache. */
  cache_creation_input_tokens?: number | null;
  /** Input tokens read from the prompt cache. */
  cache_read_input_tokens?: number | null;
}

/** Why the model stopped; `tool_use` means it wants tool results. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | (string & {});

/** One answer. */
export interface ModelResponse {
  /** The API's message id. */
  id: string;
  /** The model that answered. */
  model: string;
  role: 'assistant';
  content: ContentBlock[];
  stop_reason: StopReason | null;
  usage: ModelUsage;
}

/** Who is calling, for recording and replay; never sent to the model. */
export interface ModelCall {
  /** The role the request is for; cassettes are filed under it. */
  role: RoleName;
  /** Absolute worktree path, replaced by `<worktree>` when a request is hashed so a recording replays in another checkout. */
  worktree?: string;
}

/** A language model. */
export interface Model {
  /** Sends one request and returns the complete answer. Throws a typed `external` error when the service fails after its retries. */
  createMessage(request: ModelRequest, call: ModelCall): Promise<ModelResponse>;
}
