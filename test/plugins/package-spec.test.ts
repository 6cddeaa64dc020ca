import { describe, expect, it } from '@jest/globals';
import { parsePluginSpec } from '../../core/cli/plugins/package-spec.js';
import { tempDir } from '../fixtures/datasets.js';

describe('bench plugins add specs', () => {
  it('reads the package name from npm specs as npm does', () => {
    expect(parsePluginSpec('mmsoc-bench-plugin-x', '/')).toEqual({ kind: 'npm', name: 'mmsoc-bench-plugin-x', install: 'mmsoc-bench-plugin-x' });
    expect(parsePluginSpec('mmsoc-bench-plugin-x@^1.2.0', '/')).toMatchObject({ kind: 'npm', name: 'mmsoc-bench-plugin-x' });
    expect(parsePluginSpec('@acme/plugin@latest', '/')).toMatchObject({ kind: 'npm', name: '@acme/plugin', install: '@acme/plugin@latest' });
  });

  it('treats relative and absolute paths and tarballs as paths, resolved against the working folder', () => {
    const dir = tempDir('spec');
    expect(parsePluginSpec('./package.json', dir)).toMatchObject({ kind: 'path', install: `${dir}/package.json` });
    expect(() => parsePluginSpec('plugin-0.1.0.tgz', dir)).toThrow(`plugin path plugin-0.1.0.tgz does not exist (resolved to ${dir}/plugin-0.1.0.tgz)`);
  });

  it('refuses specs whose package name it cannot tell', () => {
    expect(() => parsePluginSpec('github:acme/plugin', '/')).toThrow(
      "cannot tell the package name of 'github:acme/plugin'; pass name[@version], a package folder or a tarball (.tgz)",
    );
  });
});
