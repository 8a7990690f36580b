// The unmodified supertokens-web-js webauthn recipe (bundled from the package by
// web-js-webauthn-bundle.ts) signing up and in with a passkey held by Chromium's virtual
// authenticator, then listing and removing it; and under an organization's tenant. Its own
// server, with passkeys on.
import { expect, test, type Page } from "@playwright/test";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { freshEmail } from "./support";
import { addVirtualAuthenticator } from "./virtual-authenticator";
import { buildWebJsWebauthnBundle } from "./web-js-webauthn-bundle";

const PORT = ownPort("E2E_WEBAUTHN_WEB_JS_PORT", 3425);
const ORIGIN = `http://localhost:${PORT}`;
let server: OwnServer | undefined;
let bundle = "";

declare global {
  interface Window {
    stWebauthnClient?: {
      SuperTokens: typeof import("supertokens-web-js").default;
      Session: typeof import("supertokens-web-js/recipe/session").default;
      WebAuthn: typeof import("supertokens-web-js/recipe/webauthn").default;
    };
  }
}

test.use({ baseURL: ORIGIN, bypassCSP: true });

test.beforeAll(async () => {
  [server, bundle] = await Promise.all([startOwnServer(PORT, { E2E_WEBAUTHN: "1" }), buildWebJsWebauthnBundle()]);
});

test.afterAll(async () => {
  await server?.stop();
});

/** `url`'s `?tenantId=` is the tenant the recipe sends every call under (its own getTenantId). */
async function loadClient(page: Page, url = "/") {
  await page.goto(url);
  await page.addScriptTag({ path: bundle });
  await page.evaluate((apiDomain) => {
    const { SuperTokens, Session, WebAuthn } = window.stWebauthnClient!;
    SuperTokens.init({ appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" }, recipeList: [Session.init(), WebAuthn.init()] });
  }, ORIGIN);
}

/** A recipe call's result without its fetchResponse (which cannot leave the page). */
const call = (page: Page, expression: string) =>
  page.evaluate(`${expression}.then((r) => { if (r && typeof r === "object") { const { fetchResponse, ...rest } = r; return rest; } return r; })`);
const wa = "window.stWebauthnClient.WebAuthn";
const session = "window.stWebauthnClient.Session";

test("webauthn recipe: sign up with a passkey, sign out, sign in with it; list and remove it", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const email = freshEmail("stweb-wa");
  await loadClient(page);
  expect(await call(page, `${wa}.getEmailExists({ email: ${JSON.stringify(email)} })`)).toEqual({ status: "OK", exists: false });

  const signedUp = (await call(page, `${wa}.registerCredentialWithSignUp({ email: ${JSON.stringify(email)} })`)) as {
    status: string;
    user: { id: string; loginMethods: { recipeId: string; email?: string }[] };
  };
  expect(signedUp).toMatchObject({ status: "OK", user: { emails: [email], loginMethods: [{ recipeId: "webauthn", email }] } });
  expect(await authenticator.credentialCount()).toBe(1);
  expect(await page.evaluate(`${session}.getUserId()`)).toBe(signedUp.user.id);
  expect(await call(page, `${wa}.getEmailExists({ email: ${JSON.stringify(email)} })`)).toEqual({ status: "OK", exists: true });

  await page.evaluate(`${session}.signOut()`);
  expect(await page.evaluate(`${session}.doesSessionExist()`)).toBe(false);
  // No email: the authenticator offers the passkey it holds for this rp (discoverable).
  const signedIn = await call(page, `${wa}.authenticateCredentialWithSignIn()`);
  expect(signedIn).toMatchObject({ status: "OK", user: { id: signedUp.user.id } });
  expect(await page.evaluate(`${session}.doesSessionExist()`)).toBe(true);

  const listed = (await call(page, `${wa}.listCredentials()`)) as { status: string; credentials: { webauthnCredentialId: string }[] };
  expect(listed).toMatchObject({ status: "OK", credentials: [{ relyingPartyId: "localhost", recipeUserId: signedUp.user.id }] });
  const [{ webauthnCredentialId }] = listed.credentials;
  expect(await call(page, `${wa}.removeCredential({ webauthnCredentialId: ${JSON.stringify(webauthnCredentialId)} })`)).toEqual({ status: "OK" });
  expect(await call(page, `${wa}.removeCredential({ webauthnCredentialId: ${JSON.stringify(webauthnCredentialId)} })`)).toEqual({
    status: "CREDENTIAL_NOT_FOUND_ERROR",
  });
  // The authenticator still holds the removed passkey; the server no longer knows it.
  await page.evaluate(`${session}.signOut()`);
  expect(await call(page, `${wa}.authenticateCredentialWithSignIn()`)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
});

test("webauthn recipe under an organization's tenant: a member signs in to it (tId), a stranger cannot sign up there", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const ownerEmail = freshEmail("stweb-wa-owner");
  const slug = `wa-${freshEmail("x")
    .slice(6, 18)
    .replace(/[^a-z0-9]/g, "")}`;
  await loadClient(page);
  expect(await call(page, `${wa}.registerCredentialWithSignUp({ email: ${JSON.stringify(ownerEmail)} })`)).toMatchObject({ status: "OK" });
  // The owner makes the organization (its tenant); sign-up there stays closed (invitation only).
  const created = await page.evaluate(async (slug) => {
    const res = await fetch("/api/auth/organizations", {
      method: "POST",
      headers: { "content-type": "application/json", rid: "session" },
      body: JSON.stringify({ slug, name: "Passkeys Inc" }),
    });
    return res.status;
  }, slug);
  expect(created).toBe(200);
  await page.evaluate(`${session}.signOut()`);

  // The same passkey, from a page of the tenant: every call goes to /api/auth/<slug>/webauthn/….
  const tenantCalls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/webauthn/")) tenantCalls.push(new URL(request.url()).pathname);
  });
  await loadClient(page, `/?tenantId=${slug}`);
  expect(await call(page, `${wa}.authenticateCredentialWithSignIn()`)).toMatchObject({ status: "OK" });
  expect(await page.evaluate(`${session}.getAccessTokenPayloadSecurely()`)).toMatchObject({ tId: slug });
  expect(tenantCalls).toEqual([`/api/auth/${slug}/webauthn/options/signin`, `/api/auth/${slug}/webauthn/signin`]);
  expect(await call(page, `${wa}.listCredentials()`)).toMatchObject({ status: "OK", credentials: [{ relyingPartyId: "localhost" }] });

  await page.evaluate(`${session}.signOut()`);
  const stranger = freshEmail("stweb-wa-stranger");
  // Refused at the options, before the authenticator makes a passkey the sign-up would refuse; the reason is the FDI's `err`.
  expect(await call(page, `${wa}.registerCredentialWithSignUp({ email: ${JSON.stringify(stranger)} })`)).toMatchObject({
    status: "INVALID_EMAIL_ERROR",
    err: "Sign-up is not open for this organization. Ask for an invitation.",
  });
  expect(await authenticator.credentialCount()).toBe(1); // the owner's passkey only
  expect(await page.evaluate(`${session}.doesSessionExist()`)).toBe(false);
  await loadClient(page);
  expect(await call(page, `${wa}.getEmailExists({ email: ${JSON.stringify(stranger)} })`)).toEqual({ status: "OK", exists: false });
});
