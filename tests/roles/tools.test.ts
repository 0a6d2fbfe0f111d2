import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EpmError } from '../../src/domain/errors.js';
import {
  DEFAULT_ALLOWED_COMMANDS,
  DEFAULT_TOOL_LIMITS,
  HeadTailCollector,
  checkCommandLine,
  codingTools,
  confinePath,
  createBashTool,
  grepTool,
  listFilesTool,
  parseCommandLine,
  readFileTool,
  textEditorTool,
  toolDefinition,
  truncateMiddle,
  type ClientTool,
  type EpmTool,
  type ToolContext,
} from '../../src/roles/tools/index.js';

let base: string;
let worktree: string;
let outside: string;
let home: string;
let context: ToolContext;
let bash: ClientTool;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'epm-tools-')));
  worktree = join(base, 'wt');
  outside = join(base, 'outside');
  home = join(base, 'home');
  await mkdir(join(worktree, 'src', 'deep', 'deeper'), { recursive: true });
  await mkdir(join(worktree, 'node_modules', 'pkg'), { recursive: true });
  await mkdir(join(worktree, '.git'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.txt'), 'TOP SECRET\n');
  await writeFile(join(worktree, 'README.md'), '# Demo\nTODO: write docs\n');
  await writeFile(join(worktree, 'src', 'main.ts'), 'export const a = 1;\n// TODO: more\nexport const b = 2;\n');
  await writeFile(join(worktree, 'src', 'deep', 'deeper', 'x.py'), 'print("TODO")\n');
  await writeFile(join(worktree, 'node_modules', 'pkg', 'index.js'), '// TODO in a dependency\n');
  await writeFile(join(worktree, '.git', 'config'), '[core]\n# TODO in git metadata\n');
  await writeFile(join(worktree, '.hidden'), 'hidden\n');
  await symlink(outside, join(worktree, 'escape'));
  await symlink(join(outside, 'secret.txt'), join(worktree, 'secret-link'));
  await symlink(join(outside, 'missing.txt'), join(worktree, 'dangling'));
  context = { worktree, limits: { ...DEFAULT_TOOL_LIMITS, commandTimeoutMs: 10_000 } };
  bash = createBashTool({ home });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Runs `promise` expecting an EpmError; returns it. */
async function epmError(promise: Promise<unknown>, code = 'bad-input'): Promise<EpmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EpmError);
    expect((error as EpmError).code).toBe(code);
    return error as EpmError;
  }
  throw new Error('expected an EpmError');
}

/** Processes of a process group that are still running (zombies excluded), from /proc. */
async function runningMembers(group: number): Promise<string[]> {
  const running: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(join('/proc', entry, 'stat'), 'utf8').catch(() => '');
    // Fields after the parenthesised command: state, ppid, pgrp.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group && fields[0] !== 'Z') running.push(`${entry} ${stat}`);
  }
  return running;
}

const run = (tool: EpmTool, input: unknown, ctx: ToolContext = context) => tool.run(input, ctx);

