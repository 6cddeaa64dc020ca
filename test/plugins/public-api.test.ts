import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_DIR } from '../fixtures/cli.js';
import { tempDir } from '../fixtures/datasets.js';
import { importsLeaving } from './import-boundary.js';

describe('built-in plugins use only the public API', () => {
  it("import nothing from outside plugins/ except through 'mmsoc-bench'", () => {
    expect(importsLeaving(join(PROJECT_DIR, 'plugins'))).toEqual([]);
  });

  it('collectors are among them: no collector outside plugins/, and the check reaches plugins/collectors', () => {
    expect(existsSync(join(PROJECT_DIR, 'collectors'))).toBe(false);
    expect(readdirSync(join(PROJECT_DIR, 'plugins', 'collectors'))).toContain('youtube');
    const root = join(tempDir('boundary'), 'plugins');
    mkdirSync(join(root, 'collectors', 'feed'), { recursive: true });
    writeFileSync(
      join(root, 'collectors', 'feed', 'collector.ts'),
      [
        "import { UsageError, type CollectorPlugin } from 'mmsoc-bench';",
        "import { MMSOC_TOPICS } from '../../tasks/topics.js';",
        "import { BenchError } from '../../../core/errors.js';",
        "import type { Clock } from '../../../core/services/clock.js';",
      ].join('\n'),
    );
    expect(importsLeaving(root)).toEqual([
      `${join('collectors', 'feed', 'collector.ts')}: ../../../core/errors.js`,
      `${join('collectors', 'feed', 'collector.ts')}: ../../../core/services/clock.js`,
    ]);
  });

  it('the check finds static, re-exported and dynamic imports that leave the folder', () => {
    const root = join(tempDir('boundary'), 'plugins');
    mkdirSync(join(root, 'tasks'), { recursive: true });
    writeFileSync(
      join(root, 'tasks', 'a.ts'),
      [
        "import { z } from 'mmsoc-bench';",
        "import { b } from './b.js';",
        "import { metric } from '../metrics/m.js';",
        "import { parseChoice } from '../../core/tasks/parse-choice.js';",
        "export { x } from '../../core/registry/registry.js';",
        "const lazy = await import('../../core/index.js');",
        "import '../../core/side-effect.js';",
      ].join('\n'),
    );
    expect(importsLeaving(root)).toEqual([
      `${join('tasks', 'a.ts')}: ../../core/tasks/parse-choice.js`,
      `${join('tasks', 'a.ts')}: ../../core/registry/registry.js`,
      `${join('tasks', 'a.ts')}: ../../core/index.js`,
      `${join('tasks', 'a.ts')}: ../../core/side-effect.js`,
    ]);
  });
});
