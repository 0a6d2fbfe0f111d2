/**
 * Every role's definition by name: the one place the model runtime and the
 * engine look a role up.
 */
import { ROLE_NAMES, type RoleName } from '../domain/roles.js';
import { notFound } from '../domain/errors.js';
import { analyzerRole } from './analyzer/index.js';
import { clarifierRole } from './clarifier/index.js';
import { codeReviewerRole } from './code-reviewer/index.js';
import { experimenterRole } from './experimenter/index.js';
import { fixerRole } from './fixer/index.js';
import { followUpDesignerRole } from './follow-up-designer/index.js';
import { implementerRole } from './implementer/index.js';
import { planCriticRole } from './plan-critic/index.js';
import { plannerRole } from './planner/index.js';
import { postExperimenterRole } from './post-experimenter/index.js';
import { resultCriticRole } from './result-critic/index.js';
import type { RoleDefinition } from './role-definition.js';
import { testerRole } from './tester/index.js';

/** The definition of every role, keyed by its name. */
export const ROLE_DEFINITIONS: { readonly [R in RoleName]: RoleDefinition<R> } = {
  clarifier: clarifierRole,
  planner: plannerRole,
  'plan-critic': planCriticRole,
  implementer: implementerRole,
  'code-reviewer': codeReviewerRole,
  fixer: fixerRole,
  tester: testerRole,
  experimenter: experimenterRole,
  'post-experimenter': postExperimenterRole,
  analyzer: analyzerRole,
  'result-critic': resultCriticRole,
  'follow-up-designer': followUpDesignerRole,
};

/** The definition of the role `name`; a name that is no role is a not-found error listing the roles. */
export function roleDefinition<R extends RoleName>(name: R): RoleDefinition<R>;
export function roleDefinition(name: string): RoleDefinition;
export function roleDefinition(name: string): RoleDefinition {
  if (!(ROLE_NAMES as readonly string[]).includes(name)) {
    throw notFound(`no role is named "${name}"`, { hint: `use one of: ${ROLE_NAMES.join(', ')}` });
  }
  return ROLE_DEFINITIONS[name as RoleName] as RoleDefinition;
}
