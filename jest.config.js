/** Type checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 60000,
  // After every test: no import may have kept a phone number, e-mail, 주민등록번호 or IP in clear.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/personalDataGuard.ts'],
};
