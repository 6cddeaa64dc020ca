import { describe, expect, it } from '@jest/globals';
import yargs from 'yargs';
import { skipHelpCache, usageInternals } from '../../core/cli/help-cache.js';

/** How many times yargs renders its help while running `go`. */
async function helpRenders(skip: boolean): Promise<number> {
  const parser = yargs(['go']).command('go', 'runs', (y) => y, () => undefined).exitProcess(false);
  const usage = usageInternals(parser)!;
  const help = usage.help!;
  let renders = 0;
  usage.help = function (this: unknown) {
    renders++;
    return help.call(this);
  };
  if (skip) skipHelpCache(parser);
  await parser.parseAsync();
  return renders;
}

describe('skipHelpCache', () => {
  it('finds the hook in this yargs: running a command renders its help ahead of need', async () => {
    expect(await helpRenders(false)).toBe(1);
  });

  it('stops that render', async () => {
    expect(await helpRenders(true)).toBe(0);
  });
});
