import type { ScaffoldSpec } from './spec.js';

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * The plugin's package.json. It ships its TypeScript sources: mmsoc-bench loads plugins through tsx,
 * so there is no build output to keep in step. `mmsocBench.plugin` is what discovery looks for.
 */
export function packageJson(spec: ScaffoldSpec): string {
  return json({
    name: spec.name,
    version: '0.1.0',
    description:
      spec.kind === 'collector'
        ? `mmsoc-bench plugin: collector ${spec.ids.collector}`
        : `mmsoc-bench plugin: task ${spec.ids.task}, model ${spec.ids.model}, metric ${spec.ids.metric}`,
    type: 'module',
    license: 'MIT',
    keywords: ['mmsoc-bench', 'mmsoc-bench-plugin'],
    exports: { '.': './src/index.ts' },
    files: ['src', 'data'],
    mmsocBench: { plugin: './src/index.ts' },
    scripts: {
      typecheck: 'tsc --noEmit -p .',
      test: 'node --import tsx --test test/*.test.ts',
      prepublishOnly: 'npm run typecheck && npm test',
    },
    engines: { node: spec.versions.node },
    peerDependencies: { 'mmsoc-bench': `^${spec.versions.bench}` },
    devDependencies: {
      '@types/node': spec.versions.typesNode,
      tsx: spec.versions.tsx,
      typescript: spec.versions.typescript,
    },
  });
}

/** Compiler options of mmsoc-bench itself: the plugin type-checks mmsoc-bench's sources along with its own. */
export function tsconfigJson(): string {
  return json({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      noEmit: true,
    },
    include: ['src', 'test'],
  });
}

export function gitignore(): string {
  return 'node_modules/\n*.tgz\n';
}