describe('confinePath', () => {
  it('resolves paths inside the worktree, relative or absolute', async () => {
    expect(await confinePath(worktree, 'src/main.ts')).toBe(join(worktree, 'src', 'main.ts'));
    expect(await confinePath(worktree, join(worktree, 'README.md'))).toBe(join(worktree, 'README.md'));
    expect(await confinePath(worktree, 'src/../README.md')).toBe(join(worktree, 'README.md'));
    expect(await confinePath(worktree, '.')).toBe(worktree);
    expect(await confinePath(worktree, 'new/dir/file.txt')).toBe(join(worktree, 'new', 'dir', 'file.txt'));
  });

  it.each([
    ['a ../ escape', '../outside/secret.txt'],
    ['a ../ escape through a subdirectory', 'src/../../outside/secret.txt'],
    ['a bare ..', '..'],
    ['an absolute path elsewhere', '/etc/passwd'],
    ['an absolute path to a sibling with the worktree as prefix', '<worktree>-other/file'],
    ['a symbolic link to a directory outside', 'escape/secret.txt'],
    ['a new file under a symbolic link outside', 'escape/new.txt'],
    ['a symbolic link to a file outside', 'secret-link'],
  ])('refuses %s', async (_case, requested) => {
    const error = await epmError(confinePath(worktree, requested.replace('<worktree>', worktree)));
    expect(error.message).toContain('outside the worktree');
    expect(error.hint).toContain(worktree);
  });

  it('refuses NUL bytes, empty paths, non-strings and dangling links', async () => {
    expect((await epmError(confinePath(worktree, 'src/main.ts\0.png'))).message).toContain('NUL');
    expect((await epmError(confinePath(worktree, '  '))).message).toContain('empty');
    expect((await epmError(confinePath(worktree, 42))).message).toContain('string');
    expect((await epmError(confinePath(worktree, 'dangling'))).message).toContain('symbolic link');
  });

  it('refuses writes into git metadata but allows reading it', async () => {
    expect(await confinePath(worktree, '.git/config')).toBe(join(worktree, '.git', 'config'));
    expect((await epmError(confinePath(worktree, '.git/hooks/pre-commit', { forWrite: true }))).message).toContain('.git');
    expect(await confinePath(worktree, '.gitignore', { forWrite: true })).toBe(join(worktree, '.gitignore'));
  });

  it('accepts a worktree given through a symbolic link', async () => {
    const alias = join(base, 'alias');
    await symlink(worktree, alias);
    expect(await confinePath(alias, 'README.md')).toBe(join(worktree, 'README.md'));
    expect(await confinePath(alias, join(alias, 'README.md'))).toBe(join(worktree, 'README.md'));
    await epmError(confinePath(alias, '../outside/secret.txt'));
  });
});

