export const runtime = "nodejs";
// Rendered per request: a health check must answer from the running process, not from a build-time copy.
export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers and uptime checks: answers without touching the session engine or
 * the database. The benchmarks (`npm run bench`) also use it as the bare route handler that the
 * protected handlers are compared with.
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
