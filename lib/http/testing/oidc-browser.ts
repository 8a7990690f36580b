import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A port nothing listens on: bound, then released (a provider that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The browser's part at the test OpenID Provider (scripts/test-oidc-provider.mjs), done with
 * fetch: follow the authorisation URL to the login form, submit it, follow the redirects, and
 * stop at the redirect back to the app. Returns that callback URL (code, state, iss).
 */
export async function loginAtProvider(authorisationUrl: string, login: string | { cancel: true }, appOrigin = "http://localhost:3000"): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  let url = new URL(authorisationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as object), cookie: cookie() } });
    keep(response);
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin === appOrigin) return next;
      url = next;
      init = {};
      continue;
    }
    if (response.status !== 200 || !/\/interaction\//.test(url.pathname)) {
      throw new Error(`test provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    }
    // The login form: post it as the browser would.
    const form = typeof login === "string" ? new URLSearchParams({ login, action: "login" }) : new URLSearchParams({ action: "cancel" });
    init = { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("too many redirects at the test provider");
}
