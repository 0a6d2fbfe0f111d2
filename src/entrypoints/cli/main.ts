/** Entry point of the `epm` bundle: run the CLI and exit with its code. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
