/** Runs once when a Next.js server starts (Node.js runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartup, seedConfiguredRoles } = await import("./lib/startup-check");
    await checkStartup();
    await seedConfiguredRoles();
  }
}
