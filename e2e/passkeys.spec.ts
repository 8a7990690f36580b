// The built-in passkey UI on Chromium's virtual authenticator: create an account with a passkey,
// sign out, sign in with it, add a second one on /account, remove one, recover by email (also
// under an organization's tenant). Its own server, with passkeys on.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mailboxOf } from "./mailbox";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { REFRESH_PATH, freshEmail } from "./support";
import { addVirtualAuthenticator } from "./virtual-authenticator";

const PORT = ownPort("E2E_PASSKEYS_PORT", 3426);
const ORIGIN = `http://localhost:${PORT}`;
const mailbox = mailboxOf(PORT);
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_WEBAUTHN: "1" });
});

test.afterAll(async () => {
  await server?.stop();
});

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${label}: ${summary.join("\n")}`).toEqual([]);
}

const passkeySection = (page: Page) => page.getByRole("region", { name: "Or use a passkey" });

/**
 * Chromium's virtual authenticator answers the autofill request (conditional mediation) by itself,
 * as if the person picked the passkey from the list, so a page that offers autofill signs in on
 * its own. Tests of the button turn autofill off first, or the two race.
 */
async function withoutAutofill(page: Page) {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
  });
}

async function signUpWithPasskey(page: Page, email: string) {
  await page.goto("/auth?redirectToPath=/account");
  const section = passkeySection(page);
  await section.getByLabel("Email").fill(email);
  await section.getByRole("button", { name: "Create an account with a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);
}

async function signOut(page: Page) {
  const headers = { rid: "session", origin: ORIGIN };
  let response = await page.request.post("/api/auth/signout", { headers });
  if (response.status() === 401) {
    // The access token (3 s here) expired already: refresh, then sign out, as a client does.
    expect((await page.request.post(REFRESH_PATH, { headers })).status()).toBe(200);
    response = await page.request.post("/api/auth/signout", { headers });
  }
  expect(response.ok()).toBe(true);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/auth/);
}

test("create an account with a passkey, sign out, sign in with it; add a second, remove one", async ({ page }) => {
  await withoutAutofill(page);
  const authenticator = await addVirtualAuthenticator(page);
  const email = freshEmail("passkey-ui");
  await page.goto("/auth");
  await expectNoViolations(page, "/auth with passkeys");
  await signUpWithPasskey(page, email);
  expect(await authenticator.credentialCount()).toBe(1);

  await signOut(page);
  await page.goto("/auth?redirectToPath=/account");
  await passkeySection(page).getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);

  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  await expectNoViolations(page, "/account with passkeys");
  // The options exclude the account's passkeys: this device holds one, so it makes no second.
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("alert")).toHaveText(
    "This device already has a passkey for your account. Add one on another device or security key.",
  );
  expect(await authenticator.credentialCount()).toBe(1);
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);

  // Another authenticator (a security key) adds the second.
  await authenticator.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: authenticator.authenticatorId });
  const securityKey = await addVirtualAuthenticator(page);
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("status")).toHaveText("Passkey added.");
  await expect(passkeys.getByTestId("passkey")).toHaveCount(2);
  expect(await securityKey.credentialCount()).toBe(1);

  await passkeys.getByTestId("passkey").first().getByRole("button", { name: "Remove" }).click();
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
});

test("a passkey added while the list is still loading stays listed when that older list answers", async ({ page }) => {
  await withoutAutofill(page);
  // The list /account loads on arrival is read at once (one passkey) but answered only once a
  // passkey has been added and the list loaded again. A refusal (the 3-second token expired) goes
  // through: the page refreshes and asks again, and that answer is the one held.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  await page.route("**/webauthn/credential/list", async (route) => {
    const response = await route.fetch();
    if (holding || response.status() !== 200) return route.fulfill({ response });
    holding = true;
    await released;
    await route.fulfill({ response });
  });
  const arrivalList = page.waitForRequest("**/webauthn/credential/list");
  const first = await addVirtualAuthenticator(page);
  await signUpWithPasskey(page, freshEmail("passkey-late-list"));
  // Sent from the component's effect: it has hydrated, so the button works.
  await arrivalList;
  await first.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first.authenticatorId });
  await addVirtualAuthenticator(page);
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByTestId("passkey")).toHaveCount(2);
  const lateAnswer = page.waitForResponse("**/webauthn/credential/list");
  release();
  await lateAnswer;
  // Give the late answer its chance to render, then check it changed nothing.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await expect(passkeys.getByTestId("passkey")).toHaveCount(2);
});

test("recover by email: a link, a new passkey, then sign in with it through autofill", async ({ page }) => {
  const email = freshEmail("passkey-recover");
  // The first device makes the account, then is lost.
  const lost = await addVirtualAuthenticator(page);
  await signUpWithPasskey(page, email);
  await lost.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: lost.authenticatorId });
  await signOut(page);

  await page.goto("/auth");
  await passkeySection(page).getByRole("link", { name: "Lost your passkey?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  const message = await mailbox.waitFor(email);
  expect(message.link).toMatch(new RegExp(`^${ORIGIN}/auth/webauthn/recover\\?token=`));

  const replacement = await addVirtualAuthenticator(page);
  await page.goto(message.link!);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status")).toHaveText("Your new passkey is ready. Sign in with it.");
  expect(await replacement.credentialCount()).toBe(1);

  // No click: the email field's autofill offers the new passkey, and picking it signs in.
  await page.goto("/auth?redirectToPath=/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("recover under an organization's tenant: the link names the tenant and the page makes the passkey there", async ({ page }) => {
  const email = freshEmail("passkey-tenant-recover");
  const slug = `pk-${freshEmail("x")
    .slice(6, 18)
    .replace(/[^a-z0-9]/g, "")}`;
  const lost = await addVirtualAuthenticator(page);
  await signUpWithPasskey(page, email);
  // Same-origin calls from the page, with its session cookies. Access tokens live 3 s here: an
  // answer of 401 is followed by a refresh and one more try, as a client does.
  const post = (path: string, body: unknown, rid: string) =>
    page.evaluate(
      async ({ path, body, rid, refreshPath }) => {
        const send = () =>
          fetch(`/api/auth${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", rid },
            body: JSON.stringify(body),
          });
        let res = await send();
        if (res.status === 401) {
          await fetch(refreshPath, { method: "POST", headers: { rid: "session" } });
          res = await send();
        }
        return { status: res.status, json: await res.json() };
      },
      { path, body, rid, refreshPath: REFRESH_PATH },
    );
  expect(await post("/organizations", { slug, name: "Recovery Inc" }, "session")).toMatchObject({ status: 200 });
  await lost.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: lost.authenticatorId });
  await signOut(page);

  await page.goto("/auth");
  expect(await post(`/${slug}/user/webauthn/reset/token`, { email }, "webauthn")).toEqual({ status: 200, json: { status: "OK" } });
  const message = await mailbox.waitFor(email);
  const link = new URL(message.link!);
  expect(link.pathname).toBe("/auth/webauthn/recover");
  expect(link.searchParams.get("tenantId")).toBe(slug);

  // The token works only under the tenant: the page must post there.
  const replacement = await addVirtualAuthenticator(page);
  await page.goto(message.link!);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status")).toHaveText("Your new passkey is ready. Sign in with it.");
  expect(await replacement.credentialCount()).toBe(1);
});
