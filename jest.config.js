/** ts-jest transpiles only (tsconfig's isolatedModules): `npm run typecheck` is the type gate. */
const transform = { '^.+\\.tsx?$': 'ts-jest' };
const base = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
    { ...base, displayName: 'resolvers', testMatch: ['<rootDir>/test/resolvers/**/*.test.ts'] },
    { ...base, displayName: 'cli', testMatch: ['<rootDir>/test/cli/**/*.test.ts'] },
    { ...base, displayName: 'preview', testMatch: ['<rootDir>/test/preview/**/*.test.ts'] },
    { ...base, displayName: 'tooling', testMatch: ['<rootDir>/test/tooling/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