describe('read-only tools', () => {
  it('describe themselves with a JSON Schema input', () => {
    expect(toolDefinition(readFileTool)).toEqual({
      name: 'read_file',
      description: expect.any(String),
      input_schema: expect.objectContaining({ type: 'object', required: ['path'], additionalProperties: false }),
    });
    expect(toolDefinition(readFileTool)).not.toHaveProperty('run');
  });

  it('read_file shows numbered lines and pages long files', async () => {
    expect(await run(readFileTool, { path: 'src/main.ts' })).toBe(
      '     1\texport const a = 1;\n     2\t// TODO: more\n     3\texport const b = 2;',
    );
    await writeFile(join(worktree, 'long.txt'), Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n'));
    const page = await run(readFileTool, { path: 'long.txt', offset: 10, limit: 5 });
    expect(page).toContain('    10\tline 10');
    expect(page).toContain('    14\tline 14');
    expect(page).not.toContain('line 15');
    expect(page).toContain('[showing lines 10-14 of 50 in long.txt. Call read_file with offset 15 to read on.]');
    const small = { ...context, limits: { ...context.limits, maxOutputBytes: 100 } };
    const cut = await run(readFileTool, { path: 'long.txt' }, small);
    expect(cut).toContain('output size limit reached');
    expect(Buffer.byteLength(cut)).toBeLessThan(250);
  });

  it('read_file refuses what it must not show', async () => {
    await writeFile(join(worktree, 'blob.bin'), Buffer.from([1, 0, 2, 3]));
    expect(await run(readFileTool, { path: 'blob.bin' })).toContain('binary file');
    expect((await epmError(run(readFileTool, { path: 'src' }))).message).toContain('directory');
    expect((await epmError(run(readFileTool, { path: 'nope.txt' }))).message).toContain('does not exist');
    expect((await epmError(run(readFileTool, { path: '../outside/secret.txt' }))).message).toContain('outside the worktree');
    expect((await epmError(run(readFileTool, { path: 'secret-link' }))).message).toContain('outside the worktree');
    expect((await epmError(run(readFileTool, { path: 'README.md', offset: 9 }))).message).toContain('past the end');
    expect((await epmError(run(readFileTool, { file: 'README.md' }))).message).toContain('invalid input');
  });

  it('list_files lists to a depth, shows but skips .git and node_modules, and never follows links', async () => {
    const listing = await run(listFilesTool, {});
    const lines = listing.split('\n');
    expect(lines[0]).toBe('./ (depth 2):');
    expect(lines).toEqual(
      expect.arrayContaining([
        'README.md',
        'src/',
        'src/main.ts',
        'src/deep/',
        '.git/ (not listed)',
        'node_modules/ (not listed)',
        'escape -> (symbolic link, not followed)',
      ]),
    );
    expect(listing).not.toContain('deeper');
    expect(listing).not.toContain('secret.txt');
    expect(await run(listFilesTool, { path: 'src', depth: 3 })).toContain('src/deep/deeper/x.py');
    expect((await epmError(run(listFilesTool, { path: 'escape' }))).message).toContain('outside the worktree');
  });

  it('grep finds lines, filters by glob, skips .git and node_modules, and bounds its results', async () => {
    const found = await run(grepTool, { pattern: 'TODO' });
    expect(found.split('\n').sort()).toEqual(['README.md:2: TODO: write docs', 'src/deep/deeper/x.py:1: print("TODO")', 'src/main.ts:2: // TODO: more']);
    expect(await run(grepTool, { pattern: 'todo', ignore_case: true, glob: '*.py' })).toBe('src/deep/deeper/x.py:1: print("TODO")');
    expect(await run(grepTool, { pattern: 'TODO', glob: 'src/**/*.ts' })).toBe('src/main.ts:2: // TODO: more');
    expect(await run(grepTool, { pattern: 'nothing-like-this' })).toContain('No matches');

    await writeFile(join(worktree, 'many.txt'), Array.from({ length: 30 }, () => 'hit').join('\n'));
    const bounded = { ...context, limits: { ...context.limits, maxGrepMatches: 10 } };
    const out = await run(grepTool, { pattern: 'hit', path: 'many.txt' }, bounded);
    expect(out.split('\n').filter((line) => line.startsWith('many.txt:'))).toHaveLength(10);
    expect(out).toContain('[stopped after 10 matches');
  });

  it('grep refuses bad patterns and stops a catastrophic one', async () => {
    expect((await epmError(run(grepTool, { pattern: '(unclosed' }))).message).toContain('invalid regular expression');
    await writeFile(join(worktree, 'evil.txt'), `${'a'.repeat(40)}!\n`);
    const quick = { ...context, limits: { ...context.limits, commandTimeoutMs: 300 } };
    const started = Date.now();
    const error = await epmError(run(grepTool, { pattern: '^(a+)+$', path: 'evil.txt' }, quick));
    expect(error.message).toContain('took longer than');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('text editor (str_replace_based_edit_tool)', () => {
  const edit = (input: Record<string, unknown>) => run(textEditorTool, input);

  it('is the client tool text_editor_20250728', () => {
    expect(toolDefinition(textEditorTool)).toEqual({ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' });
  });

  it('views files with line numbers, ranges, and directories without hidden items', async () => {
    expect(await edit({ command: 'view', path: 'src/main.ts' })).toBe(
      "Here's the result of running `cat -n` on src/main.ts:\n     1\texport const a = 1;\n     2\t// TODO: more\n     3\texport const b = 2;",
    );
    expect(await edit({ command: 'view', path: 'src/main.ts', view_range: [2, -1] })).toContain('     2\t// TODO: more\n     3\texport');
    expect(await edit({ command: 'view', path: 'src/main.ts', view_range: [2, 2] })).not.toContain('export const b');
    await epmError(edit({ command: 'view', path: 'src/main.ts', view_range: [3, 9] }));
    const listing = await edit({ command: 'view', path: '.' });
    expect(listing).toContain('src/main.ts');
    expect(listing).not.toContain('.hidden');
    expect(listing).not.toContain('.git');
  });

  it('creates new files, with their directories, and never overwrites', async () => {
    expect(await edit({ command: 'create', path: 'pkg/new/module.ts', file_text: 'export {};\n' })).toBe(
      'File created successfully at: pkg/new/module.ts',
    );
    expect(await readFile(join(worktree, 'pkg', 'new', 'module.ts'), 'utf8')).toBe('export {};\n');
    const error = await epmError(edit({ command: 'create', path: 'README.md', file_text: 'gone' }), 'conflict');
    expect(error.message).toContain('already exists');
    expect(await readFile(join(worktree, 'README.md'), 'utf8')).toBe('# Demo\nTODO: write docs\n');
    expect(await readdir(join(worktree, 'pkg', 'new'))).toEqual(['module.ts']);
  });

  it('str_replace requires exactly one verbatim match', async () => {
    const result = await edit({ command: 'str_replace', path: 'src/main.ts', old_str: 'const b = 2', new_str: 'const b = "$&$1"' });
    expect(result).toContain('has been edited');
    expect(result).toContain('     3\texport const b = "$&$1";');
    expect(await readFile(join(worktree, 'src', 'main.ts'), 'utf8')).toBe('export const a = 1;\n// TODO: more\nexport const b = "$&$1";\n');

    const none = await epmError(edit({ command: 'str_replace', path: 'src/main.ts', old_str: 'const c', new_str: 'x' }), 'conflict');
    expect(none.message).toContain('did not appear verbatim');
    const twice = await epmError(edit({ command: 'str_replace', path: 'src/main.ts', old_str: 'export const', new_str: 'x' }), 'conflict');
    expect(twice.message).toContain('appears 2 times');
    expect(twice.message).toContain('lines 1, 3');
    expect(twice.hint).toContain('more surrounding lines');
    expect(await readFile(join(worktree, 'src', 'main.ts'), 'utf8')).toContain('export const a = 1;');

    await edit({ command: 'str_replace', path: 'src/main.ts', old_str: '// TODO: more\n' });
    expect(await readFile(join(worktree, 'src', 'main.ts'), 'utf8')).toBe('export const a = 1;\nexport const b = "$&$1";\n');
  });

  it('insert puts text after a line, 0 meaning the top', async () => {
    await edit({ command: 'insert', path: 'README.md', insert_line: 0, insert_text: '<!-- top -->' });
    await edit({ command: 'insert', path: 'README.md', insert_line: 2, insert_text: 'middle 1\nmiddle 2\n' });
    const result = await edit({ command: 'insert', path: 'README.md', insert_line: 5, new_str: 'the end' });
    expect(result).toContain('     6\tthe end');
    expect(await readFile(join(worktree, 'README.md'), 'utf8')).toBe(
      '<!-- top -->\n# Demo\nmiddle 1\nmiddle 2\nTODO: write docs\nthe end\n',
    );
    const error = await epmError(edit({ command: 'insert', path: 'README.md', insert_line: 99, insert_text: 'x' }));
    expect(error.message).toContain('has 6 lines');
  });

  it('refuses undo_edit, unknown commands, and paths outside the worktree or inside .git', async () => {
    expect((await epmError(edit({ command: 'undo_edit', path: 'README.md' }))).message).toContain('undo_edit is not available');
    await epmError(edit({ command: 'delete', path: 'README.md' }));
    expect((await epmError(edit({ command: 'create', path: '../outside/x.txt', file_text: 'x' }))).message).toContain('outside the worktree');
    expect((await epmError(edit({ command: 'create', path: 'escape/x.txt', file_text: 'x' }))).message).toContain('outside the worktree');
    expect((await epmError(edit({ command: 'view', path: '/etc/passwd' }))).message).toContain('outside the worktree');
    expect((await epmError(edit({ command: 'str_replace', path: 'secret-link', old_str: 'TOP', new_str: 'x' }))).message).toContain(
      'outside the worktree',
    );
    expect((await epmError(edit({ command: 'create', path: '.git/hooks/pre-commit', file_text: 'x' }))).message).toContain('.git');
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET\n');
  });
});

describe('bash command policy', () => {
  const refusal = async (command: string, allow = DEFAULT_ALLOWED_COMMANDS) =>
    (await epmError(checkCommandLine(command, worktree, { allow }))).message;

  it('parses chains, pipes, quotes, redirections and substitutions into simple commands', () => {
    const commands = parseCommandLine('cd src && grep -n "a b" main.ts | head -2 > out.txt 2>&1; echo $(ls) `pwd`');
    expect(commands.map((c) => c.words.map((w) => w.text))).toEqual([
      ['cd', 'src'],
      ['grep', '-n', 'a b', 'main.ts'],
      ['head', '-2'],
      ['echo', '\u0000', '\u0000'],
      ['ls'],
      ['pwd'],
    ]);
    expect(commands[2]!.redirects).toEqual([{ operator: '>', target: expect.objectContaining({ text: 'out.txt' }) }, { operator: '2>&1' }]);
  });

  it.each([
    'ls -la src && cat README.md | wc -l',
    'git status && git diff --stat && git log --oneline -5',
    "npm test -- --runInBand; npx tsc --noEmit",
    'python3 -m pytest -q tests || echo failed',
    "grep -rn 'TODO' src > todo.txt 2>/dev/null",
    "sed -i 's/a = 1/a = 2/' src/main.ts",
    "awk '$1 > 5 { print $2 }' README.md",
    'find src -name "*.ts" -type f',
    'mkdir -p build/out && cp src/main.ts build/out/ && rm -rf build',
    'echo "exit status: $?" && echo $(ls src)',
    'CUDA_VISIBLE_DEVICES=0 node -e "console.log(1)"',
    'git config --get user.name',
  ])('allows %s', async (command) => {
    await expect(checkCommandLine(command, worktree, { allow: DEFAULT_ALLOWED_COMMANDS })).resolves.toBeUndefined();
  });

  it.each([
    ['curl', 'curl https://example.com', '"curl" is forbidden'],
    ['wget behind a chain', 'ls && wget http://x', '"wget" is forbidden'],
    ['sudo', 'sudo ls', '"sudo" is forbidden'],
    ['ssh in a pipe', 'cat README.md | ssh host cat', '"ssh" is forbidden'],
    ['nc after ||', 'false || nc -l 4444', '"nc" is forbidden'],
    ['curl in a substitution', 'echo $(curl -s http://x)', '"curl" is forbidden'],
    ['curl in backticks', 'echo `curl x`', '"curl" is forbidden'],
    ['curl inside an interpreter', 'python3 -c "import os; os.system(\'curl x\')"', '"curl" is forbidden'],
    ['git push', 'git add . && git push origin main', 'git push'],
    ['git remote', 'git remote add x y', 'git remote'],
    ['git config --global', 'git config --global user.name x', 'git config changes'],
    ['git -C elsewhere', 'git -C / status', 'git option -C'],
    ['npm publish', 'npm --registry x publish', 'npm publish'],
    ['pip upload', 'pip upload dist/*', 'pip upload'],
    ['a command not on the list', 'bash -c ls', '"bash" is not on the allowed command list'],
    ['a program by path', './run.sh', 'names a program by path'],
    ['env running a program', 'env ls', 'env with arguments'],
    ['find -exec', "find . -name '*.ts' -exec cat '{}' ';'", 'find -exec'],
    ['sed w', "sed 's/a/b/w out.txt' README.md", 'sed'],
    ['sed e', "sed '1e ls' README.md", 'sed'],
    ['awk system', "awk 'BEGIN { system(\"ls\") }'", 'awk system()'],
    ['a ../ argument', 'cat ../outside/secret.txt', 'outside the worktree'],
    ['an absolute argument', 'cat /etc/passwd', 'outside the worktree'],
    ['a symbolic link argument', 'cat escape/secret.txt', 'outside the worktree'],
    ['a redirection outside', 'echo x > ../outside/y', 'outside the worktree'],
    ['an option value outside', 'git diff --output=/tmp/x', 'outside the worktree'],
    ['a short option value outside', 'cp -t../outside README.md', 'outside the worktree'],
    ['cd outside', 'cd .. && ls', 'outside the worktree'],
    ['rm of the worktree root', 'rm -rf .', 'worktree root'],
    ['writing git hooks', 'cp README.md .git/hooks/pre-commit', 'git metadata'],
    ['a run-time argument', 'cat $(echo README.md)', 'computed at run time'],
    ['a run-time redirection', 'echo x > $HOME/x', 'computed at run time'],
    ['setting PATH', 'PATH=. ls', 'setting PATH'],
    ['a loop', 'for f in *; do cat $f; done', 'control structure'],
    ['a subshell', '(cd src; ls)', 'subshells'],
    ['process substitution', 'diff <(ls) README.md', 'process substitution'],
    ['an interpreter by path through a substitution', 'node $(echo ../evil.js)', 'computed at run time'],
    ['a background job', 'sleep 100 &', 'background jobs'],
    ['a here-document', 'cat <<EOF\nx\nEOF', 'here-documents'],
    ['tilde', 'cat ~/.ssh/id_rsa', '"~"'],
    ['brace expansion', 'cat .{.,}/x', 'brace expansion'],
    ['an unclosed quote', 'echo "oops', 'not closed'],
    ['a dangling operator', 'ls &&', 'ends with "&&"'],
    ['arithmetic', 'echo $((1+1))', 'arithmetic'],
  ])('refuses %s', async (_case, command, reason) => {
    const message = await refusal(command);
    expect(message).toContain('bash: refused:');
    expect(message).toContain(reason);
  });

  it('uses a configurable allowlist', async () => {
    await expect(checkCommandLine('echo hi', worktree, { allow: ['echo'] })).resolves.toBeUndefined();
    expect(await refusal('ls', ['echo'])).toContain('"ls" is not on the allowed command list');
  });
});

describe('bash tool', () => {
  it('is the client tool bash_20250124', () => {
    expect(toolDefinition(bash)).toEqual({ type: 'bash_20250124', name: 'bash' });
    expect(codingTools().map((tool) => tool.name)).toEqual(['read_file', 'list_files', 'grep', 'str_replace_based_edit_tool', 'bash']);
  });

  it('runs an allowed command in the worktree and reports failures', async () => {
    expect(await run(bash, { command: 'pwd && cat README.md | wc -l' })).toBe(`${worktree}\n2`);
    const failed = await run(bash, { command: 'ls no-such-file' });
    expect(failed).toContain('no-such-file');
    expect(failed).toMatch(/\[exit code 2\]$/);
    await run(bash, { command: 'mkdir -p out && echo made > out/file.txt' });
    expect(await readFile(join(worktree, 'out', 'file.txt'), 'utf8')).toBe('made\n');
    expect(await run(bash, { restart: true })).toContain('restarted');
  });

  it('refuses forbidden commands without running anything', async () => {
    const marker = join(worktree, 'ran.txt');
    for (const command of ['echo ran > ran.txt && curl http://x', 'echo ran > ran.txt; git push', 'sudo touch ran.txt']) {
      const error = await epmError(run(bash, { command }));
      expect(error.message).toContain('bash: refused:');
    }
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('kills a command and its process group at the time limit', async () => {
    const sleepy = createBashTool({ home, allow: [...DEFAULT_ALLOWED_COMMANDS, 'sleep'] });
    const quick = { ...context, limits: { ...context.limits, commandTimeoutMs: 500 } };
    const started = Date.now();
    const output = await run(sleepy, { command: 'echo $$ && sleep 30 | cat' }, quick);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(output).toContain('[timed out after 0.5 s');
    const pid = Number(output.split('\n')[0]);
    expect(pid).toBeGreaterThan(1);
    // Killed members may linger as zombies where PID 1 does not reap them; none may still be running.
    expect(await runningMembers(pid)).toEqual([]);
  });

  it('truncates long output to its head and tail', async () => {
    const small = { ...context, limits: { ...context.limits, maxOutputBytes: 1024 } };
    const output = await run(bash, { command: 'node -e "for (let i = 0; i < 10000; i++) console.log(\'line \' + i)"' }, small);
    expect(output.startsWith('line 0\nline 1\n')).toBe(true);
    expect(output.endsWith('line 9999')).toBe(true);
    expect(output).toContain('output truncated');
    expect(Buffer.byteLength(output)).toBeLessThan(1024 + 200);
  });

  it('runs with a scrubbed environment: no inherited secret', async () => {
    process.env.FAKE_SECRET_TOKEN = 'fake-secret-value-0123456789';
    try {
      const withFlag = createBashTool({ home, env: { EPM_TEST_FLAG: 'on' } });
      const output = await run(withFlag, { command: 'env' });
      expect(output).not.toContain('FAKE_SECRET_TOKEN');
      expect(output).not.toContain('fake-secret-value-0123456789');
      expect(output).toContain(`HOME=${home}`);
      expect(output).toContain('EPM_TEST_FLAG=on');
      expect(output).toMatch(/^PATH=/m);
      const names = output.split('\n').map((line) => line.split('=')[0]);
      expect(names.every((name) => ['PATH', 'HOME', 'LANG', 'EPM_TEST_FLAG', 'PWD', 'SHLVL', '_'].includes(name!))).toBe(true);
    } finally {
      delete process.env.FAKE_SECRET_TOKEN;
    }
    expect(() => createBashTool({ env: { GITHUB_TOKEN: 'x' } })).toThrow(/looks secret/);
  });
});

describe('output truncation', () => {
  it('keeps head and tail around a marker, in bounded memory', () => {
    const collector = new HeadTailCollector(40);
    for (let i = 0; i < 1000; i += 1) collector.push(`${i},`);
    const text = collector.text();
    expect(text.startsWith('0,1,2,3,4,')).toBe(true);
    expect(text.endsWith('997,998,999,')).toBe(true);
    expect(text).toContain('bytes omitted');
    expect(truncateMiddle('short', 20)).toBe('short');
    const unicode = truncateMiddle('é'.repeat(100), 11);
    expect(unicode).not.toContain('\uFFFD');
  });
});
