#!/usr/bin/env node
// The CLI entry: registers tsx's loader so the TypeScript sources, configs and plugins load as they are,
// then runs the command and exits with its code (open keep-alive sockets must not hold the process).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../core/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
