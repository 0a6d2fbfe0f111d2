/**
 * The run wrapper: a small Node program that runs one experiment command and
 * keeps the run contract (DESIGN.md §2 "Monitoring") in the run folder. The CLI
 * is bundled by ncc into one file, so the wrapper is not a file on disk: it is
 * this string, started as
 * `node --input-type=module -e RUN_WRAPPER_SOURCE <runDir>` (Node built-ins only).
 *
 * The run folder contract:
 * - `spec.json` (written by the launcher): `{ runId, cwd, command, env, startedAt, heartbeatIntervalMs }`.
 * - `wrapper.pid`: written by the wrapper, exclusively (a second wrapper for
 *   the same folder refuses to start), BEFORE the command is spawned — so a
 *   folder without `wrapper.pid` never ran its command. The wrapper leads its
 *   own process group; the command runs in that group, so signalling the
 *   group (`kill -TERM -<wrapper pid>`) stops the command and everything it
 *   started. The wrapper survives SIGTERM/SIGINT/SIGHUP itself so it can still
 *   record how the command ended.
 * - `child.pid`: pid of the shell running the command.
 * - `run.log`: the command's stdout and stderr, merged, appended in order
 *   (the command writes straight into the file, so its output survives the
 *   wrapper). Lines `[phase=<name>]` mark progress.
 * - `heartbeat`: its mtime is the last sign of life. The wrapper beats (writes
 *   the ISO time) when it starts and whenever the log has grown since its last
 *   check, every `heartbeatIntervalMs`; it never beats just because time has
 *   passed. The command may also touch `$EPM_HEARTBEAT_FILE` itself. So:
 *   **a run is alive if it printed or touched $EPM_HEARTBEAT_FILE within
 *   stallAfterMs**; a run that is alive but silent that long is stalled.
 * - When the command ends, the wrapper appends the log line
 *   `[epm-sentinel] {"exitCode":…,"signal":…,"endedAt":…}`, then writes
 *   `sentinel.json` atomically (temp file + rename), then exits. `signal` is
 *   the signal that ended the command, or else the stop signal the wrapper
 *   received while it ran. A wrapper killed with SIGKILL leaves no sentinel.
 *
 * The command runs with `shell: true` in `spec.cwd`, its environment being the
 * wrapper's, then `spec.env`, then `EPM_RUN_ID`, `EPM_RUN_DIR`, `EPM_LOG_PATH`
 * and `EPM_HEARTBEAT_FILE`.
 */

/** Source of the run wrapper program (an ES module; argv[1] is the run folder). */
export const RUN_WRAPPER_SOURCE = String.raw`
import { spawn } from 'node:child_process';
import {
  closeSync, fstatSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';

const runDir = process.argv[1];
if (!runDir) {
  process.stderr.write('epm run wrapper: missing the run folder argument\n');
  process.exit(2);
}
const file = (name) => join(runDir, name);
const spec = JSON.parse(readFileSync(file('spec.json'), 'utf8'));
const logPath = file('run.log');
const heartbeatPath = file('heartbeat');

function writeFileAtomic(name, text, exclusive) {
  const tmp = file(name + '.' + process.pid + '.tmp');
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (exclusive) {
      linkSync(tmp, file(name));
      unlinkSync(tmp);
    } else {
      renameSync(tmp, file(name));
    }
  } catch (error) {
    try { unlinkSync(tmp); } catch {}
    throw error;
  }
}

function beat() {
  try {
    writeFileSync(heartbeatPath, new Date().toISOString() + '\n');
  } catch (error) {
    // A missed beat must not kill the run; the monitor will see the stale heartbeat.
    process.stderr.write('epm run wrapper: heartbeat failed: ' + error.message + '\n');
  }
}

const logFd = openSync(logPath, 'a');
beat();
try {
  writeFileAtomic('wrapper.pid', process.pid + '\n', true);
} catch (error) {
  if (error.code === 'EEXIST') {
    process.stderr.write('epm run wrapper: ' + runDir + ' already has a wrapper; not starting a second one\n');
    process.exit(3);
  }
  throw error;
}

let stopSignal = null;
for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  // The command shares our process group and receives the same signal; stay up to record its end.
  process.on(name, () => { stopSignal = stopSignal ?? name; });
}

let lastSize = fstatSync(logFd).size;
const watch = setInterval(() => {
  try {
    const size = fstatSync(logFd).size;
    if (size !== lastSize) {
      lastSize = size;
      beat();
    }
  } catch {}
}, Math.max(10, Number(spec.heartbeatIntervalMs) || 10000));

let finished = false;
function finish(exitCode, signal, error) {
  if (finished) return;
  finished = true;
  clearInterval(watch);
  if (error) writeSync(logFd, '[epm] could not start the command: ' + error.message + '\n');
  const sentinel = { exitCode, signal: signal ?? stopSignal, endedAt: new Date().toISOString() };
  writeSync(logFd, '[epm-sentinel] ' + JSON.stringify(sentinel) + '\n');
  fsyncSync(logFd);
  closeSync(logFd);
  writeFileAtomic('sentinel.json', JSON.stringify(sentinel, null, 2) + '\n', false);
  process.exit(0);
}

const env = {
  ...process.env,
  ...(spec.env ?? {}),
  EPM_RUN_ID: spec.runId,
  EPM_RUN_DIR: runDir,
  EPM_LOG_PATH: logPath,
  EPM_HEARTBEAT_FILE: heartbeatPath,
};
let child;
try {
  child = spawn(spec.command, { cwd: spec.cwd, env, shell: true, stdio: ['ignore', logFd, logFd] });
} catch (error) {
  finish(null, null, error);
}
if (child) {
  child.on('error', (error) => finish(null, null, error));
  child.on('exit', (code, signal) => finish(code, signal));
  if (child.pid !== undefined) writeFileAtomic('child.pid', child.pid + '\n', false);
}
`;
