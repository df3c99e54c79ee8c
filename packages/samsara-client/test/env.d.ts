import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    mockApis: Record<string, string>;
  }
}
