/**
 * Digests of a local file as a model hub names them: the sha256 of the
 * content (an LFS object id) and the git blob id (sha1 of `blob <size>\0`
 * followed by the content). One streaming pass computes both, in bounded
 * memory.
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { external } from '../../domain/errors.js';

/** The digests of one file. */
export interface FileDigests {
  /** Bytes read. */
  size: number;
  /** sha256 of the content, lowercase hex: what the Hub reports as the LFS `oid`. */
  sha256: string;
  /** git blob id of the content, lowercase hex (sha1 of `blob <size>\0` + content). */
  gitBlobSha1: string;
}

/** Digests of a byte array (same definitions as `digestFile`). */
export function digestBytes(content: Uint8Array): FileDigests {
  return {
    size: content.byteLength,
    sha256: createHash('sha256').update(content).digest('hex'),
    gitBlobSha1: createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex'),
  };
}

/**
 * Streams `path` once and returns its digests. Throws `external` when the
 * file changes size while it is read (the git blob header commits to the size
 * seen before reading).
 */
export async function digestFile(path: string): Promise<FileDigests> {
  const { size } = await stat(path);
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1').update(`blob ${size}\0`);
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    sha1.update(chunk);
    read += chunk.byteLength;
  }
  if (read !== size) {
    throw external(`${path} changed while it was hashed (${size} bytes before, ${read} read)`, {
      hint: 'wait until the run has finished writing its outputs, then retry',
    });
  }
  return { size, sha256: sha256.digest('hex'), gitBlobSha1: sha1.digest('hex') };
}
