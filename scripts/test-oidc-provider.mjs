// A real OpenID Provider on loopback for tests: the npm package `oidc-provider` (a certified
// OP), with test clients, its own signing key, and a small login form of our own (one input,
// `login`, that Playwright fills in; vitest posts it with fetch).
//
// Test accounts come from the login name:
//   alice@example.com              sub "sub-alice@example.com", that email, verified
//   unverified:alice@example.com   sub "sub-unverified:alice@example.com", that email, NOT verified
//   noemail:bob                    sub "sub-noemail:bob", no email claim at all
// The form also has a "Cancel" button: the provider redirects back with error=access_denied.
//
// Misbehaviour for rejection tests: `op.tamperNextIdToken(patch)` rewrites claims of the next
// ID token the token endpoint issues (e.g. { aud: "someone-else" }, { iss }, { nonce },
// { exp: <past> }) and re-signs it with the provider's own key, so only the claim is wrong;
// `op.tamperNextIdToken(patch, "forged")` signs it instead with a key that is not the provider's
// (same `kid`), and `"client-secret"` with HS256 under the client secret (algorithm confusion).
// `op.issueIdToken(clientId, claims)` signs an arbitrary ID token (a token for another app).
//
// Used by lib/http/testing/third-party-flows.ts (vitest) and e2e/third-party*.spec.ts, which
// runs it as a process: `node scripts/test-oidc-provider.mjs <port> <redirect_uri>...`.
import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import Provider from "oidc-provider";

export const TEST_CLIENT_ID = "gatehouse-test";
export const TEST_CLIENT_SECRET = "gatehouse-test-secret-0123456789abcdef";
export const OTHER_CLIENT_ID = "some-other-app";
/** A second registered client: an organization's own client at the same provider (lib/http/tenant-third-party.test.ts). */
export const OTHER_CLIENT_SECRET = "other-secret-0123456789abcdef0123";

function accountFor(login) {
  const [kind, rest] = login.includes(":") ? [login.slice(0, login.indexOf(":")), login.slice(login.indexOf(":") + 1)] : ["", login];
  const claims = { sub: `sub-${login}`, name: rest.split("@")[0] };
  if (kind !== "noemail") Object.assign(claims, { email: rest, email_verified: kind !== "unverified" });
  return claims;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, clientId) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test OpenID Provider</title></head>
<body><main><h1>Test OpenID Provider</h1><p>Signing in to ${escapeHtml(clientId)}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="login">Login</label> <input id="login" name="login" autocomplete="off" required>
<button type="submit" name="action" value="login">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form></main></body></html>`;
}

/**
 * @param {{ port?: number; redirectUris: string[]; host?: string }} options
 */
export async function startTestOidcProvider(options) {
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer();
  await new Promise((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = server.address().port;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key-1", alg: "RS256", use: "sig" };
  const clientBase = { grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_post" };

  const provider = new Provider(issuer, {
    clients: [
      { ...clientBase, client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, redirect_uris: options.redirectUris },
      { ...clientBase, client_id: OTHER_CLIENT_ID, client_secret: OTHER_CLIENT_SECRET, redirect_uris: options.redirectUris },
    ],
    jwks: { keys: [jwk] },
    // HS256 listed as a provider may list it: refusing an HMAC-signed ID token must not rest on this list.
    enabledJWA: { idTokenSigningAlgValues: ["RS256", "HS256"] },
    cookies: { keys: ["test-oidc-provider-cookie-key-0123456789"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      if (!sub.startsWith("sub-")) return undefined;
      const claims = accountFor(sub.slice(4));
      return { accountId: sub, claims: () => claims };
    },
    // Test clients are first-party: the consent prompt is answered for them.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(out.error_description ?? "")}</p>`;
    },
  });

  let tamper = null;
  /** How the next tampered token is signed: the provider's key, a stranger's, or the client secret. */
  let tamperSigning = "provider";
  const { privateKey: strangersKey } = await generateKeyPair("RS256");
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (match && ctx.method === "GET") {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      ctx.type = "html";
      ctx.body = loginPage(details.uid, details.params.client_id);
      return;
    }
    if (match && ctx.method === "POST") {
      const form = await readForm(ctx.req);
      const result =
        form.get("action") === "cancel" || !form.get("login")
          ? { error: "access_denied", error_description: "The user cancelled the sign-in" }
          : { login: { accountId: `sub-${form.get("login")}` } };
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
      return;
    }
    await next();
    if (ctx.path === "/token" && ctx.status === 200 && tamper && ctx.body?.id_token) {
      const patch = tamper;
      tamper = null;
      ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token, patch, tamperSigning) };
    }
  });

  async function resign(idToken, patch, signing) {
    const header = decodeProtectedHeader(idToken);
    const claims = { ...decodeJwt(idToken), ...patch };
    if (signing === "client-secret") {
      return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: header.typ }).sign(new TextEncoder().encode(TEST_CLIENT_SECRET));
    }
    const key = signing === "forged" ? strangersKey : privateKey;
    return new SignJWT(claims).setProtectedHeader({ alg: header.alg, kid: header.kid, typ: header.typ }).sign(key);
  }

  server.on("request", provider.callback());

  return {
    issuer,
    port,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    /**
     * Rewrites claims of the next ID token from the token endpoint, re-signed with the real key
     * ("provider"), a key that is not the provider's ("forged") or HS256 under the client secret.
     */
    tamperNextIdToken(patch, signing = "provider") {
      tamper = patch;
      tamperSigning = signing;
    },
    /** A validly signed ID token with any claims: e.g. one issued to another app. */
    async issueIdToken(claims) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg: "RS256", kid: jwk.kid }).sign(privateKey);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      });
    },
  };
}

// As a process (Playwright): port, then the redirect URIs. Prints one line when ready.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, ...redirectUris] = process.argv.slice(2);
  const op = await startTestOidcProvider({ port: Number(port), redirectUris });
  console.log(`[test-oidc-provider] ${op.issuer} ready`);
  const stop = () => op.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
