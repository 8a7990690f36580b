/**
 * 5. Cold start: from spawning `next start` to the first answered request, each from a fresh
 * process, as a serverless instance or a newly scaled-out server sees it. Three cases per round:
 * Next alone (the bare /api/health handler), a `withSession`-protected handler with a valid
 * access token, and a sign-in. The request is retried every few ms until the port listens, so
 * what is measured is process start + Next's boot + the app's start-up work + the first request.
 */
import { performance } from "node:perf_hooks";
import { BENCH_PASSWORD } from "./seed";
import { credentialsBody, signInHeaders, signInOrUp } from "./http-load";
import { findFreePort, spawnNext, startNext } from "./next-server";
import type { Row, Section } from "./report";
import { interleave, median, ratioOf, type Sample } from "./stats";

const NEXT_ALONE = "first answer, bare handler: GET /api/health (Next alone)";
const PROTECTED = "first answer, protected: GET /api/me (withSession)";
const SIGN_IN = "first sign-in: POST /api/auth/signin (argon2id verify)";

/** ms from spawning the process to the first answer `accept` approves; the process is stopped. */
async function coldStart(
  port: number,
  databaseUrl: string,
  request: (origin: string) => Promise<Response>,
  accept: (response: Response) => Promise<boolean>,
): Promise<Sample> {
  const started = performance.now();
  const server = spawnNext({ port, databaseUrl });
  try {
    const deadline = started + 120_000;
    while (performance.now() < deadline && server.child.exitCode === null) {
      let response: Response;
      try {
        response = await request(server.origin);
      } catch {
        await new Promise((r) => setTimeout(r, 5)); // not listening yet
        continue;
      }
      const ms = performance.now() - started;
      return { rate: ms, failures: (await accept(response)) ? 0 : 1 };
    }
    throw new Error(`next start on port ${port} never answered: ${server.output().slice(-1000)}`);
  } finally {
    await server.stop(0);
  }
}

export async function runColdStartBench(options: {
  databaseUrl: string;
  port: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<Section> {
  // The token and the user come from an earlier process on the same port (the issuer names it)
  // and database: a cold instance meets sessions it did not create.
  const port = await findFreePort(options.port);
  const email = "coldstart@bench.example";
  const warm = await startNext({ port, databaseUrl: options.databaseUrl, log: options.log });
  let accessToken: string;
  try {
    ({ accessToken } = await signInOrUp(warm.origin, email, BENCH_PASSWORD));
  } finally {
    await warm.stop();
  }
  const ok = async (response: Response) => response.ok && (await response.text()).length > 0;
  const cases = {
    [NEXT_ALONE]: () => coldStart(port, options.databaseUrl, (origin) => fetch(`${origin}/api/health`), ok),
    [PROTECTED]: () =>
      coldStart(port, options.databaseUrl, (origin) => fetch(`${origin}/api/me`, { headers: { cookie: `sAccessToken=${accessToken}` } }), ok),
    [SIGN_IN]: () =>
      coldStart(
        port,
        options.databaseUrl,
        (origin) =>
          fetch(`${origin}/api/auth/signin`, { method: "POST", headers: signInHeaders(origin), body: credentialsBody(email, BENCH_PASSWORD) }),
        async (response) => response.ok && ((await response.json()) as { status?: string }).status === "OK",
      ),
  };
  const samples = await interleave(cases, options.rounds, (r, name) => options.log(`cold start: round ${r + 1}/${options.rounds} ${name}`));
  const rows: Row[] = Object.keys(cases).map((name) => {
    const reference = name === NEXT_ALONE ? undefined : NEXT_ALONE;
    return {
      name,
      rate: median(samples[name].map((s) => s.rate)),
      unit: "ms",
      reference,
      ratio: reference ? ratioOf(samples[name], samples[reference]) : undefined,
      failures: samples[name].reduce((sum, s) => sum + (s.failures ?? 0), 0),
    };
  });
  const extra = (name: string) => median(samples[name].map((s, i) => s.rate - samples[NEXT_ALONE][i].rate));
  return {
    id: "cold-start",
    title: "5. Cold start (a fresh `next start` process per measurement, SQLite)",
    rows,
    targets: [],
    notes: [
      "Time, not a rate: milliseconds from spawning `next start` to the first answer, median over the rounds, each from a new process; the ratio is the per-round ratio to Next alone (lower is better). Absolute figures move with the machine's load and are reported, not judged.",
      `Beyond Next's own start, Gatehouse adds a median ${Math.round(extra(PROTECTED))} ms to the first protected answer (the engine's modules, the signing keys read from the database on first use, one verification) and ${Math.round(extra(SIGN_IN))} ms to the first sign-in (also the argon2 binding, loaded on first use, one argon2id verification, the session insert and a signature).`,
      "Loaded on first use, not at start: the argon2 binding (`@node-rs/argon2`), the OIDC client (`openid-client`), the mailer (`nodemailer`), the signing keys and the database driver.",
    ],
  };
}
