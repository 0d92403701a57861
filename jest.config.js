// Tests are plain CommonJS (node-cli's lint forbids node built-ins, `process` and timers in every .ts file,
// and test tooling needs them); the shipped TypeScript they exercise is transpiled by ts-jest.
// Type-checking of that TypeScript is `npm run build`'s job.
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
	setupFiles: ['<rootDir>/test/support/env.js'],
	globalSetup: '<rootDir>/test/support/globalSetup.js',
	globalTeardown: '<rootDir>/test/support/globalTeardown.js',
	testTimeout: 60_000,
	maxWorkers: 2,
};
