/**
 * Secret redaction, pure: which environment variable names hold secrets, and
 * how text is scrubbed of secret values and of well-known token shapes before
 * it is recorded (environment snapshots, `pip freeze`, transcripts, logs).
 */

/** What every redacted value or occurrence becomes. */
export const REDACTED = '[redacted]';

/** Secret values shorter than this are not searched for in text: too many false hits, too little to leak. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Words that mark a variable name as secret when a name part ends with one
 * (`WANDB_API_KEY`, `HF_TOKEN`, `DB_PASSWORD`, `OAUTH`, `GITHUB_PAT`,
 * `SENTRY_DSN`). `TOKENIZERS_PARALLELISM` and `GIT_AUTHOR_NAME` are not secret.
 */
export const SECRET_NAME_WORDS = [
  'KEY',
  'KEYS',
  'TOKEN',
  'TOKENS',
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASSPHRASE',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'AUTH',
  'PRIVATE',
  'SESSION',
  'SESSIONID',
  'COOKIE',
  'COOKIES',
  'PAT',
  'DSN',
  'SIGNATURE',
] as const;

/** Vendor variables EPM knows hold secrets; matched exactly, whatever the word rules say. */
export const KNOWN_SECRET_NAMES = [
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'WANDB_API_KEY',
  'HF_TOKEN',
  'HUGGING_FACE_HUB_TOKEN',
  'HUGGINGFACE_TOKEN',
  'RUNPOD_API_KEY',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'LINEAR_API_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AZURE_CLIENT_SECRET',
  'NPM_TOKEN',
  'NODE_AUTH_TOKEN',
  'PYPI_TOKEN',
  'SLACK_WEBHOOK_URL',
  'DATABASE_URL',
] as const;

const KNOWN = new Set<string>(KNOWN_SECRET_NAMES);
// `PWD` ends many password variables (MYSQL_PWD) but alone is the shell's working directory.
const WORKING_DIRECTORY_NAMES = new Set(['PWD', 'OLDPWD']);
const WORD_ENDING = new RegExp(`(?:${[...SECRET_NAME_WORDS].sort((a, b) => b.length - a.length).join('|')})$`);

/**
 * True when an environment variable of this name must be treated as secret.
 * The name is split into parts at `_`, `-`, `.` and camelCase boundaries; it
 * is secret when any part ends with a word of `SECRET_NAME_WORDS`
 * (`APIKEY`, `AUTHTOKEN` included), a part is `PWD` (`MYSQL_PWD`, but not
 * the shell's own `PWD`), or the name is a known vendor secret.
 */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (KNOWN.has(upper)) return true;
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((part) => part.length > 0);
  if (!WORKING_DIRECTORY_NAMES.has(upper) && parts.includes('PWD')) return true;
  return parts.some((part) => WORD_ENDING.test(part));
}

/** The recorded form of a secret value: always `[redacted]`, whatever the value. */
export function redactValue(_value: string): string {
  return REDACTED;
}

/** A well-known token shape, found in text and replaced. */
export interface TokenPattern {
  /** What the token is, for documentation and tests. */
  name: string;
  /** Global regex; when it has a `keep` group (named), that part is kept and the rest replaced. */
  pattern: RegExp;
}

/**
 * Token shapes redacted wherever they appear, even when no variable names
 * them: a key pasted into a config or printed by a tool is still a key.
 */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { name: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{8,}/g },
  { name: 'OpenAI-style secret key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g },
  { name: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { name: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{20,}/g },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'Linear API key', pattern: /\blin_(?:api|oauth)_[A-Za-z0-9]{20,}/g },
  { name: 'RunPod API key', pattern: /\brpa_[A-Za-z0-9]{20,}/g },
  { name: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{30,}/g },
  { name: 'PEM private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  { name: 'Bearer token', pattern: /(?<keep>\bBearer\s+)[A-Za-z0-9._~+/=-]{16,}/g },
  // Quotes and backslashes end the match: they cannot appear unencoded in a URL, and stopping there keeps JSON text valid.
  { name: 'password in a URL', pattern: /(?<keep>\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/:@"'`\\<>]+:)[^\s/@"'`\\<>]+(?=@)/g },
];

/**
 * Replaces every occurrence of each secret value (those of at least
 * `MIN_SECRET_LENGTH` characters) and every well-known token shape with
 * `[redacted]`. Overlapping occurrences are merged into one replacement, and
 * the pass repeats until no secret is left (a secret could otherwise re-form
 * across a replacement); if that does not settle, the whole text is withheld.
 * A secret that is itself part of the word `[redacted]` cannot be hidden by
 * it and is ignored.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const values = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH && !REDACTED.includes(s));
  let current = redactValues(text, values);
  for (const { pattern } of TOKEN_PATTERNS) {
    current = current.replace(pattern, (...args: unknown[]) => {
      const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
      return `${groups?.['keep'] ?? ''}${REDACTED}`;
    });
  }
  // A token-shape replacement can join text into a secret value again; scrub values once more.
  return redactValues(current, values);
}

/**
 * The values of secret-named variables in an environment, long enough to be
 * searched for in text (`redactText`'s `secrets`).
 */
export function secretValuesOf(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].length >= MIN_SECRET_LENGTH && isSecretName(entry[0]))
    .map(([, value]) => value)
    .sort();
}

const MAX_PASSES = 8;

/** Replaces every occurrence of the values, repeating while one re-forms. */
function redactValues(text: string, values: readonly string[]): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    if (!values.some((value) => current.includes(value))) return current;
    current = replaceSpans(current, values);
  }
  return values.some((value) => current.includes(value)) ? REDACTED : current;
}

/** One pass: every (possibly overlapping) occurrence, merged into spans, each span replaced once. */
function replaceSpans(text: string, values: readonly string[]): string {
  const spans: [number, number][] = [];
  for (const value of values) {
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) spans.push([at, at + value.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  let open: [number, number] | undefined;
  for (const span of spans) {
    if (open && span[0] <= open[1]) {
      open[1] = Math.max(open[1], span[1]);
      continue;
    }
    if (open) {
      out += text.slice(cursor, open[0]) + REDACTED;
      cursor = open[1];
    }
    open = [span[0], span[1]];
  }
  if (open) {
    out += text.slice(cursor, open[0]) + REDACTED;
    cursor = open[1];
  }
  return out + text.slice(cursor);
}
