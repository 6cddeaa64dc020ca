/** ts-jest in ESM mode; sources import siblings with `.js` suffixes (NodeNext), mapped back to `.ts`. */
export default {
  testEnvironment: 'node',
  // `mmsoc-bench` imported by the built-in plugins resolves to the sources under test, not to dist/.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'mmsoc-bench-source'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup/seeded-properties.ts'],
  testTimeout: 60_000,
};
