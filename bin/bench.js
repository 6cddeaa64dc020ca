#!/usr/bin/env node
// The CLI entry: runs the compiled CLI in dist/ (built by `npm ci` / `npm run build`), or the TypeScript
// sources when started with `--conditions=mmsoc-bench-source --import tsx` (the tests and benchmarks do).
// Exits with the command's code: open keep-alive sockets must not hold the process.
let cli;
try {
  cli = await import('#cli');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/core/cli/main.js')) throw error;
  process.stderr.write('mmsoc-bench is not built: run `npm run build` in its folder (`npm ci` builds it too)\n');
  process.exit(2);
}
process.exit(await cli.runCli(process.argv.slice(2)));
