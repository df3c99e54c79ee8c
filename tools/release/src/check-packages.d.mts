export { PUBLISHABLE } from './publishable.mjs';
export interface PackageCheck {
  name: string;
  tarball: string;
  files: number;
  listing: string[];
  publint: string[];
  attw: string[];
  workspaceRanges: string[];
}
export declare function checkTarball(folder: string, tarball: string): Promise<PackageCheck>;
export declare function checkPackages(folders?: string[]): Promise<PackageCheck[]>;
