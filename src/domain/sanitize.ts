/**
 * The sanitizer for untrusted text (issue titles and bodies, human comments)
 * before it reaches a model's prompt (DESIGN.md §6). It removes what a human
 * reading the rendered issue would not see but a model reading the raw text
 * would: HTML comments (where forged EPM markers and hidden instructions
 * hide), invisible and bidi control characters, hidden or collapsed markup,
 * and attribute text such as image alt text. Pure: no I/O, same input → same
 * output.
 */

/**
 * Code points a reader cannot see: zero-width characters (U+200B–U+200F),
 * word joiners and invisible operators (U+2060–U+2064), the byte-order mark
 * (U+FEFF), bidi embedding and override controls (U+202A–U+202E), bidi
 * isolates (U+2066–U+2069), the soft hyphen (U+00AD), the Mongolian vowel
 * separator (U+180E) and Unicode tag characters (U+E0000–U+E007F, used to
 * smuggle ASCII past a reader).
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\u{E0000}|[\u{E0001}-\u{E007F}]/gu;

/** Named HTML entities that render as nothing visible. */
const INVISIBLE_NAMED_ENTITIES = /&(?:zwj|zwnj|lrm|rlm|shy|ZeroWidthSpace|NoBreak|InvisibleTimes|InvisibleComma|ApplyFunction|af|it|ic);/g;

/** Numeric HTML entities (`&#8203;`, `&#x200B;`), checked against INVISIBLE. */
const NUMERIC_ENTITY = /&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));?/gi;

/** An HTML comment; an unterminated `<!--` runs to the end of the text. `--!>` also closes one in HTML5. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|--!>|$)/g;

/** Elements whose content is never rendered. */
const NEVER_RENDERED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object']);

/** Attributes whose text a reader does not see in the rendered page. */
const HIDDEN_TEXT_ATTRIBUTE = /\s(?:alt|title|placeholder|aria-[a-z-]+|data-[a-z0-9_.:-]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi;

/** An opening or self-closing HTML tag: name and attribute text. */
const OPEN_TAG = /<([a-z][a-z0-9-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>/gi;

/** Markdown image alt text `![alt](url)`, rendered only when the image fails. */
const MARKDOWN_IMAGE_ALT = /!\[[^\]]*\]\(/g;

/** Markdown link titles `[text](url "title")`, shown only as a tooltip. */
const MARKDOWN_LINK_TITLE = /(\]\(\s*[^\s)]+)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*\)/g;

/** Bound on rewrite passes: each pass strictly shortens the text, so this is only a guard. */
const MAX_PASSES = 20;

/**
 * Removes hidden content from untrusted text: HTML comments (an unterminated
 * `<!--` removes everything after it), invisible and bidi control characters
 * (raw or as HTML entities), never-rendered elements (`<script>`, `<style>`,
 * `<template>`…), elements hidden by a `hidden` attribute or an inline style
 * (`display:none`, `visibility:hidden`, zero size or opacity), the body of a
 * closed `<details>` (its `<summary>` stays), and hidden attribute text (alt,
 * title, aria-*, data-*, placeholder; Markdown image alt text and link
 * titles). It repeats until nothing changes, so removing one piece cannot
 * assemble another, then collapses runs of blank lines and trailing spaces.
 */
export function sanitizeUntrusted(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = sanitizePass(current);
    if (next === current) break;
    current = next;
  }
  return collapse(current);
}

/** One pass of every rule, in an order where earlier rules expose later ones (invisible characters can split `<!--`). */
function sanitizePass(text: string): string {
  let out = text.replace(INVISIBLE, '');
  out = out.replace(INVISIBLE_NAMED_ENTITIES, '');
  out = out.replace(NUMERIC_ENTITY, (entity, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
    if (!Number.isFinite(code) || code > 0x10ffff) return '';
    return String.fromCodePoint(code).replace(INVISIBLE, '') === '' ? '' : entity;
  });
  out = out.replace(HTML_COMMENT, '');
  out = removeHiddenElements(out);
  out = out.replace(HIDDEN_TEXT_ATTRIBUTE, '');
  out = out.replace(MARKDOWN_IMAGE_ALT, '![](');
  out = out.replace(MARKDOWN_LINK_TITLE, '$1)');
  return out;
}

/** True when an element of this name with these attributes is not rendered, or rendered invisibly. */
function isHidden(name: string, attributes: string): boolean {
  if (NEVER_RENDERED.has(name)) return true;
  if (/(?:^|\s)hidden(?:\s*=|\s|\/|$)/i.test(attributes)) return true;
  const style = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
  const css = (style?.[1] ?? style?.[2] ?? '').toLowerCase().replace(/\s+/g, '');
  return /display:none|visibility:(?:hidden|collapse)|(?:^|;)opacity:(?:0+(?:\.0*)?|\.0+)(?:;|$)|(?:^|;)font-size:(?:0+(?:\.0*)?|\.0+)(?:px|em|rem|pt|%)?(?:;|$)|(?:^|;)(?:max-)?(?:height|width):0+(?:px)?(?:;|$)/.test(css);
}

/**
 * Removes hidden elements with their content, and the body of closed
 * `<details>` elements (keeping the `<summary>` a reader sees). Nested
 * elements of the same name are balanced; an element never closed is removed
 * to the end of the text, since a renderer would hide all of it.
 */
function removeHiddenElements(text: string): string {
  let out = '';
  let cursor = 0;
  OPEN_TAG.lastIndex = 0;
  for (let match = OPEN_TAG.exec(text); match !== null; match = OPEN_TAG.exec(text)) {
    const name = (match[1] ?? '').toLowerCase();
    const attributes = match[2] ?? '';
    const selfClosing = match[0].endsWith('/>');
    const closedDetails = name === 'details' && !/(?:^|\s)open(?:\s*=|\s|\/|$)/i.test(attributes);
    if (!isHidden(name, attributes) && !closedDetails) continue;
    const start = match.index;
    if (selfClosing) {
      out += text.slice(cursor, start);
      cursor = OPEN_TAG.lastIndex;
      continue;
    }
    const end = findClose(text, name, OPEN_TAG.lastIndex);
    const inner = text.slice(OPEN_TAG.lastIndex, end.innerEnd);
    out += text.slice(cursor, start);
    if (closedDetails) {
      const summary = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i.exec(inner);
      if (summary?.[1] !== undefined) out += summary[1];
    }
    cursor = end.after;
    OPEN_TAG.lastIndex = end.after;
  }
  return out + text.slice(cursor);
}

/** Where the element opened before `from` closes: the end of its content and the index after its closing tag (the text's end when unclosed). */
function findClose(text: string, name: string, from: number): { innerEnd: number; after: number } {
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let tag = tags.exec(text); tag !== null; tag = tags.exec(text)) {
    if (tag[1] === '/') depth -= 1;
    else if (!tag[0].endsWith('/>')) depth += 1;
    if (depth === 0) return { innerEnd: tag.index, after: tags.lastIndex };
  }
  return { innerEnd: text.length, after: text.length };
}

/** Trailing spaces removed, three or more line breaks collapsed to one blank line, ends trimmed. */
function collapse(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
