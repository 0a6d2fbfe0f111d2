/** Where an experiment's files live on its branch. */
import { branchFor } from '../domain/branch-name.js';
import type { IssueState } from '../domain/state.js';

/** Paths of one experiment, relative to the worktree root. */
export interface ExperimentPaths {
  /** Branch `epm/<N>-<slug>`. */
  branch: string;
  /** Experiment folder, `<experimentsDir>/<N>-<slug>`. */
  dir: string;
  plan: string;
  manifest: string;
  result: string;
}

/** The paths of an issue's experiment. */
export function experimentPaths(state: Pick<IssueState, 'number' | 'title'>, experimentsDir: string): ExperimentPaths {
  const branch = branchFor(state.number, state.title);
  const dir = `${experimentsDir.replace(/\/+$/, '')}/${branch.slice('epm/'.length)}`;
  return { branch, dir, plan: `${dir}/plan.md`, manifest: `${dir}/planned-manifest.json`, result: `${dir}/clean-result.md` };
}
