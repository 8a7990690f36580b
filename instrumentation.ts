/**
 * Runs once when a Next.js server starts. Configuration and the app secret are checked here,
 * so that a production deployment without GATEHOUSE_SECRET (or with a bad TTL or origin)
 * refuses to start with a clear message instead of failing on its first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { resolveConfig } = await import("./lib/auth/resolve-config");
  const { gatehouseConfig } = await import("./lib/config");
  const { loadAppSecret } = await import("./lib/dev-secret");
  try {
    resolveConfig(gatehouseConfig, process.env);
    loadAppSecret();
  } catch (error) {
    console.error(`\n[gatehouse] cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
