/**
 * The `submit` tool: how a role hands in its output. Its input schema is the
 * role's output schema (zod → JSON Schema, input side, so fields with
 * defaults are optional), and what the model submits is validated with the
 * zod schema itself — refinements JSON Schema cannot express included.
 */
import { z } from 'zod';
import type { RoleDefinition } from '../role-definition.js';
import type { CustomTool } from '../../ports/model.js';

/** Name of the tool that ends a role's run. */
export const SUBMIT_TOOL_NAME = 'submit';

/**
 * The `submit` tool for a role. The JSON Schema is generated from the role's
 * output schema with `io: 'input'`; parts JSON Schema cannot represent become
 * unconstrained (the zod check still applies) and `$schema` is dropped, as the
 * Messages API takes a bare schema object.
 */
export function submitToolFor(role: Pick<RoleDefinition, 'name' | 'outputSchema'>): CustomTool {
  const generated = z.toJSONSchema(role.outputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _drop, ...schema } = generated;
  if (schema.type !== 'object') {
    throw new TypeError(`the ${role.name} output schema must be an object schema to be a tool input, got ${JSON.stringify(schema.type ?? 'no type')}`);
  }
  return {
    name: SUBMIT_TOOL_NAME,
    description:
      `Hand in your final output as the ${role.name}. Call this exactly once, when your work is complete; ` +
      'the input must match the schema. If it does not, the problems are returned and you must call submit again with a corrected input.',
    input_schema: { ...schema, type: 'object' },
  };
}

/** The outcome of checking a submission. */
export type SubmitCheck = { ok: true } | { ok: false; issues: string[] };

/** Checks a submission against the role's output schema; each problem is `path: message` (`(output)` for the whole). */
export function checkSubmission(schema: z.ZodType, input: unknown): SubmitCheck {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true };
  return { ok: false, issues: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(output)'}: ${issue.message}`) };
}
