/**
 * Every test runs on SQLite. When TEST_DATABASE_URL names a PostgreSQL database, the whole suite
 * runs a second time against it (each test in a database of its own), as a second project.
 */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
};

const projects = [{ ...base, displayName: 'sqlite' }];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ ...base, displayName: 'postgres', setupFiles: ['<rootDir>/test/support/use-postgres.ts'] });
}

/** @type {import('jest').Config} */
module.exports = {
  projects,
  testTimeout: 20000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
