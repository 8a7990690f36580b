export function securityHeaders(options?: { appOrigin?: string }): { key: string; value: string }[];
export declare const NO_CONTENT_POLICY: string;
export function contentSecurityPolicy(options: { nonce: string; dev?: boolean }): string;
export declare const NO_REFERRER_PAGES: string[];
export function isNoReferrerPage(path: string): boolean;
