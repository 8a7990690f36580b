export declare const DEBIAN_CHROMIUMS: readonly string[];
export function systemChromium(env?: Record<string, string | undefined>, exists?: (path: string) => boolean): string | undefined;
export declare const E2E_CHROMIUM_ARGS: readonly string[];
