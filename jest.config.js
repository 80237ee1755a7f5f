/**
 * Three tiers: pure unit tests, integration tests that talk HTTP to the simulator (and run
 * workflows through n8n-core), and end-to-end tests against a real n8n (`npm run test:e2e`).
 * Tooling is written as .cts so that `n8n-node lint`, which lints every .ts file with the
 * rules for shipped node code, only sees nodes/ and credentials/.
 */
const common = {
	testEnvironment: 'node',
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	resolver: '<rootDir>/test/jest.resolver.cjs',
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/.n8n-e2e/'],
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.cts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.cts', '<rootDir>/test/workflow/**/*.test.cts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/storedSecrets.cts'],
		},
		{
			...common,
			// Faults, trigger fuzz and secrets (issue 10): small by default, RELIABILITY_SIZE=full
			// (`npm run test:reliability`) for the sizes in the README.
			displayName: 'reliability',
			testMatch: ['<rootDir>/test/reliability/**/*.test.cts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/storedSecrets.cts'],
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.cts'] },
		// n8n in queue mode with PostgreSQL, Redis and nginx (issue 15): `npm run test:queue`
		// (scripts/queue/run.sh) only, never the default `npm test`.
		{ ...common, displayName: 'queue', testMatch: ['<rootDir>/test/queue/**/*.test.cts'] },
	],
};
