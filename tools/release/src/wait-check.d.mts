export const MAX_WAIT_MS: number;
export interface WaitFinding {
  line: number;
  text: string;
  why: string;
}
export function findWaits(source: string): WaitFinding[];
export function testKindFiles(root: string, exempt?: string[]): string[];
export function checkTestKind(root: string, exempt?: string[]): Array<WaitFinding & { file: string }>;
