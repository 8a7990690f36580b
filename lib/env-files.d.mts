/** `GATEHOUSE_ENV_FILES=ignore`: the environment is final, read no `.env*` file. */
export declare const ENV_FILES_SWITCH: "GATEHOUSE_ENV_FILES";
export function envFilesIgnored(env?: Record<string, string | undefined>): boolean;
