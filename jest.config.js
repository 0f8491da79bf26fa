/** Tests run on the compiled output (`npm run build:server` first), the same code production runs. */
module.exports = {
  rootDir: 'dist/tests',
  testMatch: ['**/*.test.js'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 60000,
  // Two files at a time: each has its own database cloned from the template, and the run takes half as long.
  maxWorkers: 2,
};
