import type { HostContext } from '../../src/workflows/context';

/** A host context with a fixed clock and predictable secrets, so runs are comparable. */
export function testContext(overrides: Partial<HostContext> = {}): HostContext {
  let counter = 0;
  return {
    now: () => Date.UTC(2020, 6, 14, 1, 0, 0),
    actor: 'tester@example.org',
    randomSecret: () => `secret-${++counter}-0123456789abcdef`,
    language: 'ko',
    ...overrides,
  };
}
