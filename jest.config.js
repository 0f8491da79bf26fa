/** Tests run on the compiled output (`npm run build:server` first), the same code production runs. */
module.exports = {
  rootDir: 'dist/tests',
  testMatch: ['**/*.test.js'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 1,
};
