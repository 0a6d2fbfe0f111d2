/**
 * What the bash tool may run. A command line is parsed conservatively — a
 * subset of bash: simple commands joined by `;`, `&&`, `||`, `|` and newlines,
 * quotes, redirections to files, `$VAR`, and `$( )` / backticks whose inner
 * commands are checked the same way — and every command is checked: its name
 * against an allowlist, every word against the forbidden programs, every path
 * against the worktree, and a few commands against their own rules (git
 * subcommands, npm publish, find -exec, sed and awk commands that run programs
 * or write files). Anything outside the subset (control structures, subshells,
 * background jobs, here-documents, brace expansion, `~`) is refused with the
 * reason, never guessed at.
 *
 * This stops mistakes and the obvious escapes; it is not a sandbox. Allowed
 * interpreters (node, python3, npx) run arbitrary code, so the real guarantee
 * that nothing secret leaks is the scrubbed environment the command runs in,
 * and for hostile input an OS-level sandbox around EPM.
 */
import { badInput, type EpmError } from '../../domain/errors.js';
import { confinePath, worktreeRoot } from './confine.js';

/** Commands the bash tool runs by default: common build and test tools and coreutils. */
export const DEFAULT_ALLOWED_COMMANDS: readonly string[] = [
  'git', 'node', 'npm', 'npx', 'python3', 'python', 'pip', 'pip3', 'pytest',
  'ls', 'cat', 'head', 'tail', 'grep', 'sed', 'awk', 'find', 'mkdir', 'cp', 'mv', 'rm', 'touch', 'tee',
  'wc', 'sort', 'uniq', 'cut', 'tr', 'diff', 'echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'cd', 'env', 'printenv',
];

/**
 * Programs refused wherever their name appears as a word of the command line,
 * even as an argument (`xargs curl`, `python3 -c "…curl…"`): network clients,
 * remote shells, privilege changes, package upload.
 */
export const FORBIDDEN_PROGRAMS: readonly string[] = [
  'curl', 'wget', 'ssh', 'scp', 'sftp', 'rsync', 'ftp', 'telnet', 'nc', 'ncat', 'netcat', 'socat',
  'sudo', 'su', 'doas', 'pkexec', 'twine',
];

/** git subcommands allowed: reading history and staging or committing in the worktree. */
export const ALLOWED_GIT_SUBCOMMANDS: readonly string[] = [
  'status', 'diff', 'log', 'show', 'add', 'rm', 'mv', 'restore', 'grep', 'ls-files', 'ls-tree', 'blame',
  'rev-parse', 'describe', 'shortlog', 'cat-file', 'commit', 'stash', 'config',
];

/** npm subcommands refused: publishing and account or registry changes. */
export const FORBIDDEN_NPM_SUBCOMMANDS: readonly string[] = [
  'publish', 'unpublish', 'login', 'logout', 'adduser', 'add-user', 'token', 'owner', 'access', 'deprecate',
  'dist-tag', 'team', 'org', 'star', 'unstar', 'hook', 'profile', 'config', 'set', 'whoami',
];

/** pip subcommands refused. */
export const FORBIDDEN_PIP_SUBCOMMANDS: readonly string[] = ['upload', 'config'];

/** Commands that never write files named by their arguments: they may name paths inside git metadata. */
const READ_ONLY_COMMANDS: readonly string[] = ['cat', 'head', 'tail', 'ls', 'grep', 'wc', 'diff', 'cut', 'tr', 'git', 'find', 'test', '[', 'echo', 'printf', 'pwd', 'true', 'false'];

/** A word naming a path inside git metadata (`.git`, `.git/config`, `'.git/hooks/…'` inside a script). */
const touchesGitMetadata = (text: string): boolean => /(^|[/=\s'"(,])\.git([/\s'")]|$)/.test(text);

/** Commands whose arguments are only data, never paths: the only ones that may take `$VAR` or `$( )` arguments. */
const DATA_ONLY_COMMANDS: readonly string[] = ['echo', 'printf', 'test', '[', 'true', 'false', 'pwd'];

/** Words that start a bash control structure; not part of the subset. */
const RESERVED_WORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select',
  'in', '{', '}', '!', '[[', ']]', 'time', 'coproc',
]);

