export declare const repoRoot: string;
export declare function manifestOf(folder: string): { name: string; version: string; private?: boolean };
export declare const PUBLISHABLE: string[];
