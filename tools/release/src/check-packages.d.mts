export declare const PUBLISHABLE: string[];
export declare function checkPackage(name: string): Promise<{
  name: string;
  tarball: string;
  files: number;
  listing: string[];
  publint: string[];
  attw: string[];
  workspaceRanges: string[];
}>;