/** Variables a command line may not set: they change what runs or where (PATH lookup, hooks, preloads). */
const PROTECTED_VARIABLE =
  /^(PATH|IFS|HOME|ENV|BASH_ENV|BASHOPTS|SHELLOPTS|PS4|PROMPT_COMMAND|CDPATH|GLOBIGNORE|LD_\w*|DYLD_\w*|GIT_\w*|NODE_OPTIONS|NODE_PATH|PYTHON\w*|NPM_CONFIG_\w*)$/i;

/** Device files an argument or a redirection may name although they are outside the worktree. */
const SAFE_DEVICES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/stdin', '/dev/zero', '/dev/random', '/dev/urandom']);

/** Stands for the unknown value of an expansion inside a word's text. */
const EXPANSION = '\u0000';

/** One word of a command, after quote removal. */
export interface ShellWord {
  /** The word's text; each expansion (`$VAR`, `$( )`, backticks) appears as a NUL character. */
  text: string;
  /** True when part of the word is only known at run time. */
  dynamic: boolean;
  /** True when some part was quoted or escaped. */
  quoted: boolean;
  /** The variable name when the word is an assignment `NAME=value`. */
  assigns?: string;
}

/** A redirection: `>`, `>>`, `<`, `&>`… to a file, or a descriptor duplication (`2>&1`), which has no target. */
export interface ShellRedirect {
  operator: string;
  target?: ShellWord;
}

/** A simple command: assignments, words, redirections. */
export interface SimpleCommand {
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: ShellRedirect[];
}

const refuse = (reason: string, hint = 'run simple commands joined with ;, &&, || or |, with literal arguments'): EpmError =>
  badInput(`bash: refused: ${reason}`, { hint });

const MAX_NESTING = 3;

/** A conservative parser of one command line into simple commands (those inside substitutions included). */
class CommandLineParser {
  private pos = 0;
  /** Commands found inside `$( )` and backticks, checked like the others. */
  readonly nested: SimpleCommand[] = [];

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {}

