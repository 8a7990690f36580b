// The unmodified supertokens-web-js client (its browser bundles) driving password reset and
// email verification, with the emails delivered over SMTP to the e2e server's sink.
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mailboxOf } from "./mailbox";
import { PASSWORD, formFields, freshEmail } from "./support";
import "./web-js-globals";

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// website.* holds the webpack runtime shared by the others, so it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword", "emailverification"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});
const NEW_PASSWORD = "Fresh-Horse-Battery-5";
const mailbox = mailboxOf();

test.use({ bypassCSP: true });

/** Opens `url` (the client reads `?token=` from the page URL) and starts the client there. */
async function loadClient(page: Page, url: string, apiDomain: string) {
  await page.goto(url);
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init(), window.supertokensEmailVerification!.init()],
    });
  }, apiDomain);
}

/** Evaluates a JavaScript expression in the page (a promise is awaited). */
const call = (page: Page, expression: string) => page.evaluate(expression);
/** A recipe call's result without its fetchResponse (which cannot leave the page). */
const st = (recipe: string, method: string, arg = "") =>
  `window.${recipe}.${method}(${arg}).then((r) => { const { fetchResponse, ...rest } = r; return rest; })`;
const tokenOf = (link: string | null) => new URL(link!).searchParams.get("token")!;

test("EmailVerification: sendVerificationEmail, verifyEmail from the emailed link, isEmailVerified and the st-ev claim", async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const email = freshEmail("stweb-ev");
  await loadClient(page, "/", origin);
  const fields = JSON.stringify(formFields(email, PASSWORD).formFields);
  expect(await call(page, `window.supertokensEmailPassword.signUp({ formFields: ${fields} }).then((r) => r.status)`)).toBe("OK");
  const claim = "window.supertokensSession.getClaimValue({ claim: window.supertokensEmailVerification.EmailVerificationClaim })";

  expect(await call(page, claim)).toBe(false);
  expect(await call(page, st("supertokensEmailVerification", "isEmailVerified"))).toEqual({ status: "OK", isVerified: false });
  expect(await call(page, st("supertokensEmailVerification", "sendVerificationEmail"))).toEqual({ status: "OK" });
  const received = await mailbox.waitFor(email);

  await loadClient(page, `/?token=${tokenOf(received.link)}`, origin);
  expect(await call(page, st("supertokensEmailVerification", "verifyEmail"))).toEqual({ status: "OK" });
  expect(await call(page, claim), "the answer re-minted the access token with st-ev true").toBe(true);
  expect(await call(page, st("supertokensEmailVerification", "isEmailVerified"))).toEqual({ status: "OK", isVerified: true });
  expect(await call(page, st("supertokensEmailVerification", "verifyEmail"))).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
  expect(await call(page, st("supertokensEmailVerification", "sendVerificationEmail"))).toEqual({ status: "EMAIL_ALREADY_VERIFIED_ERROR" });
});

test("EmailPassword: sendPasswordResetEmail and submitNewPassword with the emailed link", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const email = freshEmail("stweb-reset");
  await loadClient(page, "/", origin);
  const signUpFields = JSON.stringify(formFields(email, PASSWORD).formFields);
  expect(await call(page, `window.supertokensEmailPassword.signUp({ formFields: ${signUpFields} }).then((r) => r.status)`)).toBe("OK");
  await call(page, "window.supertokensSession.signOut()");

  const emailField = (value: string) => JSON.stringify([{ id: "email", value }]);
  expect(await call(page, st("supertokensEmailPassword", "sendPasswordResetEmail", `{ formFields: ${emailField(email)} }`))).toEqual({
    status: "OK",
  });
  expect(await call(page, st("supertokensEmailPassword", "sendPasswordResetEmail", `{ formFields: ${emailField(freshEmail("nobody"))} }`))).toEqual({
    status: "OK",
  });
  const received = await mailbox.waitFor(email);

  await loadClient(page, `/?token=${tokenOf(received.link)}`, origin);
  const password = (value: string) => `{ formFields: ${JSON.stringify([{ id: "password", value }])} }`;
  const weak = await call(page, st("supertokensEmailPassword", "submitNewPassword", password("short")));
  expect(weak).toMatchObject({ status: "FIELD_ERROR", formFields: [{ id: "password" }] });
  expect(await call(page, st("supertokensEmailPassword", "submitNewPassword", password(NEW_PASSWORD)))).toEqual({ status: "OK" });
  expect(await call(page, st("supertokensEmailPassword", "submitNewPassword", password("Yet-Another-Horse-6")))).toEqual({
    status: "RESET_PASSWORD_INVALID_TOKEN_ERROR",
  });

  const signIn = (pw: string) =>
    call(page, `window.supertokensEmailPassword.signIn({ formFields: ${JSON.stringify(formFields(email, pw).formFields)} }).then((r) => r.status)`);
  expect(await signIn(PASSWORD)).toBe("WRONG_CREDENTIALS_ERROR");
  expect(await signIn(NEW_PASSWORD)).toBe("OK");
});
