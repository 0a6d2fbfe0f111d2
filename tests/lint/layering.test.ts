/**
 * The import-direction rule (entrypoints → engine → roles/adapters → domain)
 * is enforced by eslint; these cases prove the rule fires, so a green lint
 * run means something.
 */
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('import layering', () => {
  it.each([
    ['src/domain/x.ts', "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", /the domain is pure/],
    ['src/domain/x.ts', "import * as core from '@actions/core';\nexport const c = core;\n", /the domain is pure/],
    ['src/domain/x.ts', "import { Engine } from '../engine/engine.js';\nexport const e = Engine;\n", /the domain is pure/],
    ['src/ports/x.ts', "import { LocalTracker } from '../adapters/local/local-tracker.js';\nexport const t = LocalTracker;\n", /the domain is pure/],
    ['src/adapters/local/x.ts', "import { Engine } from '../../engine/engine.js';\nexport const e = Engine;\n", /adapters and roles sit below the engine/],
    ['src/engine/x.ts', "import { GitWorkspace } from '../adapters/git/git-workspace.js';\nexport const g = GitWorkspace;\n", /the engine works through ports/],
    ['src/engine/x.ts', "import { spawn } from 'node:child_process';\nexport const s = spawn;\n", /the engine works through ports/],
  ])('%s: a forbidden import is an error', async (file, code, message) => {
    const messages = await lint(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ['src/domain/x.ts', "import { z } from 'zod';\nimport { badInput } from './errors.js';\nexport const a = [z, badInput];\n"],
    ['src/engine/x.ts', "import { reduce } from '../domain/reduce.js';\nimport type { Tracker } from '../ports/tracker.js';\nexport const r = reduce;\nexport type T = Tracker;\n"],
    ['src/entrypoints/cli/x.ts', "import { Engine } from '../../engine/engine.js';\nimport { LocalTracker } from '../../adapters/local/local-tracker.js';\nexport const a = [Engine, LocalTracker];\n"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
