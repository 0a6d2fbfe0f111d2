/** Whole-file writes that a crash never leaves half done: a temporary file beside the target, renamed over it. */
import { rename, writeFile } from 'node:fs/promises';

export async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
