// A browser reduced to what the FDI needs, for specs that talk to several app processes: one
// cookie jar (cookies ignore the port, so a real browser would also send them to every instance
// on the host), the page's Origin header and the FDI's `rid` / `st-auth-mode` headers. Each
// request names the instance that gets it, as a load balancer would pick one.
import { API_BASE, formFields } from "./support";

export interface FdiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON of any FDI answer; specs read the fields they expect, as with Response.json()
  body: any;
  headers: Headers;
}

interface StoredCookie {
  value: string;
  path: string;
}

export class FdiBrowser {
  private readonly jar = new Map<string, StoredCookie>();

  /** `appOrigin`: the public origin every instance is configured with (GATEHOUSE_APP_ORIGIN). */
  constructor(readonly appOrigin: string) {}

  /** The access token the jar holds now (cookie `sAccessToken`), if any. */
  get accessToken(): string | undefined {
    return this.jar.get("sAccessToken")?.value;
  }

  get refreshToken(): string | undefined {
    return this.jar.get("sRefreshToken")?.value;
  }

  /** A second browser holding the same cookies (e.g. a copy of a token kept after sign-out). */
  clone(): FdiBrowser {
    const copy = new FdiBrowser(this.appOrigin);
    for (const [name, cookie] of this.jar) copy.jar.set(name, { ...cookie });
    return copy;
  }

  async send(instance: string, method: string, path: string, options: { body?: unknown; rid?: string } = {}): Promise<FdiAnswer> {
    const headers = new Headers({ origin: this.appOrigin, rid: options.rid ?? "session", "st-auth-mode": "cookie" });
    const cookie = this.cookieHeader(path);
    if (cookie) headers.set("cookie", cookie);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set("content-type", "application/json");
    }
    const response = await fetch(`${instance}${path}`, { method, headers, body, redirect: "manual" });
    this.store(response);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the failure message
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  signUp(instance: string, email: string, password: string): Promise<FdiAnswer> {
    return this.send(instance, "POST", `${API_BASE}/signup`, { body: formFields(email, password), rid: "emailpassword" });
  }

  signIn(instance: string, email: string, password: string): Promise<FdiAnswer> {
    return this.send(instance, "POST", `${API_BASE}/signin`, { body: formFields(email, password), rid: "emailpassword" });
  }

  refresh(instance: string): Promise<FdiAnswer> {
    return this.send(instance, "POST", `${API_BASE}/session/refresh`);
  }

  signOut(instance: string): Promise<FdiAnswer> {
    return this.send(instance, "POST", `${API_BASE}/signout`);
  }

  /** The example protected route that verifies from the token alone (no `checkDatabase`). */
  me(instance: string): Promise<FdiAnswer> {
    return this.send(instance, "GET", "/api/me");
  }

  private cookieHeader(path: string): string {
    return [...this.jar.entries()]
      .filter(([, c]) => c.path === "/" || path === c.path || path.startsWith(`${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  private store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.slice(key.length + 1);
      const expires = attribute("Expires");
      if (value === "" || (expires !== undefined && new Date(expires).getTime() <= Date.now())) this.jar.delete(name);
      else this.jar.set(name, { value, path: attribute("Path") ?? "/" });
    }
  }
}