  parse(): SimpleCommand[] {
    const commands: SimpleCommand[] = [];
    let current: SimpleCommand = { assignments: [], words: [], redirects: [] };
    let pendingOperator: string | undefined;
    const isEmpty = (command: SimpleCommand) =>
      command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0;
    const finish = (operator: string): void => {
      if (isEmpty(current)) {
        if (operator === ';' || operator === '\n') {
          if (pendingOperator !== undefined && pendingOperator !== ';' && pendingOperator !== '\n') {
            throw refuse(`nothing follows ${JSON.stringify(pendingOperator)}`);
          }
          if (operator === ';' && (commands.length === 0 || pendingOperator === ';')) throw refuse('an empty command before ";"');
          pendingOperator = operator;
          return;
        }
        throw refuse(`no command before ${JSON.stringify(operator)}`);
      }
      commands.push(current);
      current = { assignments: [], words: [], redirects: [] };
      pendingOperator = operator;
    };

    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const char = this.src[this.pos]!;
      const next = this.src[this.pos + 1];
      if (char === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos += 1;
      } else if (char === '\n' || char === ';') {
        if (char === ';' && next === ';') throw refuse('";;" belongs to case statements, which are not supported');
        if (char === ';' && next === '&') throw refuse('";&" belongs to case statements, which are not supported');
        this.pos += 1;
        finish(char);
      } else if (char === '&') {
        if (next === '&') {
          this.pos += 2;
          finish('&&');
        } else if (next === '>') {
          current.redirects.push(this.readRedirect());
        } else {
          throw refuse('background jobs ("&") are not allowed', 'run the command in the foreground; it is killed at the time limit');
        }
      } else if (char === '|') {
        const operator = next === '|' ? '||' : next === '&' ? '|&' : '|';
        this.pos += operator.length;
        finish(operator);
      } else if (char === '(' || char === ')') {
        throw refuse('subshells and grouping with ( ) are not supported');
      } else if ((char === '<' || char === '>') && next === '(') {
        throw refuse('process substitution <( ) and >( ) is not supported', 'write to a file in the worktree, then read it');
      } else if (char === '<' || char === '>' || (/[0-9]/.test(char) && this.isFdRedirect())) {
        current.redirects.push(this.readRedirect());
      } else {
        const word = this.readWord();
        if (current.words.length === 0 && word.assigns !== undefined) current.assignments.push(word);
        else {
          if (current.words.length === 0 && !word.quoted && RESERVED_WORDS.has(word.text)) {
            throw refuse(`"${word.text}" starts a control structure, which is not supported`);
          }
          current.words.push(word);
        }
      }
    }
    if (!isEmpty(current)) commands.push(current);
    else if (pendingOperator !== undefined && pendingOperator !== ';' && pendingOperator !== '\n') {
      throw refuse(`the command line ends with ${JSON.stringify(pendingOperator)}`);
    }
    return commands;
  }

  private skipBlanks(): void {
    for (;;) {
      const char = this.src[this.pos];
      if (char === ' ' || char === '\t') this.pos += 1;
      else if (char === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  /** True when the digits at pos are a descriptor number followed by a redirection operator (`2>`). */
  private isFdRedirect(): boolean {
    let end = this.pos;
    while (/[0-9]/.test(this.src[end] ?? '')) end += 1;
    return this.src[end] === '<' || this.src[end] === '>';
  }

  private readRedirect(): ShellRedirect {
    const start = this.pos;
    while (/[0-9]/.test(this.src[this.pos] ?? '')) this.pos += 1;
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('<<')) throw refuse('here-documents and here-strings (<<, <<<) are not supported', 'write the file with the text editor first');
    if (rest.startsWith('<>')) throw refuse('"<>" redirections are not supported');
    const operator = ['&>>', '&>', '>>', '>|', '>&', '<&', '>', '<'].find((op) => rest.startsWith(op))!;
    this.pos += operator.length;
    const full = this.src.slice(start, this.pos);
    if (operator === '>&' || operator === '<&') {
      const dup = /^(?:[0-9]+|-)/.exec(this.src.slice(this.pos));
      if (dup) {
        this.pos += dup[0].length;
        return { operator: full + dup[0] };
      }
      if (operator === '<&') throw refuse(`"${full}" must be followed by a descriptor number`);
    }
    this.skipBlanks();
    const next = this.src[this.pos];
    if (next === undefined || ' \t\n;&|<>()'.includes(next)) throw refuse(`the redirection "${full}" has no target`);
    return { operator: full, target: this.readWord() };
  }

  private readWord(): ShellWord {
    let text = '';
    let dynamic = false;
    let quoted = false;
    let assigns: string | undefined;
    if (this.src[this.pos] === '~') throw refuse('"~" expands to a home directory outside the worktree', 'use paths relative to the worktree');
    while (this.pos < this.src.length) {
      const char = this.src[this.pos]!;
      if (' \t\n;&|<>()'.includes(char)) break;
      if (char === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw refuse('the command line ends with a backslash');
        this.pos += 2;
        if (next !== '\n') {
          text += next;
          quoted = true;
        }
      } else if (char === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw refuse('a single quote is not closed');
        text += this.src.slice(this.pos + 1, end);
        quoted = true;
        this.pos = end + 1;
      } else if (char === '"') {
        this.pos += 1;
        quoted = true;
        let closed = false;
        while (this.pos < this.src.length) {
          const inner = this.src[this.pos]!;
          if (inner === '"') {
            closed = true;
            this.pos += 1;
            break;
          }
          if (inner === '\\') {
            const next = this.src[this.pos + 1];
            if (next === undefined) break;
            if ('$`"\\'.includes(next)) text += next;
            else if (next !== '\n') text += `\\${next}`;
            this.pos += 2;
          } else if (inner === '$') {
            const expansion = this.readDollar(true);
            dynamic ||= expansion !== '$';
            text += expansion;
          } else if (inner === '`') {
            this.readBackticks();
            dynamic = true;
            text += EXPANSION;
          } else {
            text += inner;
            this.pos += 1;
          }
        }
        if (!closed) throw refuse('a double quote is not closed');
      } else if (char === '$') {
        const expansion = this.readDollar();
        dynamic ||= expansion !== '$';
        text += expansion;
      } else if (char === '`') {
        this.readBackticks();
        dynamic = true;
        text += EXPANSION;
      } else if (char === '{' || char === '}') {
        throw refuse('unquoted braces (brace expansion) are not supported', "quote them, e.g. '{print $1}'");
      } else {
        if (char === '=' && assigns === undefined && !quoted && !dynamic && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) assigns = text;
        text += char;
        this.pos += 1;
      }
    }
    return { text, dynamic, quoted, ...(assigns === undefined ? {} : { assigns }) };
  }

  /** Reads a `$` expansion at pos; returns EXPANSION, or "$" when the dollar is literal. */
  private readDollar(inDoubleQuotes = false): string {
    const rest = this.src.slice(this.pos + 1);
    if (rest.startsWith('((')) throw refuse('arithmetic expansion $(( )) is not supported');
    if (rest.startsWith('(')) {
      const end = this.matchingParen(this.pos + 2);
      this.parseNested(this.src.slice(this.pos + 2, end));
      this.pos = end + 1;
      return EXPANSION;
    }
    if (rest.startsWith('{')) {
      const match = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
      if (!match) throw refuse('only plain ${NAME} expansions are supported, without operators');
      this.pos += 1 + match[0].length;
      return EXPANSION;
    }
    const match = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#])/.exec(rest);
    if (match) {
      this.pos += 1 + match[0].length;
      return EXPANSION;
    }
    if (!inDoubleQuotes && (rest.startsWith("'") || rest.startsWith('"'))) throw refuse('$\'…\' and $"…" quoting is not supported');
    if (/^[@*!-]/.test(rest)) throw refuse(`the special parameter $${rest[0]} is not supported`);
    this.pos += 1;
    return '$';
  }

  /** Index of the `)` closing a `$(` whose content starts at `from`, skipping quoted text and nested parentheses. */
  private matchingParen(from: number): number {
    let depth = 1;
    for (let i = from; i < this.src.length; i += 1) {
      const char = this.src[i];
      if (char === '\\') i += 1;
      else if (char === "'") {
        i = this.src.indexOf("'", i + 1);
        if (i < 0) break;
      } else if (char === '"') {
        for (i += 1; i < this.src.length && this.src[i] !== '"'; i += 1) if (this.src[i] === '\\') i += 1;
      } else if (char === '(') depth += 1;
      else if (char === ')') {
        depth -= 1;
        if (depth === 0) return i;
      }
    }
    throw refuse('a $( ) command substitution is not closed');
  }

  private readBackticks(): void {
    let inner = '';
    for (let i = this.pos + 1; i < this.src.length; i += 1) {
      const char = this.src[i]!;
      if (char === '\\' && i + 1 < this.src.length) {
        const next = this.src[i + 1]!;
        if (next === '`') throw refuse('nested backticks are not supported', 'use $( ) instead');
        inner += '$\\'.includes(next) ? next : `\\${next}`;
        i += 1;
      } else if (char === '`') {
        this.parseNested(inner);
        this.pos = i + 1;
        return;
      } else inner += char;
    }
    throw refuse('a backtick command substitution is not closed');
  }

  private parseNested(source: string): void {
    if (this.depth >= MAX_NESTING) throw refuse(`command substitutions nest deeper than ${MAX_NESTING} levels`);
    const parser = new CommandLineParser(source, this.depth + 1);
    const commands = parser.parse();
    if (commands.length === 0) throw refuse('an empty command substitution');
    this.nested.push(...commands, ...parser.nested);
  }
}

/**
 * Parses a command line into its simple commands, those inside command
 * substitutions included; throws a bad-input error naming the construct when
 * the line is outside the supported subset.
 */
export function parseCommandLine(line: string): SimpleCommand[] {
  if (line.includes('\0')) throw refuse('the command contains a NUL byte');
  const parser = new CommandLineParser(line, 0);
  const commands = parser.parse();
  if (commands.length === 0) throw refuse('the command is empty', 'pass a command to run');
  return [...commands, ...parser.nested];
}

/** The forbidden program named by a word, if any (matched as a whole token of the word's text). */
function forbiddenIn(text: string): string | undefined {
  const tokens = text.split(/[^A-Za-z0-9_.-]+/);
  return FORBIDDEN_PROGRAMS.find((program) => tokens.some((token) => token === program));
}

/** A sed script that runs programs (e), reads (r, R) or writes (w, W) files, or an s command with the e or w flag. */
function sedDanger(script: string): string | undefined {
  if (/(^|[;{}\n!]|[0-9$/]\s*)\s*[eEwWrR](\s|$)/.test(script)) return 'sed commands e, r, R, w and W (run programs, read or write other files)';
  const substitution = /s([^\\\n\w\s])((?:\\.|(?!\1)[^\\\n])*)\1((?:\\.|(?!\1)[^\\\n])*)\1([A-Za-z0-9]*)/g;
  for (const match of script.matchAll(substitution)) {
    if (/[ewEW]/.test(match[4] ?? '')) return 'the e and w flags of sed s commands (run programs, write other files)';
  }
  return undefined;
}

/** An awk program that runs programs or redirects its output. */
function awkDanger(program: string): string | undefined {
  if (/\bsystem\s*\(/.test(program)) return 'awk system() (runs programs)';
  if (/\bgetline\b/.test(program)) return 'awk getline (reads commands or other files)';
  if (/(^|[^|])\|(?!\|)/.test(program)) return 'awk pipes (run programs)';
  if (/\bprintf?\b[^;{}\n]*>/.test(program)) return 'awk output redirection (writes other files)';
  return undefined;
}

/** Per-command rules beyond the allowlist; returns the refusal reason. */
function commandRule(name: string, args: readonly ShellWord[]): string | undefined {
  const texts = args.map((word) => word.text);
  switch (name) {
    case 'git': {
      const first = texts[0];
      if (first === undefined) return undefined;
      if (first.startsWith('-') && first !== '--no-pager') {
        return `git option ${first} before the subcommand (it can point git at another repository or configuration)`;
      }
      const sub = first === '--no-pager' ? texts[1] : first;
      if (sub === undefined) return undefined;
      if (sub === 'config') {
        const mode = texts[texts.indexOf('config') + 1];
        const readOnly = ['--get', '--get-all', '--get-regexp', '--list', '-l'];
        return mode !== undefined && readOnly.includes(mode)
          ? undefined
          : 'git config changes (hooks and fsmonitor settings would run code in EPM\'s own git commands); only --get and --list are allowed';
      }
      if (!ALLOWED_GIT_SUBCOMMANDS.includes(sub)) {
        return `git ${sub} (allowed git subcommands: ${ALLOWED_GIT_SUBCOMMANDS.join(', ')}; EPM pushes, fetches and manages branches itself)`;
      }
      return undefined;
    }
    case 'npm': {
      // Any operand, not only the first: options with values come before the subcommand (npm --registry x publish).
      const sub = texts.find((text) => FORBIDDEN_NPM_SUBCOMMANDS.includes(text));
      return sub === undefined ? undefined : `npm ${sub} (publishing and registry or account changes)`;
    }
    case 'npx': {
      const sub = texts.find((text) => text === 'publish' || text === 'unpublish');
      return sub === undefined ? undefined : `npx … ${sub} (publishing)`;
    }
    case 'pip':
    case 'pip3': {
      const sub = texts.find((text) => FORBIDDEN_PIP_SUBCOMMANDS.includes(text));
      return sub === undefined ? undefined : `${name} ${sub}`;
    }
    case 'find': {
      const bad = texts.find((text) => ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls'].includes(text));
      return bad === undefined ? undefined : `find ${bad} (runs programs, deletes or writes files); list the files, then act on them with separate commands`;
    }
    case 'sed': {
      if (texts.some((text) => text === '-f' || text.startsWith('--file'))) return 'sed -f (a script from a file cannot be checked)';
      for (const text of texts) {
        const danger = sedDanger(text);
        if (danger) return danger;
      }
      return undefined;
    }
    case 'awk': {
      if (texts.some((text) => text === '-f' || text.startsWith('--file'))) return 'awk -f (a program from a file cannot be checked)';
      for (const text of texts) {
        const danger = awkDanger(text);
        if (danger) return danger;
      }
      return undefined;
    }
    case 'env':
      return args.length > 0 ? 'env with arguments (it runs other programs); plain "env" prints the environment' : undefined;
    case 'cd':
      return args.length !== 1 || texts[0] === '-' ? 'cd needs exactly one directory inside the worktree' : undefined;
    default:
      return undefined;
  }
}

/** True when the segment of a path could be ".." once expansions are filled in. */
const mayClimb = (text: string): boolean =>
  text
    .split('/')
    .some((segment) => segment === '..' || (segment.includes(EXPANSION) && [...segment].every((c) => c === '.' || c === EXPANSION)));

/** Checks one word that may be a path: literal, confined to the worktree (symbolic links resolved). */
async function checkPathWord(worktree: string, word: ShellWord, context: string): Promise<string> {
  const { text } = word;
  if (mayClimb(text)) {
    throw refuse(
      `${context} ${JSON.stringify(word.text.replaceAll(EXPANSION, '$…'))} contains "..", which can lead outside the worktree`,
      'use paths inside the worktree, without ".." (the shell may have changed directory)',
    );
  }
  if (text === '' || SAFE_DEVICES.has(text)) return text;
  try {
    return await confinePath(worktree, text);
  } catch (error) {
    throw refuse(`${context} ${JSON.stringify(text)}: ${(error as Error).message}`, 'use paths inside the worktree');
  }
}

/** The policy the bash tool enforces. */
export interface BashPolicy {
  /** Command names that may run. */
  allow: readonly string[];
}

/**
 * Checks a whole command line against the policy for a worktree; resolves when
 * every command may run, throws a bad-input error whose message names the
 * command or construct refused and why.
 */
export async function checkCommandLine(line: string, worktree: string, policy: BashPolicy): Promise<void> {
  const commands = parseCommandLine(line);
  const root = await worktreeRoot(worktree);
  for (const command of commands) {
    const every = [...command.assignments, ...command.words, ...command.redirects.flatMap((r) => (r.target ? [r.target] : []))];
    for (const word of every) {
      const program = forbiddenIn(word.text);
      if (program) throw refuse(`"${program}" is forbidden (network access, remote shells, privilege changes and uploads are not allowed)`, 'do the work inside the worktree without it');
    }
    for (const assignment of command.assignments) {
      const name = assignment.assigns!;
      if (PROTECTED_VARIABLE.test(name)) throw refuse(`setting ${name} (it changes which programs run or where)`);
      const value = { ...assignment, text: assignment.text.slice(name.length + 1) };
      if (!value.dynamic) await checkPathWord(worktree, value, `the value of ${name}`);
    }
    for (const redirect of command.redirects) {
      if (!redirect.target) continue;
      if (redirect.target.dynamic) throw refuse(`the redirection target of "${redirect.operator}" is computed at run time`, 'redirect to a literal path inside the worktree');
      if (touchesGitMetadata(redirect.target.text)) throw refuse('writing into git metadata (.git)', 'EPM commits the worktree itself');
      await checkPathWord(worktree, redirect.target, 'the redirection target');
    }
    const [nameWord, ...args] = command.words;
    if (!nameWord) continue;
    const name = nameWord.text;
    if (nameWord.dynamic) throw refuse('the command name is computed at run time', 'name the program literally');
    if (name.includes('/')) {
      throw refuse(`${JSON.stringify(name)} names a program by path`, 'run programs by name from the allowlist; run scripts through an interpreter, e.g. "node scripts/x.js"');
    }
    if (!policy.allow.includes(name)) {
      throw refuse(`"${name}" is not on the allowed command list`, `use one of: ${policy.allow.join(', ')} (the list is set in EPM's configuration)`);
    }
    const rule = commandRule(name, args);
    if (rule) throw refuse(rule);
    if (!READ_ONLY_COMMANDS.includes(name) && args.some((arg) => touchesGitMetadata(arg.text))) {
      throw refuse(`${name} on git metadata (.git): hooks and config there would run code in EPM's own git commands`, 'change the project files; EPM commits the worktree itself');
    }
    const dataOnly = DATA_ONLY_COMMANDS.includes(name);
    for (const arg of args) {
      if (arg.dynamic) {
        if (!dataOnly) {
          throw refuse(
            `the argument ${JSON.stringify(arg.text.replaceAll(EXPANSION, '$…'))} of ${name} is computed at run time ($VAR, $( ) or backticks)`,
            `pass literal paths; run-time values may only go to ${DATA_ONLY_COMMANDS.join(', ')}`,
          );
        }
        continue;
      }
      if (dataOnly) continue;
      const candidate = pathCandidate(arg.text);
      if (candidate === undefined) continue;
      const resolved = await checkPathWord(worktree, { ...arg, text: candidate }, `the argument of ${name}`);
      if ((name === 'rm' || name === 'mv') && resolved === root) {
        throw refuse(`${name} on the worktree root itself`, 'name the files or directories inside it');
      }
    }
  }
}

/**
 * The part of an argument that may name a path: the argument itself, the value
 * of `--option=value`, or what follows a short option's letter (`-t../x`,
 * `-o/tmp/x`); undefined for a bare option.
 */
function pathCandidate(text: string): string | undefined {
  if (!text.startsWith('-') || text === '-') return text === '-' ? undefined : text;
  if (text.startsWith('--')) {
    const equals = text.indexOf('=');
    return equals < 0 ? undefined : text.slice(equals + 1);
  }
  return text.length > 2 ? text.slice(2) : undefined;
}
