export declare function isolatedTestFiles(root: string, dirs: string[]): string[];
