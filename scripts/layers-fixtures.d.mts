export function layersFixtureDir(pid?: number): string;
export function removeAbandonedLayersFixtures(root: string): string[];
