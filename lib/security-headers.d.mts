export function securityHeaders(options?: { dev?: boolean; appOrigin?: string }): { key: string; value: string }[];
