/**
 * 2. Protected routes through Next.js, against `next start` on loopback, loaded by autocannon
 * from this process (the server is another process); bench/flows-bench.ts is section 3.
 */
import { BENCH_PASSWORD } from "./seed";
import { load, signInOrUp } from "./http-load";
import type { NextServer } from "./next-server";
import type { Row, Section, Target } from "./report";
import { cpuMsPerOp, interleave, medianRate, ratioOf, type Measure, type Sample } from "./stats";

export interface HttpBenchOptions {
  rounds: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

export const BARE = "bare route handler: GET /api/health";
const HOME_SIGNED_IN = "server component page with a session: GET /";
const HOME_SIGNED_OUT = "the same page without a session: GET /";
const PAGE_WITHOUT_PROXY = "the same page without a session, built without proxy.ts: GET /";
const PAGE_PASS_THROUGH = "the same page without a session, with a pass-through proxy.ts: GET /";
export const BARE_WITHOUT_PROXY = "bare route handler, built without proxy.ts: GET /api/health";

/** The app built twice more (bench/proxy-variants.ts), started on the same database. */
export interface ProxyVariantServers {
  withoutProxy: NextServer;
  passThroughProxy: NextServer;
}

export function rowsOf(samples: Record<string, Sample[]>, references: Record<string, string | undefined>, unit: Row["unit"] = "req/s"): Row[] {
  return Object.keys(samples).map((name) => {
    const reference = references[name];
    const s = samples[name];
    const mid = (pick: (x: Sample) => number | undefined) => {
      const values = s
        .map(pick)
        .filter((v): v is number => v !== undefined)
        .sort((a, b) => a - b);
      return values.length ? values[values.length >> 1] : undefined;
    };
    return {
      name,
      rate: medianRate(s),
      unit,
      p50: mid((x) => x.p50),
      p99: mid((x) => x.p99),
      reference,
      ratio: reference ? ratioOf(s, samples[reference]) : undefined,
      failures: s.reduce((sum, x) => sum + (x.failures ?? 0), 0),
    };
  });
}

export async function warmUp(cases: Record<string, Measure>): Promise<void> {
  for (const measure of Object.values(cases)) await measure();
}

export async function runRouteBench(server: NextServer, options: HttpBenchOptions, variants?: ProxyVariantServers): Promise<Section> {
  const { accessToken } = await signInOrUp(server.origin, "routes@bench.example", BENCH_PASSWORD);
  const cookie = `sAccessToken=${accessToken}`;
  const get = (path: string, seconds: number) => () =>
    load({ origin: server.origin, path, headers: { cookie }, connections: options.connections, seconds, serverPid: server.pid });
  const getFrom = (variant: NextServer, path: string, seconds: number) => () =>
    load({ origin: variant.origin, path, connections: options.connections, seconds, serverPid: variant.pid });
  const getSignedOut = (path: string, seconds: number) => getFrom(server, path, seconds);
  const paths: Record<string, string> = {
    [BARE]: "/api/health",
    "withSession route handler: GET /api/me": "/api/me",
    "withSession + checkDatabase: GET /api/me/live": "/api/me/live",
    "server component page: GET /dashboard": "/dashboard",
    "proxy.ts-protected page: GET /examples/protected": "/examples/protected",
    [HOME_SIGNED_IN]: "/",
  };
  const entries = Object.entries(paths);
  const measures = (seconds: number) => ({
    ...Object.fromEntries(entries.map(([name, path]) => [name, get(path, seconds)])),
    // The same page, the same render, without the cookie: what a session costs a page.
    [HOME_SIGNED_OUT]: getSignedOut("/", seconds),
    // The same page and handler where proxy.ts is absent, or does nothing: what the proxy costs.
    ...(variants && {
      [PAGE_WITHOUT_PROXY]: getFrom(variants.withoutProxy, "/", seconds),
      [PAGE_PASS_THROUGH]: getFrom(variants.passThroughProxy, "/", seconds),
      [BARE_WITHOUT_PROXY]: getFrom(variants.withoutProxy, "/api/health", seconds),
    }),
  });
  await warmUp(measures(1));
  const cases = measures(options.seconds);
  const samples = await interleave(cases, options.rounds, (r, name) => options.log(`routes: round ${r + 1}/${options.rounds} ${name}`));
  const referenceOf: Record<string, string | undefined> = {
    [BARE]: undefined,
    [HOME_SIGNED_IN]: HOME_SIGNED_OUT,
    [PAGE_WITHOUT_PROXY]: BARE_WITHOUT_PROXY,
    [PAGE_PASS_THROUGH]: PAGE_WITHOUT_PROXY,
    [BARE_WITHOUT_PROXY]: BARE,
  };
  const references = Object.fromEntries(Object.keys(cases).map((name) => [name, name in referenceOf ? referenceOf[name] : BARE]));
  const rows = rowsOf(samples, references);
  const proxyVsPage = ratioOf(samples["proxy.ts-protected page: GET /examples/protected"], samples["server component page: GET /dashboard"]);
  const targets: Target[] = [
    ...(variants ? [proxyTarget(samples)] : []),
    {
      label: "server-component page with a session ÷ the same page without one",
      ratio: ratioOf(samples[HOME_SIGNED_IN], samples[HOME_SIGNED_OUT]),
      target: 0.97,
      whyMissed:
        "the home page's header (app/site-header.tsx, lib/next/signed-in-user.ts) greets a signed-in user by email and lists their organizations, neither of which is in the access token: one read per page view with a session (the user and their organizations in one plain-SQL statement, where there were two), and it renders a client component (the sign-out button) that the signed-out header lacks. Verification itself is a cache hit. A CPU profile of the signed-in page put the reads (Prisma, its SQLite adapter and better-sqlite3) at about 7% of the page's CPU, and the header's larger render and its garbage at most of the rest; with the reads stubbed out, the page measured 0.90–0.97× here (2026-12-03).",
    },
    {
      label: "protected route handler (withSession) ÷ bare handler",
      ratio: ratioOf(samples["withSession route handler: GET /api/me"], samples[BARE]),
      target: 0.95,
      whyMissed:
        "withSession does more than verify: it reads the configured cookie from the Request, builds the request's audit scope and the session object, and waits for the request's audit writes (none here). Verification itself is a cache hit after the first request, and the revocation check a plain boolean (its sync starts ahead, in the background). On a machine this loaded the bare handler measured against itself moves by about ±0.1.",
    },
  ];
  return {
    id: "routes",
    title: `2. Through Next.js (next start, SQLite, ${options.connections} connections)`,
    rows,
    targets,
    notes: [
      "Every request carries the same access-token cookie, as a browser does, so after the first request verification is a cache hit: the steady state of a real session.",
      "Ratios within about ±0.1 of 1 are noise on this kind of machine: the bare handler measured against itself in the same way varies that much, which is also why a protected handler can come out above 1×.",
      "The pages render HTML through React server components, which costs far more than any JSON handler; their ratio to the bare handler measures rendering, not the session check.",
      `The proxy.ts-protected page is verified twice (in proxy.ts, then by the page) and renders a smaller card than /dashboard; it runs at ${proxyVsPage.toFixed(2)}× /dashboard's rate.`,
      ...(variants ? proxyNotes(samples) : ["proxy.ts's own cost was not measured in this run (its two extra builds failed)."]),
      ...cpuNotes(samples),
    ],
  };
}

/**
 * What proxy.ts costs a page that needs no session, split in two: Next's own cost of running any
 * proxy (a pass-through proxy.ts with the same matcher, against the build without one) and
 * Gatehouse's proxy beyond that (the page as built, against the pass-through).
 */
function proxyTarget(samples: Record<string, Sample[]>): Target {
  const next = ratioOf(samples[PAGE_PASS_THROUGH], samples[PAGE_WITHOUT_PROXY]);
  const ours = ratioOf(samples[HOME_SIGNED_OUT], samples[PAGE_PASS_THROUGH]);
  return {
    label: "page through proxy.ts, no session needed ÷ the same page built without proxy.ts",
    ratio: ratioOf(samples[HOME_SIGNED_OUT], samples[PAGE_WITHOUT_PROXY]),
    target: 0.97,
    whyMissed:
      `Next's own cost of running a proxy at all (a pass-through proxy.ts with the same matcher: ${next.toFixed(2)}× the page without one) and ${oursBeyond(ours)}. ` +
      "Every page needs the proxy, not for the session (this one asks for none) but for its Content-Security-Policy: a nonce per request, which Next learns only from a request header the proxy sets, so the proxy forwards the request's headers with it (Next then carries each as an x-middleware-request-* header). " +
      "The build without proxy.ts serves the page with no Content-Security-Policy at all; the base paths would not be routed either.",
  };
}

/** Gatehouse's share beside Next's; above 1× there is none to name, only the noise between the two builds. */
export function oursBeyond(ours: number): string {
  return ours < 1
    ? `Gatehouse's proxy beyond that (${ours.toFixed(2)}× the pass-through)`
    : `no measurable cost of Gatehouse's proxy beyond that (the page as built ran at ${ours.toFixed(2)}× the pass-through, which does less: the noise between two builds)`;
}

function proxyNotes(samples: Record<string, Sample[]>): string[] {
  const bare = ratioOf(samples[BARE], samples[BARE_WITHOUT_PROXY]);
  return [
    "The rows built without proxy.ts, or with a pass-through proxy.ts (bench/proxy-variants.ts), are the same app from a copy of the working tree, started on the same database and measured in the same rounds.",
    `The bare route handler runs through proxy.ts too (the matcher skips only the auth API, Next's files and the favicon): through it, it runs at ${bare.toFixed(2)}× its rate without proxy.ts.`,
  ];
}

/**
 * The targets' cases as CPU time per request in the server process: with every core busy a rate
 * follows it, and it moves less than a rate with what else the machine runs.
 */
function cpuNotes(samples: Record<string, Sample[]>): string[] {
  const ms = (name: string) => cpuMsPerOp(samples[name]);
  const pairs: [string, string, string][] = [
    ["the page through proxy.ts ÷ built without it", HOME_SIGNED_OUT, PAGE_WITHOUT_PROXY],
    ["the page with a session ÷ without one", HOME_SIGNED_IN, HOME_SIGNED_OUT],
    ["withSession ÷ bare", "withSession route handler: GET /api/me", BARE],
  ];
  const shown = pairs.filter(([, a, b]) => Number.isFinite(ms(a) * ms(b)));
  if (shown.length === 0) return [];
  const parts = shown.map(([label, a, b]) => `${label} ${ms(a).toFixed(2)} ms against ${ms(b).toFixed(2)} ms, ${(ms(b) / ms(a)).toFixed(2)}×`);
  return [
    `CPU time per request in the server process, median over the rounds (the inverse ratio, as a rate would show it once the cores are busy): ${parts.join("; ")}.`,
  ];
}
