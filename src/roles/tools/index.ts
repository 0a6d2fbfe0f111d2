/**
 * The tools EPM executes for roles, confined to the worktree: the read-only
 * tools every role gets, and the coding tools (Anthropic's text editor and
 * bash) for implementer, fixer, tester, experimenter hot-fix and cleanup.
 */
import { createBashTool, type BashToolOptions } from './bash.js';
import { readOnlyTools } from './read-only-tools.js';
import { createTextEditorTool, type TextEditorOptions } from './text-editor.js';
import type { EpmTool } from './tool.js';

export { confinePath, displayPath, isInside, worktreeRoot, type ConfineOptions } from './confine.js';
export {
  DEFAULT_TOOL_LIMITS,
  inputSchemaOf,
  parseInput,
  toolDefinition,
  type ClientTool,
  type CustomTool,
  type EpmTool,
  type ObjectJsonSchema,
  type ToolContext,
  type ToolLimits,
} from './tool.js';
export { grepTool, listFilesTool, readFileTool, readOnlyTools } from './read-only-tools.js';
export { TEXT_EDITOR_NAME, createTextEditorTool, textEditorTool, type TextEditorOptions } from './text-editor.js';
export { BASH_NAME, bashTool, createBashTool, runCommand, type BashToolOptions, type CommandOutcome } from './bash.js';
export {
  ALLOWED_GIT_SUBCOMMANDS,
  DEFAULT_ALLOWED_COMMANDS,
  FORBIDDEN_PROGRAMS,
  checkCommandLine,
  parseCommandLine,
  type BashPolicy,
} from './bash-policy.js';
export { HeadTailCollector, truncateMiddle } from './truncate.js';

/** Options of `codingTools`. */
export interface CodingToolOptions {
  bash?: BashToolOptions;
  editor?: TextEditorOptions;
}

/** The tools of a coding role: the read-only tools, the text editor and bash. */
export function codingTools(options: CodingToolOptions = {}): EpmTool[] {
  return [...readOnlyTools, createTextEditorTool(options.editor), createBashTool(options.bash)];
}

/** The tool of a list with this name, or undefined (the model asked for a tool it was not given). */
export function findTool(tools: readonly EpmTool[], name: string): EpmTool | undefined {
  return tools.find((tool) => tool.name === name);
}
