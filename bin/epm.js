#!/usr/bin/env node
// The `epm` command: runs the committed ncc bundle so `npx epm` works right after `npm ci`.
import '../dist/cli/index.js';
