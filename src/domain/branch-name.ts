/** Experiment branch names: `epm/<N>-<slug>`. Pure string rules, shared by the engine and the git adapter. */
import { badInput } from './errors.js';

/** Form every experiment branch name takes. */
export const BRANCH_PATTERN = /^epm\/[0-9]+-[a-z0-9][a-z0-9-]*$/;

const BRANCH_PREFIX = 'epm/';
const MAX_SLUG_LENGTH = 40;

/**
 * The experiment branch for an issue: `epm/<N>-<slug>`, where the slug is the
 * lower-cased title with accents dropped, every run of other characters turned
 * into `-`, at most 40 characters (cut at a `-` when possible), or `experiment`
 * when nothing is left.
 */
export const branchFor = (issueNumber: number, title: string): string => {
  if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
    throw badInput(`issue number ${issueNumber} is not a positive integer`, {
      hint: 'pass the number of an existing issue, e.g. 12',
    });
  }
  return `${BRANCH_PREFIX}${issueNumber}-${slugify(title)}`;
};

/** Throws a bad-input error unless `branch` has the form `epm/<N>-<slug>`. */
export const assertBranchName = (branch: string): void => {
  if (!BRANCH_PATTERN.test(branch)) {
    throw badInput(`"${branch}" is not an EPM experiment branch`, {
      hint: 'expected epm/<issue number>-<slug> with a lower-case slug of letters, digits and "-", e.g. epm/12-lr-sweep',
    });
  }
};

/** The issue number of an experiment branch, or undefined when `branch` is not one. */
export const issueOfBranch = (branch: string): number | undefined =>
  BRANCH_PATTERN.test(branch) ? Number.parseInt(branch.slice(BRANCH_PREFIX.length), 10) : undefined;

/** Name of the worktree folder for `branch`: the name without `epm/`, other `/` turned into `-`. */
export const worktreeFolderName = (branch: string): string =>
  (branch.startsWith(BRANCH_PREFIX) ? branch.slice(BRANCH_PREFIX.length) : branch).replaceAll('/', '-');

const slugify = (title: string): string => {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug === '' ? 'experiment' : slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const atWord = slug.charAt(MAX_SLUG_LENGTH) === '-' ? cut : cut.slice(0, Math.max(cut.lastIndexOf('-'), 0));
  return (atWord === '' ? cut : atWord).replace(/-+$/, '');
};

