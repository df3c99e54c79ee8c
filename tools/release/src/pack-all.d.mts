export declare const PACKAGES_DIR: string;
export interface PackedPackage {
  /** The package folder relative to the repo, e.g. `packages/client-core`. */
  folder: string;
  name: string;
  version: string;
  filename: string;
  files: number;
}
export declare function buildPublishable(): Promise<void>;
export declare function packAll(destination?: string, folders?: string[]): Promise<PackedPackage[]>;
