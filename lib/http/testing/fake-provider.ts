/**
 * A misbehaving provider on loopback, for what the real test OpenID Provider will not do:
 * discovery, token, user-info and JWKS endpoints that each answer as a test says (a 500, HTML, a
 * redirect, a huge body, silence). Its ID tokens are signed with its own key and carry the nonce
 * of the last authorisation URL handed to it (`expectNonceFrom`), so only what a test changes is wrong.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

/** How one endpoint answers: a JSON value, or full control over the response. */
export type FakeAnswer = { json: unknown; status?: number } | ((request: http.IncomingMessage, response: http.ServerResponse) => void);

type Endpoint = "discovery" | "token" | "userinfo" | "jwks";

export const FAKE_CLIENT_ID = "fake-client";
export const FAKE_CLIENT_SECRET = "fake-secret-0123456789abcdef0123456789";

export interface FakeProvider {
  issuer: string;
  /** Replace one endpoint's answer ("discovery", "token", "userinfo", "jwks"); reset() restores all. */
  answer(endpoint: Endpoint, how: FakeAnswer): void;
  /** Its usual JSON answer, valid, with a `pad` member making it `bytes` long or so; reset() ends it. */
  pad(endpoint: Endpoint, bytes: number): void;
  reset(): void;
  /** Takes the nonce from an authorisation URL Gatehouse made, for the next ID token. */
  expectNonceFrom(authorisationUrl: string): void;
  /** An ID token signed with the provider's key: its standard claims, overlaid with `claims`. */
  idToken(claims?: JWTPayload): Promise<string>;
  /** How many requests reached each path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "fake-1", alg: "RS256", use: "sig" };
  let nonce: string | undefined;
  const idToken = async (claims: JWTPayload = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, aud: FAKE_CLIENT_ID, sub: "fake-sub", email: "fake@example.com", email_verified: true, nonce, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
  };
  const defaults = (): Record<string, FakeAnswer> => ({
    discovery: {
      json: {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ["RS256"],
      },
    },
    token: (_request, response) => {
      void idToken().then((token) => send(response, 200, { access_token: "fake-access", token_type: "Bearer", id_token: token }, padding.token));
    },
    userinfo: { json: { sub: "fake-sub", email: "fake@example.com", email_verified: true } },
    jwks: { json: { keys: [jwk] } },
  });
  let answers = defaults();
  let padding: Partial<Record<Endpoint, number>> = {};
  const hits = new Map<string, number>();
  const paths: Record<string, string> = {
    "/.well-known/openid-configuration": "discovery",
    "/token": "token",
    "/userinfo": "userinfo",
    "/jwks": "jwks",
  };
  server.on("request", (request, response) => {
    const path = new URL(request.url ?? "/", issuer).pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    // The body is read (and dropped) first, as a real server would.
    request.resume();
    request.on("end", () => {
      const endpoint = paths[path] as Endpoint | undefined;
      const how = endpoint && answers[endpoint];
      if (!how) return send(response, 404, { error: "not_found" });
      if (typeof how === "function") return how(request, response);
      send(response, how.status ?? 200, how.json, padding[endpoint!]);
    });
  });
  return {
    issuer,
    answer: (endpoint, how) => {
      answers[endpoint] = how;
    },
    pad: (endpoint, bytes) => {
      padding[endpoint] = bytes;
    },
    reset: () => {
      answers = defaults();
      padding = {};
    },
    expectNonceFrom: (url) => {
      nonce = new URL(url).searchParams.get("nonce") ?? undefined;
    },
    idToken,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: http.ServerResponse, status: number, body: unknown, padTo?: number) {
  const padded = padTo && body && typeof body === "object" ? { ...body, pad: "a".repeat(padTo) } : body;
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(padded));
}

/** The fake as an OIDC provider of the config, id "fake", taking ID tokens the app did not ask for (the oAuthTokens path). */
export function fakeOidcProvider(fake: Pick<FakeProvider, "issuer">) {
  return {
    id: "fake",
    type: "oidc" as const,
    name: "Fake",
    issuer: fake.issuer,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    acceptIdTokenWithoutNonce: true,
  };
}
