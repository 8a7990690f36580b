/**
 * 3. Refresh and sign-in through Next.js, against `next start` on loopback, loaded by autocannon
 * from this process, beside the raw argon2id verification they are compared with.
 */
import { availableParallelism } from "node:os";
import { BENCH_PASSWORD } from "./seed";
import { BARE, BARE_WITHOUT_PROXY, rowsOf, warmUp, type HttpBenchOptions } from "./http-bench";
import { credentialsBody, load, RefreshPool, signInHeaders, signInOrUp } from "./http-load";
import type { NextServer } from "./next-server";
import { hashingLimit, threadPoolSize } from "../lib/auth/hashing-queue";
import type { Section, Target } from "./report";
import { concurrentRate, cpuMsPerOp, interleave, medianRate, ratioOf, type Measure } from "./stats";

/**
 * `bareServer`: the build without proxy.ts on the same database, whose bare handler is the
 * reference for refresh and sign-in. Their paths (/api/auth/*) skip proxy.ts, and the bare
 * handler measured through it would flatter them by the proxy's cost.
 * `eddsaServer`: the same build with `signingAlgorithm: "EdDSA"`, on a database of its own, whose
 * refresh shows what the RS256 signature costs a refresh under load.
 */
export async function runAuthFlowBench(
  server: NextServer,
  database: string,
  options: HttpBenchOptions,
  bareServer?: NextServer,
  eddsaServer?: NextServer,
): Promise<Section> {
  const email = `flows-${database.toLowerCase()}@bench.example`;
  // The user must exist before the sign-in load starts.
  await signInOrUp(server.origin, email, BENCH_PASSWORD);
  const pool = new RefreshPool(server.origin, email, BENCH_PASSWORD);
  if (eddsaServer) await signInOrUp(eddsaServer.origin, email, BENCH_PASSWORD);
  const eddsaPool = eddsaServer && new RefreshPool(eddsaServer.origin, email, BENCH_PASSWORD);
  const argon2 = await import("@node-rs/argon2");
  const { hashPassword } = await import("../lib/auth/emailpassword/password-hash");
  const hash = await hashPassword(BENCH_PASSWORD);

  const REFRESH = `POST /session/refresh (${database})`;
  const SIGNIN = `POST /signin (${database})`;
  const ARGON = "argon2id verify, raw (@node-rs/argon2, same concurrency)";
  const SIGNIN_1 = `POST /signin (${database}), 1 connection`;
  const ARGON_1 = "argon2id verify, raw, 1 in flight";
  const REFRESH_EDDSA = `POST /session/refresh (${database}), EdDSA-signed access tokens`;
  const REFRESH_1 = `POST /session/refresh (${database}), 1 connection`;
  const REFRESH_BESIDE = `POST /session/refresh (${database}), 1 connection, beside ${options.connections} sign-ins in flight`;
  const JWKS = "GET /api/auth/jwt/jwks.json (the auth API's route, no engine work)";
  const BARE_REF = bareServer ? BARE_WITHOUT_PROXY : BARE;
  const BARE_1 = `${BARE_REF}, 1 connection`;
  const bareOrigin = (bareServer ?? server).origin;
  const barePid = (bareServer ?? server).pid;
  const { connections } = options;
  const signInLoad = (c: number, seconds: number) =>
    load({
      origin: server.origin,
      path: "/api/auth/signin",
      method: "POST",
      headers: signInHeaders(server.origin),
      body: credentialsBody(email, BENCH_PASSWORD),
      connections: c,
      seconds,
      serverPid: server.pid,
    });
  // Each request presents the token the previous refresh of its session returned.
  // `cpuOf` null: no CPU reading (a load beside another one would count the other's work too).
  const refreshLoad = async (target: NextServer, sessions: RefreshPool, seconds: number, c = connections, cpuOf: NextServer | null = target) => {
    await sessions.topUp(2 * c);
    return load({
      origin: target.origin,
      path: "/api/auth/session/refresh",
      connections: c,
      seconds,
      requests: sessions.requests(),
      serverPid: cpuOf?.pid,
    });
  };
  const cases = (seconds: number): Record<string, Measure> => ({
    [BARE_REF]: () => load({ origin: bareOrigin, path: "/api/health", connections, seconds, serverPid: barePid }),
    // For comparison: the same handler through proxy.ts.
    ...(bareServer && { [BARE]: () => load({ origin: server.origin, path: "/api/health", connections, seconds }) }),
    [REFRESH]: () => refreshLoad(server, pool, seconds),
    [SIGNIN]: () => signInLoad(connections, seconds),
    // The same password check the sign-in endpoint runs, with as many in flight as connections.
    [ARGON]: () => concurrentRate(() => argon2.verify(hash, BENCH_PASSWORD), connections, seconds * 1000),
    // One at a time: the latency difference is sign-in's fixed cost beyond the hash.
    [SIGNIN_1]: () => signInLoad(1, seconds),
    [ARGON_1]: () => concurrentRate(() => argon2.verify(hash, BENCH_PASSWORD), 1, seconds * 1000),
    // What Next alone costs one request at a time: the floor under any sign-in's latency.
    [BARE_1]: () => load({ origin: bareOrigin, path: "/api/health", connections: 1, seconds }),
    // What every auth endpoint carries before its own work: Next's catch-all route and the dispatch.
    [JWKS]: () => load({ origin: server.origin, path: "/api/auth/jwt/jwks.json", connections, seconds, serverPid: server.pid }),
    // One refresh at a time, alone and while sign-ins keep the thread pool's hashing turns busy:
    // what a burst of sign-ins (or a credential-stuffing run) does to the sessions already in.
    [REFRESH_1]: () => refreshLoad(server, pool, seconds, 1),
    [REFRESH_BESIDE]: async () => (await Promise.all([refreshLoad(server, pool, seconds, 1, null), signInLoad(connections, seconds)]))[0],
    // The same refresh with a signature that costs tens of microseconds in place.
    ...(eddsaServer && eddsaPool && { [REFRESH_EDDSA]: () => refreshLoad(eddsaServer, eddsaPool, seconds) }),
  });
  await warmUp(cases(1));
  const samples = await interleave(cases(options.seconds), options.rounds, (r, name) =>
    options.log(`auth flows (${database}): round ${r + 1}/${options.rounds} ${name}`),
  );
  const rows = rowsOf(samples, {
    [REFRESH]: BARE_REF,
    [REFRESH_EDDSA]: REFRESH,
    [REFRESH_BESIDE]: REFRESH_1,
    [JWKS]: BARE_REF,
    [SIGNIN]: ARGON,
    [SIGNIN_1]: ARGON_1,
    [BARE_1]: ARGON_1,
    [BARE]: bareServer && BARE_REF,
  });
  for (const row of rows) if (row.name.startsWith("argon2id")) row.unit = "ops/s";
  const refreshRatio = ratioOf(samples[REFRESH], samples[BARE_REF]);
  const signInRatio = ratioOf(samples[SIGNIN], samples[ARGON]);
  const refreshWhy =
    "a refresh is a bare request plus the engine's work: the compare-and-swap and the read of the session with its claims' facts (one statement on PostgreSQL, UPDATE … RETURNING joined to the claims, and on SQLite, the claims from a subquery of its RETURNING; two on MariaDB), plain SQL through Prisma, and a new RS256 signature on the thread pool. Section 4's \"refresh @ 1k users\" measures the engine work alone (one at a time, no HTTP); under 10 connections it competes with Next's request handling for the 2 cores.";
  const signInWhy =
    "with OWASP's parameters one argon2id verification takes only about 12 ms of one core here, so the fixed work around it weighs: Next's request handling of a POST, the account read with the claims' facts, the session and audit rows (one statement on PostgreSQL, one transaction elsewhere, plain SQL) and the RS256 signature (about 0.4 ms). The 1-connection rows show it as latency; under 10 connections that work competes with the hashes for the 2 cores.";
  // The best a sign-in could do at one connection if it cost nothing beyond the hash and a bare
  // GET: one hash plus one bare request, one after the other.
  const [argonMs, bareMs, signInMs] = [ARGON_1, BARE_1, SIGNIN_1].map((name) => 1000 / medianRate(samples[name]));
  const floor =
    `At one connection, in this run: raw argon2id ${argonMs.toFixed(1)} ms, a bare GET through Next ${bareMs.toFixed(1)} ms, a sign-in ${signInMs.toFixed(1)} ms. ` +
    `A sign-in that cost nothing but the hash and a bare request would take ${(argonMs + bareMs).toFixed(1)} ms, ${(argonMs / (argonMs + bareMs)).toFixed(2)}× of raw argon2id; ` +
    `the engine's own work and the POST's body and cookies are the remaining ${Math.max(0, signInMs - argonMs - bareMs).toFixed(1)} ms.`;
  // At ten connections every core is busy, so costs add up as CPU time per request rather than
  // as latency: the hash's, and the bare request's (Next's and the load generator's, which runs
  // on the same cores).
  const [argonRate, bareRate, signInRate] = [ARGON, BARE_REF, SIGNIN].map((name) => medianRate(samples[name]));
  const floorAtLoad =
    `At ${connections} connections, in this run: raw argon2id ${argonRate.toFixed(1)} ops/s, a bare GET ${bareRate.toFixed(0)} req/s, a sign-in ${signInRate.toFixed(1)} req/s. ` +
    `With the cores busy, a sign-in that cost nothing but the hash and a bare request would run at ${(1 / (1 / argonRate + 1 / bareRate)).toFixed(1)} req/s, ` +
    `${(bareRate / (argonRate + bareRate)).toFixed(2)}× of raw argon2id: the ceiling of the ${connections}-connection ratio on this machine.`;
  // Measured rather than reckoned: under load the pool's RSA work overlaps the main thread's,
  // so adding up CPU times overstates what the signature costs.
  const refreshParts =
    `In this run the auth API's own route with no engine work (the JWKS) ran at ${ratioOf(samples[JWKS], samples[BARE_REF]).toFixed(2)}× of the bare handler, ` +
    `and a refresh at ${ratioOf(samples[REFRESH], samples[JWKS]).toFixed(2)}× of that route: the engine's work and the three tokens' headers.` +
    (samples[REFRESH_EDDSA]
      ? ` The same refresh with EdDSA-signed access tokens (signingAlgorithm "EdDSA": an Ed25519 signature is tens of microseconds, in place, against about half a millisecond of RSA on the thread pool) ran at ${ratioOf(samples[REFRESH_EDDSA], samples[REFRESH]).toFixed(2)}× the RS256 refresh: what the RS256 signature costs a refresh under load.`
      : "");
  // Throughput ratios swing with what else the machine runs; CPU per request holds stiller, and
  // once every core is busy it bounds the ratio.
  const cpuMs = (name: string) => cpuMsPerOp(samples[name]);
  const [bareCpu, jwksCpu, refreshCpu, signInCpu, argonCpu] = [BARE_REF, JWKS, REFRESH, SIGNIN, ARGON].map(cpuMs);
  const cpuNote = Number.isFinite(signInCpu * argonCpu * refreshCpu * bareCpu)
    ? `CPU time per request in the server process, median over the rounds at ${connections} connections: a bare GET ${bareCpu.toFixed(2)} ms, the JWKS route ${jwksCpu.toFixed(2)} ms, a refresh ${refreshCpu.toFixed(2)} ms${Number.isFinite(cpuMs(REFRESH_EDDSA)) ? ` (${cpuMs(REFRESH_EDDSA).toFixed(2)} ms with EdDSA-signed tokens)` : ""}, a sign-in ${signInCpu.toFixed(1)} ms; one raw argon2id verification ${argonCpu.toFixed(1)} ms (this process)${database === "SQLite" ? "" : `; ${database}'s own CPU is not in these`}. ` +
      `With every core busy a rate follows CPU per request, so the ${connections}-connection ratios cannot pass the inverse ratio of CPU (less the load generator's share): sign-in ÷ raw argon2id ${(argonCpu / signInCpu).toFixed(2)}×, refresh ÷ bare ${(bareCpu / refreshCpu).toFixed(2)}×. ` +
      `A sign-in costs ${(signInCpu - argonCpu).toFixed(1)} ms of CPU beyond the hash, a refresh ${(refreshCpu - jwksCpu).toFixed(2)} ms beyond the JWKS route.`
    : undefined;
  const p50 = (name: string) => rows.find((row) => row.name === name)?.p50;
  const besideNote =
    `One refresh at a time beside ${connections} sign-ins in flight ran at ${ratioOf(samples[REFRESH_BESIDE], samples[REFRESH_1]).toFixed(2)}× its rate alone (p50 ${p50(REFRESH_BESIDE)} ms against ${p50(REFRESH_1)} ms). ` +
    `Password hashes hold at most ${hashingLimit()} of libuv's ${threadPoolSize()} threads at once (lib/auth/hashing-queue.ts), so a refresh's ${database === "SQLite" ? "commit sync and RS256 signature, which run on the same pool, do not" : "RS256 signature, which runs on the same pool, does not"} queue behind them; what is left is sharing the machine's ${availableParallelism()} cores with the hashes.`;
  const targets: Target[] = [
    {
      label: `refresh ÷ bare handler (${database}${bareServer ? ", neither through proxy.ts" : ", the bare one through proxy.ts"})`,
      ratio: refreshRatio,
      target: database === "SQLite" ? 0.7 : 0.6,
      whyMissed: refreshWhy,
    },
    {
      label: `sign-in ÷ raw argon2id verify (${database}, 1 connection)`,
      ratio: ratioOf(samples[SIGNIN_1], samples[ARGON_1]),
      target: 0.85,
      whyMissed: signInWhy,
    },
    { label: `sign-in ÷ raw argon2id verify (${database}, ${connections} connections)`, ratio: signInRatio, target: 0.8, whyMissed: signInWhy },
  ];
  const bareNote = bareServer
    ? `The bare handler these are compared with is the build without proxy.ts (bench/proxy-variants.ts) on the same database, since /api/auth/* skips proxy.ts (its matcher) and /api/health does not; the same handler through proxy.ts ran at ${ratioOf(samples[BARE], samples[BARE_REF]).toFixed(2)}× its rate here, and would flatter refresh by as much.`
    : "The bare handler here runs through proxy.ts, which /api/auth/* skips: the proxy variants were not built, so refresh's ratio is flattered by the proxy's cost.";
  const statements =
    "Statements per request, counted on SQLite, PostgreSQL and MariaDB by lib/http/round-trips.db.test.ts (which fails when one is added): refresh 1 on SQLite and PostgreSQL, 2 on MariaDB (was 5); sign-in 3 on SQLite and MariaDB, its two INSERTs in one transaction, and 2 on PostgreSQL, the two INSERTs in one statement (was 6, 8 on MariaDB).";
  return {
    id: `flows-${database.toLowerCase()}`,
    title: `3. Refresh and sign-in (${database}, ${connections} connections)`,
    rows,
    targets,
    notes: [
      ...(database === "SQLite"
        ? [
            "Refresh runs in header mode (`Authorization: Bearer <refresh token>`), each request presenting the token the previous refresh of its session returned: every request rotates a token and signs a new access token.",
            "Sign-in signs the same user in again and again: each request verifies the argon2id hash (OWASP parameters, m=19 MiB, t=2) and creates a session.",
          ]
        : [`The same measurements on ${database}.`]),
      bareNote,
      statements,
      floor,
      floorAtLoad,
      refreshParts,
      besideNote,
      ...(cpuNote ? [cpuNote] : []),
    ],
  };
}
