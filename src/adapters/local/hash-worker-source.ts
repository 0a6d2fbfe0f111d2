/**
 * The program each hashing worker thread runs, as source text.
 *
 * It is a string, started with `new Worker(HASH_WORKER_SOURCE, { eval: true })`,
 * because the code is bundled by ncc and cannot rely on a separate `.js` file
 * next to the bundle. Evaluated workers run as CommonJS, hence `require`.
 *
 * Protocol (one task at a time per worker):
 * - in:  `{ id, path, chunkBytes, noFollow }`
 * - out: `{ id, ok: { sha256, size } }`
 *      | `{ id, notFile: 'a directory' | 'not a regular file' }`
 *      | `{ id, error: { code, message } }` (the OS error, mapped to a typed error by the caller)
 *
 * The read loop is the same as `hashFile` in `hashing.ts`: two buffers,
 * the next read (in libuv's pool) overlapping the hashing of the current
 * chunk. The buffers are reused across every file this worker hashes.
 */
export const HASH_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const { open } = require('node:fs/promises');
const { constants } = require('node:fs');
const { createHash } = require('node:crypto');

const MIN_BUFFER = 64 * 1024;
let buffers = [];

function buffersFor(bytes) {
  if (buffers.length === 0 || buffers[0].length < bytes) {
    buffers = [Buffer.allocUnsafeSlow(bytes), Buffer.allocUnsafeSlow(bytes)];
  }
  return buffers;
}

async function hashPath(path, chunkBytes, noFollow) {
  // O_NONBLOCK: opening a FIFO must not block a pool thread forever; it is a no-op for regular files.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK || 0) | (noFollow ? constants.O_NOFOLLOW || 0 : 0);
  const handle = await open(path, flags);
  let pending;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { notFile: stat.isDirectory() ? 'a directory' : 'not a regular file' };
    const chunk = Math.min(chunkBytes, Math.max(stat.size, MIN_BUFFER));
    const pair = buffersFor(chunk);
    const hash = createHash('sha256');
    let position = 0;
    let index = 0;
    pending = handle.read(pair[0], 0, chunk, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const current = pair[index];
      position += bytesRead;
      index ^= 1;
      pending = handle.read(pair[index], 0, chunk, position);
      hash.update(current.subarray(0, bytesRead));
    }
    return { ok: { sha256: hash.digest('hex'), size: position } };
  } finally {
    if (pending !== undefined) await pending.catch(() => undefined);
    await handle.close();
  }
}

parentPort.on('message', (task) => {
  hashPath(task.path, task.chunkBytes, task.noFollow).then(
    (result) => parentPort.postMessage({ id: task.id, ...result }),
    (error) => parentPort.postMessage({
      id: task.id,
      error: { code: error && typeof error.code === 'string' ? error.code : undefined, message: String(error && error.message || error) },
    }),
  );
});
`;
