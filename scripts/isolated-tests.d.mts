export declare function isolatedTestFiles(root: string, dirs: string[], kind?: "unit" | "db"): string[];
