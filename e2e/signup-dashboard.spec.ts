// The built-in pages: /auth (sign in / sign up) and the protected /dashboard example.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { API_BASE, PASSWORD, REFRESH_PATH, WAIT_FOR_EXPIRY_MS, formFields, freshEmail } from "./support";

/** True when the URL is /auth with redirectToPath=/dashboard (either encoding of the slash). */
function isAuthRedirectFromDashboard(url: URL): boolean {
  return url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/dashboard";
}

async function fillAndSubmit(page: Page, email: string, password: string, button: "Sign in" | "Sign up") {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: button, exact: true }).click();
}

/** Creates a user through the API, as a second browser would. */
async function signUpViaApi(request: APIRequestContext, baseURL: string, email: string) {
  const res = await request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL },
    data: formFields(email, PASSWORD),
  });
  expect(res.status(), await res.text()).toBe(200);
  expect((await res.json()).status).toBe("OK");
}

test("/dashboard without a session redirects to /auth with redirectToPath", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(isAuthRedirectFromDashboard);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByTestId("user-id")).toHaveCount(0);
});

test("sign up → dashboard → refresh after expiry → sign out", async ({ page, context }) => {
  const refreshCalls: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === REFRESH_PATH) refreshCalls.push(`${req.method()} ${req.url()}`);
  });
  const email = freshEmail("signup");

  await test.step("sign up lands on redirectToPath", async () => {
    await page.goto("/auth?show=signup&redirectToPath=/dashboard");
    await fillAndSubmit(page, email, PASSWORD, "Sign up");
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  });

  const userId = (await page.getByTestId("user-id").innerText()).trim();
  expect(userId).not.toBe("");

  await test.step("dashboard shows the access-token payload from setJwtPayload", async () => {
    const payload = JSON.parse(await page.getByTestId("payload").innerText());
    expect(payload).toMatchObject({ role: "user", method: "emailpassword" });
  });

  const cookiesBefore = await context.cookies();
  await test.step("session cookies have the documented attributes", async () => {
    const access = cookiesBefore.find((c) => c.name === "sAccessToken");
    const refresh = cookiesBefore.find((c) => c.name === "sRefreshToken");
    expect(access, "sAccessToken cookie").toBeDefined();
    expect(refresh, "sRefreshToken cookie").toBeDefined();
    expect(access).toMatchObject({ path: "/", httpOnly: true, sameSite: "Lax" });
    expect(access!.value).not.toBe("");
    expect(refresh).toMatchObject({ path: REFRESH_PATH, httpOnly: true, sameSite: "Lax" });
    expect(refresh!.value).not.toBe("");
  });

  await test.step("after the access token expires, /dashboard refreshes and stays", async () => {
    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const callsBefore = refreshCalls.length;
    await page.goto("/dashboard");
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    expect(refreshCalls.length, "a request to the refresh endpoint").toBeGreaterThan(callsBefore);

    const after = await context.cookies();
    const value = (name: string, list: typeof after) => list.find((c) => c.name === name)?.value;
    expect(value("sAccessToken", after)).toBeTruthy();
    expect(value("sAccessToken", after)).not.toBe(value("sAccessToken", cookiesBefore));
    expect(value("sRefreshToken", after), "refresh token is rotated").not.toBe(value("sRefreshToken", cookiesBefore));
  });

  await test.step("sign out lands on /auth and clears the session", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/auth");
    const names = (await context.cookies()).filter((c) => c.value !== "").map((c) => c.name);
    expect(names).not.toContain("sAccessToken");
    expect(names).not.toContain("sRefreshToken");
  });

  await test.step("/dashboard now redirects to sign-in", async () => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(isAuthRedirectFromDashboard);
    await expect(page.getByTestId("user-id")).toHaveCount(0);
  });
});

test("sign in with a wrong password shows a form error, the right one signs in", async ({ page, context, request, baseURL }) => {
  const email = freshEmail("wrongpw");
  await signUpViaApi(request, baseURL!, email);

  await page.goto("/auth");
  await fillAndSubmit(page, email, "Wrong-Password-99", "Sign in");
  await expect(page.locator("#form-error")).toBeVisible();
  await expect(page.locator("#form-error")).not.toHaveText(/^\s*$/);
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  expect((await context.cookies()).map((c) => c.name)).not.toContain("sAccessToken");

  // No redirectToPath: success goes to ui.afterSignInPath, "/dashboard" by default (as the README says).
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === "/dashboard");
  expect((await context.cookies()).map((c) => c.name)).toContain("sAccessToken");
});

test("sign up with an invalid email shows #email-error", async ({ page, context }) => {
  await page.goto("/auth?show=signup");
  await fillAndSubmit(page, "not-an-email", PASSWORD, "Sign up");
  await expect(page.locator("#email-error")).toBeVisible();
  await expect(page.locator("#email-error")).not.toHaveText(/^\s*$/);
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  expect((await context.cookies()).map((c) => c.name)).not.toContain("sAccessToken");
});

test("sign up with a too-short password shows #password-error", async ({ page, context }) => {
  await page.goto("/auth?show=signup");
  await fillAndSubmit(page, freshEmail("shortpw"), "a1", "Sign up");
  await expect(page.locator("#password-error")).toBeVisible();
  await expect(page.locator("#password-error")).not.toHaveText(/^\s*$/);
  expect((await context.cookies()).map((c) => c.name)).not.toContain("sAccessToken");
});

// Each of these must be refused as a redirect target: the user lands on "/" of the app.
for (const unsafe of ["//evil.example", "https://evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
  test(`unsafe redirectToPath ${JSON.stringify(unsafe)} lands on /`, async ({ page, request, baseURL }) => {
    const email = freshEmail("redirect");
    await signUpViaApi(request, baseURL!, email);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    await page.goto(`/auth?redirectToPath=${encodeURIComponent(unsafe)}`);
    await fillAndSubmit(page, email, PASSWORD, "Sign in");
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === "/");
    expect(dialogs).toEqual([]);
  });
}
