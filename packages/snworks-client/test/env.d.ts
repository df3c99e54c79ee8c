import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stateful mock (use an X-Mock-Session per test file). */
    mockUrl: string;
    mockApis: Record<string, string>;
    /** The static mock: every answer is the spec's example. */
    staticMockUrl: string;
    staticMockApis: Record<string, string>;
  }
}
