export declare const CONSUMER_FILES: Record<string, string>;
export interface ConsumerStep {
  command: string;
  code: number;
  output: string;
  seconds: number;
}
export declare function checkConsumer(options: {
  dir: string;
  tarballsDir?: string;
  files?: Record<string, string>;
}): Promise<{ tarballs: number; steps: ConsumerStep[]; ok: boolean }>;
