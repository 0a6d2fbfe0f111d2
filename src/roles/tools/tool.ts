/**
 * The tools EPM executes on behalf of a role, and what they are given. A tool
 * resolves with the text the model reads in its `tool_result`; it rejects with
 * an EpmError (bad-input for a refused or malformed call, not-found for a
 * missing file, conflict for an edit that does not apply) whose message and
 * hint are written for the model, which the runtime returns as an `is_error`
 * tool result. A tool never touches anything outside the worktree it is given.
 */
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';

/** Bounds on what one tool call may cost. */
export interface ToolLimits {
  /** Largest text a tool returns, in bytes; longer output keeps its head and tail around a marker. */
  maxOutputBytes: number;
  /** Wall-clock limit of one bash command, in milliseconds; the command's whole process group is killed past it. */
  commandTimeoutMs: number;
  /** Lines `read_file` returns when the call gives no `limit`. */
  maxReadLines: number;
  /** Characters of one line shown by `read_file` and `grep` before it is cut. */
  maxLineChars: number;
  /** Matches `grep` reports before it stops. */
  maxGrepMatches: number;
  /** Entries `list_files` and the editor's directory view report before they stop. */
  maxListEntries: number;
  /** Files larger than this are skipped by `grep` and refused by `read_file` and the editor. */
  maxFileBytes: number;
}

/** Defaults: 16 KiB of output, 120 s per command. */
export const DEFAULT_TOOL_LIMITS: Readonly<ToolLimits> = {
  maxOutputBytes: 16 * 1024,
  commandTimeoutMs: 120_000,
  maxReadLines: 2000,
  maxLineChars: 2000,
  maxGrepMatches: 200,
  maxListEntries: 1000,
  maxFileBytes: 10 * 1024 * 1024,
};

/** What a tool call runs against. */
export interface ToolContext {
  /** Absolute path of the experiment's worktree; every path a tool touches is confined to it. */
  worktree: string;
  limits: ToolLimits;
  /** Aborts a running call (bash kills its process group). */
  signal?: AbortSignal;
}

/** A JSON Schema of an object, as the API's `input_schema` takes it. */
export interface ObjectJsonSchema {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  [keyword: string]: unknown;
}

/** A tool EPM defines itself: the model sees its name, description and input schema. */
export interface CustomTool {
  name: string;
  description: string;
  input_schema: ObjectJsonSchema;
  /** Runs one call; `input` is untrusted and validated here. */
  run(input: unknown, context: ToolContext): Promise<string>;
}

/**
 * One of Anthropic's client tools: the model knows its schema, the request
 * names only its versioned `type`; EPM executes the calls.
 */
export interface ClientTool {
  type: 'text_editor_20250728' | 'bash_20250124';
  name: 'str_replace_based_edit_tool' | 'bash';
  /** Text editor only: longest file view, in characters. */
  max_characters?: number;
  /** Runs one call; `input` is untrusted and validated here. */
  run(input: unknown, context: ToolContext): Promise<string>;
}

/** Any tool a role can be given. */
export type EpmTool = CustomTool | ClientTool;

/** The entry of the request's `tools` list for this tool (everything but `run`). */
export function toolDefinition(tool: EpmTool): Record<string, unknown> {
  const { run: _run, ...definition } = tool;
  return definition;
}

/** JSON Schema of a zod object, as an `input_schema`. */
export function inputSchemaOf(schema: z.ZodObject): ObjectJsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return json as ObjectJsonSchema;
}

/** Validates a tool call's input, or throws a bad-input error that tells the model what to send. */
export function parseInput<T>(tool: string, schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw badInput(`${tool}: invalid input: ${z.prettifyError(result.error).replace(/\n\s*/g, ' ')}`, {
    hint: `call ${tool} again with input matching its schema`,
  });
}
