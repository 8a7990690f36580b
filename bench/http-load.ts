/**
 * HTTP load with autocannon, run from the benchmark's own process against a server in another
 * process, and the few API calls the load needs set up (sign-up, sign-in, refresh chains).
 */
import autocannon from "autocannon";
import { processCpuMs } from "./process-cpu";
import type { Sample } from "./stats";

export interface LoadOptions {
  origin: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /**
   * Stops after this many requests instead of after `seconds`: for a check that must see answers
   * however slow the machine is (a second of sign-ins on a loaded one can answer none).
   */
  amount?: number;
  /** Per-request hooks, e.g. a refresh chain that sends each response's token in the next request. */
  requests?: autocannon.Request[];
  /** The server's pid: the sample then carries its CPU time per answered request (`cpuRate`). */
  serverPid?: number;
}

export async function load(options: LoadOptions): Promise<Sample> {
  const cpuBefore = processCpuMs(options.serverPid);
  const result = await autocannon({
    url: `${options.origin}${options.path}`,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    amount: options.amount,
    requests: options.requests,
  });
  const ok = result["2xx"];
  const cpuAfter = processCpuMs(options.serverPid);
  // Requests still in flight when the load stops add their partial work unanswered: at 10 in
  // flight against hundreds answered, about 1%.
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    ...(cpuMs && { cpuRate: (ok * 1000) / cpuMs }),
    rate: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const json = (origin: string) => ({ "content-type": "application/json", origin, rid: "emailpassword", "st-auth-mode": "header" });

export function credentialsBody(email: string, password: string): string {
  return JSON.stringify({
    formFields: [
      { id: "email", value: email },
      { id: "password", value: password },
    ],
  });
}

/** Signs up (or, if the email exists, signs in) in header mode and returns the tokens. */
export async function signInOrUp(origin: string, email: string, password: string): Promise<SessionTokens> {
  for (const path of ["/api/auth/signup", "/api/auth/signin"]) {
    const response = await fetch(`${origin}${path}`, { method: "POST", headers: json(origin), body: credentialsBody(email, password) });
    const body = (await response.json()) as { status?: string };
    if (body.status === "OK") {
      return { accessToken: response.headers.get("st-access-token")!, refreshToken: response.headers.get("st-refresh-token")! };
    }
  }
  throw new Error(`bench: could not sign in ${email} at ${origin}`);
}

export function signInHeaders(origin: string): Record<string, string> {
  return json(origin);
}

/**
 * Sessions to refresh under load. A refresh token is single-use (presenting an old one again is
 * theft), so each request presents the token that the previous refresh of its session returned:
 * a connection takes a session from the free list for one request and puts it back with its new
 * token. A request still in flight when a round stops may have rotated its session without us
 * seeing the child, so that session is dropped, and `topUp` signs in new ones before each round.
 */
export class RefreshPool {
  private free: SessionTokens[] = [];
  private made = 0;

  constructor(
    private readonly origin: string,
    private readonly email: string,
    private readonly password: string,
  ) {}

  async topUp(size: number): Promise<void> {
    while (this.free.length < size) {
      this.free.push(await signInOrUp(this.origin, this.email, this.password));
      this.made++;
    }
  }

  requests(): autocannon.Request[] {
    const headers = { origin: this.origin, "st-auth-mode": "header", rid: "session" };
    return [
      {
        method: "POST",
        path: "/api/auth/session/refresh",
        setupRequest: (request, context) => {
          const session = this.free.shift();
          if (!session) throw new Error("bench: refresh pool ran dry (more connections than sessions)");
          context.session = session;
          return { ...request, headers: { ...headers, authorization: `Bearer ${session.refreshToken}` } };
        },
        onResponse: (status, _body, context, responseHeaders) => {
          const session = context.session as SessionTokens;
          const next = responseHeaders["st-refresh-token"];
          // A failed refresh leaves the session unusable for the benchmark: drop it.
          if (status !== 200 || typeof next !== "string" || !next) return;
          session.refreshToken = next;
          this.free.push(session);
        },
      },
    ];
  }
}
