/** The first `count` distinct lowercased entries of a ranked list, in rank order. */
export function topDistinctLowercased(ranked: unknown[], count: number): string[];
