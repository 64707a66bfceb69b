#!/usr/bin/env node
// The `parley` command, from the built JavaScript: plain Node, no TypeScript at run time.
import { run } from '../dist/cli.js';

process.exitCode = await run(process.argv.slice(2));
