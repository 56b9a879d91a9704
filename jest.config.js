/** jest + ts-jest in ESM mode; npm scripts run it on Node 24 (the node@24 devDependency). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 60000,
  maxWorkers: 2,
  // Lists every skipped test and why at the end of the run.
  reporters: ['default', '<rootDir>/test/helpers/skip-reporter.mjs'],
};
