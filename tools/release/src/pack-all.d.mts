export declare const PACKAGES_DIR: string;
export interface PackedPackage {
  name: string;
  version: string;
  filename: string;
  files: number;
}
export declare function packPackage(folder: string, destination: string): Promise<PackedPackage>;
export declare function buildPublishable(): Promise<void>;
export declare function packAll(destination?: string): Promise<PackedPackage[]>;
