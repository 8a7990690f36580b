export declare const IGNORE_ENV_FILES: Readonly<{ GATEHOUSE_ENV_FILES: "ignore"; __NEXT_PROCESSED_ENV: "true" }>;
export declare const NO_DATABASE_URL: string;
export function isAppSetting(name: string): boolean;
export function hermeticEnv(
  pinned?: Record<string, string | undefined>,
  options?: { inherited?: Record<string, string | undefined>; keep?: string[] },
): NodeJS.ProcessEnv;
