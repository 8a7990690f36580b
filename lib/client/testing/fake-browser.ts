/**
 * Test doubles for the browser APIs lib/client uses, for vitest's node environment: a cookie
 * jar behind `document.cookie`, `navigator.locks`, `localStorage`/`sessionStorage`, `location`,
 * and a fake Gatehouse server behind `fetch`. Several "tabs" are several fresh imports of the
 * module (vi.resetModules) sharing one FakeBrowser, as real tabs share cookies and locks.
 */
import { vi } from "vitest";

export const ORIGIN = "http://app.test";

/** `document.cookie` for host-only cookies: set/expire by name, read as "a=1; b=2". */
export class FakeCookieJar {
  readonly values = new Map<string, string>();
  /** Every string assigned to document.cookie, to check the attributes written. */
  readonly writes: string[] = [];
  /** What a browser resolves a relative fetch URL against (a `<base href>` can move it off the page's origin). */
  baseURI = `${ORIGIN}/page`;

  get cookie(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  set cookie(assignment: string) {
    this.writes.push(assignment);
    const [pair, ...attributes] = assignment.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("expires="));
    const expired = expires !== undefined && new Date(expires.slice("expires=".length)).getTime() <= Date.now();
    if (expired) this.values.delete(name);
    else this.values.set(name, value);
  }
}

export class FakeStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

/** An exclusive, FIFO `navigator.locks` shared by every tab using it. Counts requests. */
export function fakeLockManager() {
  const tails = new Map<string, Promise<unknown>>();
  const manager = {
    requests: 0,
    request(name: string, optionsOrTask: unknown, maybeTask?: (lock: unknown) => Promise<unknown>) {
      manager.requests++;
      const task = (typeof optionsOrTask === "function" ? optionsOrTask : maybeTask) as (lock: unknown) => Promise<unknown>;
      const run = (tails.get(name) ?? Promise.resolve()).then(() => task({ name, mode: "exclusive" }));
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  return manager;
}

/** base64 of UTF-8 JSON, as the server's encodeFrontToken writes it. */
export function frontToken(uid: string, ate: number, up: Record<string, unknown> = {}): string {
  return Buffer.from(JSON.stringify({ uid, ate, up }), "utf8").toString("base64");
}

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * A Gatehouse server in miniature: /api/me answers 200 while the access token is fresh,
 * 401 "try refresh token" once it expired, 401 "unauthorised" without a session.
 * `refreshGate` lets a test hold refresh responses until every request has failed.
 */
export class FakeServer {
  session: { userId: string; generation: number } | null = { userId: "user-1", generation: 1 };
  accessTokenExpired = true;
  refreshStatus = 200;
  /** When set, /api/me answers "try refresh token" even after a refresh (a broken server). */
  alwaysTryRefresh = false;
  refreshGate: Promise<void> = Promise.resolve();
  readonly calls: Request[] = [];
  readonly bodies: string[] = [];
  overrides = new Map<string, Handler>();

  count(pathname: string): number {
    return this.calls.filter((r) => new URL(r.url).pathname === pathname).length;
  }

  tokenFor(generation: number): string {
    return frontToken(this.session!.userId, 1_000 * generation, { role: "user", generation });
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // A browser resolves relative URLs against the document's base URL; Node's Request needs them absolute.
    const base = (globalThis.document as { baseURI?: string } | undefined)?.baseURI ?? ORIGIN;
    const request = typeof input === "string" ? new Request(new URL(input, base), init) : new Request(input, init);
    this.calls.push(request);
    this.bodies.push(request.body ? await request.clone().text() : "");
    const path = new URL(request.url).pathname;
    const override = this.overrides.get(path);
    if (override) return override(request);
    if (path === "/api/auth/session/refresh") return this.refresh();
    if (path === "/api/me" || path === "/api/echo") {
      if (!this.session) return json({ message: "unauthorised" }, 401);
      if (this.accessTokenExpired || this.alwaysTryRefresh) return json({ message: "try refresh token" }, 401);
      return json({ userId: this.session.userId });
    }
    return json({ message: "not found" }, 404);
  };

  private async refresh(): Promise<Response> {
    await this.refreshGate;
    if (this.refreshStatus !== 200) {
      return json({ message: "unauthorised" }, this.refreshStatus, this.refreshStatus === 401 ? { "front-token": "remove" } : {});
    }
    if (!this.session) return json({ message: "unauthorised" }, 401, { "front-token": "remove" });
    this.session.generation++;
    this.accessTokenExpired = false;
    return json({ status: "OK" }, 200, { "front-token": this.tokenFor(this.session.generation) });
  }
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export interface FakeBrowser {
  jar: FakeCookieJar;
  locks: ReturnType<typeof fakeLockManager>;
  localStorage: FakeStorage;
  sessionStorage: FakeStorage;
  server: FakeServer;
}

/** Installs the doubles as globals (undone by vi.unstubAllGlobals). `locks: false` removes Web Locks. */
export function installFakeBrowser(options: { locks?: boolean } = {}): FakeBrowser {
  const browser: FakeBrowser = {
    jar: new FakeCookieJar(),
    locks: fakeLockManager(),
    localStorage: new FakeStorage(),
    sessionStorage: new FakeStorage(),
    server: new FakeServer(),
  };
  vi.stubGlobal("document", browser.jar);
  vi.stubGlobal("navigator", options.locks === false ? {} : { locks: browser.locks });
  vi.stubGlobal("localStorage", browser.localStorage);
  vi.stubGlobal("sessionStorage", browser.sessionStorage);
  vi.stubGlobal("location", new URL(`${ORIGIN}/page`));
  vi.stubGlobal("fetch", vi.fn(browser.server.fetch));
  // Tabs would hear each other through a real BroadcastChannel; tests of that install their own.
  vi.stubGlobal("BroadcastChannel", undefined);
  return browser;
}

/** A fresh copy of the module, as a new tab would load it. */
export async function openTab(): Promise<typeof import("../index")> {
  vi.resetModules();
  return import("../index");
}

/** A promise plus the function that resolves it. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
