// The Docker image's HEALTHCHECK: exits 0 when the server in this container answers
// /api/health (no database, no session engine: liveness only). The image has no curl, and
// Node.js's fetch does the job. PORT is the one server.js listens on.
const port = process.env.PORT || "3000";
try {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
