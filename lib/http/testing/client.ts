import type { EngineContext } from "../../auth/context";
import { handleAuthRequest } from "../routes";

export const ORIGIN = "http://localhost:3000";

/**
 * A tiny cookie-keeping client that calls the real route table with real `Request` objects,
 * as a browser on the app's origin would (Origin + rid headers unless told otherwise).
 */
export function createAuthClient(ctx: EngineContext, handler: (request: Request) => Promise<Response> = (r) => handleAuthRequest(ctx, r)) {
  const jar = new Map<string, { value: string; path: string }>();

  function cookieHeader(path: string): string {
    return [...jar.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`) || c.path === "/")
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  function store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split("; ");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.startsWith("Path="))?.slice(5) ?? "/";
      const expires = attrs.find((a) => a.startsWith("Expires="))?.slice(8);
      // Engine clocks are pinned in tests, so only the server's explicit deletion (epoch) counts.
      if (value === "" || (expires && new Date(expires).getTime() <= 0)) jar.delete(name);
      else jar.set(name, { value, path });
    }
  }

  async function send(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string | null>; cookies?: boolean } = {},
  ): Promise<Response> {
    const headers = new Headers({ origin: ORIGIN, rid: "emailpassword" });
    // A null value removes a default header (e.g. to send a request without `rid`).
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === null) headers.delete(name);
      else headers.set(name, value);
    }
    if (options.cookies !== false) {
      const cookie = cookieHeader(path);
      if (cookie) headers.set("cookie", cookie);
    }
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set("content-type", "application/json");
    }
    const response = await handler(new Request(`${ORIGIN}${path}`, { method, headers, body }));
    store(response);
    return response;
  }

  return { send, jar };
}

export const credentials = (email: string, password: string) => ({
  formFields: [
    { id: "email", value: email },
    { id: "password", value: password },
  ],
});
