/**
 * Bounded tool output: the head and the tail are kept, the middle is replaced
 * by a marker saying how much was left out. The start of an output usually
 * says what ran, the end how it ended; both matter more than the middle.
 */

/** True for a UTF-8 continuation byte (10xxxxxx). */
const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** Decodes the head without a torn character at its end. */
function decodeHead(bytes: Buffer): string {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i -= 1) {
    const byte = bytes[i]!;
    if (isContinuation(byte)) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.subarray(0, bytes.length - i >= need ? bytes.length : i).toString('utf8');
  }
  return bytes.toString('utf8');
}

/** Decodes the tail without a torn character at its start. */
function decodeTail(bytes: Buffer): string {
  let start = 0;
  while (start < 3 && isContinuation(bytes[start])) start += 1;
  return bytes.subarray(start).toString('utf8');
}

/** The marker put where output was left out. */
export function truncationMarker(omittedBytes: number, totalBytes: number): string {
  return `\n[... output truncated: ${omittedBytes} of ${totalBytes} bytes omitted here; the first and last parts are shown ...]\n`;
}

/**
 * Collects a stream of output in bounded memory, whatever its size: the first
 * half of the budget and a rolling window of the last half.
 */
export class HeadTailCollector {
  private head: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;
  private readonly headMax: number;
  private readonly tailMax: number;

  /** `maxBytes` is the budget of the text returned, marker excluded. */
  constructor(maxBytes: number) {
    this.headMax = Math.floor(maxBytes / 2);
    this.tailMax = maxBytes - this.headMax;
  }

  /** Adds a chunk of output. */
  push(chunk: Buffer | string): void {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.total += bytes.length;
    if (this.head.length < this.headMax) {
      const take = Math.min(this.headMax - this.head.length, bytes.length);
      this.head = Buffer.concat([this.head, bytes.subarray(0, take)]);
      bytes = bytes.subarray(take);
    }
    if (bytes.length > 0) {
      const joined = Buffer.concat([this.tail, bytes]);
      this.tail = joined.length > this.tailMax ? joined.subarray(joined.length - this.tailMax) : joined;
    }
  }

  /** Bytes seen in all. */
  get totalBytes(): number {
    return this.total;
  }

  /** True when some output was left out. */
  get truncated(): boolean {
    return this.total > this.head.length + this.tail.length;
  }

  /** The kept output, with the marker in the middle when something was left out. */
  text(): string {
    if (!this.truncated) return Buffer.concat([this.head, this.tail]).toString('utf8');
    const omitted = this.total - this.head.length - this.tail.length;
    return `${decodeHead(this.head)}${truncationMarker(omitted, this.total)}${decodeTail(this.tail)}`;
  }
}

/** `text` cut to at most `maxBytes` of UTF-8 (plus the marker), keeping its head and tail. */
export function truncateMiddle(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const collector = new HeadTailCollector(maxBytes);
  collector.push(text);
  return collector.text();
}
