/** Whether the PR body needs rewriting (line endings GitHub normalises do not count). */
export const pullBodyChanged = (current: string, wanted: string): boolean =>
  current.replace(/\r\n/g, '\n').trimEnd() !== wanted.replace(/\r\n/g, '\n').trimEnd();
