import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { importCycles, importGraph, importsLeaving } from '../plugins/import-boundary.js';
import { tempDir } from '../fixtures/datasets.js';

/** Import cycles under `root` that pass through the registry and the rest of the engine both. */
function registryCycles(root: string): string[][] {
  return importCycles(importGraph(root))
    .filter((cycle) => cycle.some(inRegistryOf(root)) && !cycle.every(inRegistryOf(root)))
    .map((cycle) => cycle.map((file) => relative(root, file)));
}

function inRegistryOf(root: string): (file: string) => boolean {
  const registry = resolve(root, 'registry') + sep;
  return (file) => file.startsWith(registry);
}

describe('the engine\'s boundaries (docs/architecture.md, "Dependencies")', () => {
  it('the registry is part of the engine (core/registry): no top-level registry/ that core and it import both ways', () => {
    expect(existsSync('registry')).toBe(false);
    expect(existsSync('core/registry/registry.ts')).toBe(true);
  });

  it('no import cycle runs through core/registry and the rest of core', () => {
    expect(registryCycles('core')).toEqual([]);
  });

  it('the cycle check finds a cycle between the registry and the rest of the engine', () => {
    const root = tempDir('boundaries');
    mkdirSync(join(root, 'registry'), { recursive: true });
    mkdirSync(join(root, 'run'), { recursive: true });
    writeFileSync(join(root, 'registry', 'registry.ts'), "import { plan } from '../run/plan.js';\nexport const registry = plan;\n");
    writeFileSync(join(root, 'run', 'plan.ts'), "import type { registry } from '../registry/registry.js';\nexport const plan = 1 as unknown as typeof registry;\n");
    writeFileSync(join(root, 'run', 'alone.ts'), 'export const alone = 1;\n');
    const cycles = registryCycles(root);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.sort()).toEqual([join('registry', 'registry.ts'), join('run', 'plan.ts')]);
  });

  it('core reaches outside itself only for the case-study commands, loaded lazily by the command table', () => {
    expect(importsLeaving('core')).toEqual([
      'cli/commands.ts: ../../casestudies/cli/export-command.js',
      'cli/commands.ts: ../../casestudies/cli/selfimprove-command.js',
    ]);
  });

  it('case studies build on the engine only: nothing from plugins/, tests or benchmarks', () => {
    const outside = importsLeaving('casestudies').filter((line) => !/: (\.\.\/)+core\//.test(line));
    expect(outside).toEqual([]);
  });
});
