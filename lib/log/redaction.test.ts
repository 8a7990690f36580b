/**
 * The logger's second line of defence (lib/log/index.ts): what a deployer logs through
 * `gatehouse().log` (docs/admin.md, "Logging") has its credentials censored, wherever pino's
 * usual shapes put them. Only the top level and one level down were: a request logged as
 * `{ req: { headers: { cookie } } }` (pino's own shape) kept the session cookies, a
 * change-password body kept `oldPassword` (its `newPassword` was censored), and a sign-in body
 * kept the password in `formFields`.
 */
import { describe, expect, it } from "vitest";
import { createLogger } from "./index";

function capture() {
  const raw: string[] = [];
  const log = createLogger({ level: "debug", destination: { write: (line: string) => void raw.push(line) } });
  return { log, raw };
}

const SECRETS = {
  cookie: "sAccessToken=eyJhbGciOi.secret-cookie; sRefreshToken=secret-refresh",
  bearer: "Bearer secret-bearer-token",
  password: "secret-old-Password1",
  newPassword: "secret-new-Password2",
  code: "secret-otp-123456",
  link: "secret-link-code",
  totp: "secret-totp-654321",
  recovery: "secret-recovery-code",
  oauthCode: "secret-oauth-code",
  idToken: "secret-id-token",
  clientSecret: "secret-client-secret",
};

describe("logger redaction", () => {
  it("censors credentials in what a deployer logs, down to the depths pino's request and body shapes put them", () => {
    const { log, raw } = capture();
    log.info({ req: { method: "POST", url: "/api/auth/signin", headers: { cookie: SECRETS.cookie, authorization: SECRETS.bearer } } }, "request");
    log.info({ request: { headers: { Cookie: SECRETS.cookie, Authorization: SECRETS.bearer } } }, "capitalised headers");
    log.info({ body: { oldPassword: SECRETS.password, newPassword: SECRETS.newPassword } }, "change-password body");
    log.info(
      {
        body: {
          formFields: [
            { id: "email", value: "a@example.com" },
            { id: "password", value: SECRETS.password },
          ],
        },
      },
      "sign-in body",
    );
    log.info({ body: { preAuthSessionId: "p", deviceId: "d", userInputCode: SECRETS.code } }, "passwordless");
    log.info({ body: { preAuthSessionId: "p", linkCode: SECRETS.link } }, "magic link");
    log.info({ body: { totp: SECRETS.totp } }, "totp");
    log.info({ body: { recoveryCode: SECRETS.recovery } }, "recovery code");
    log.info({ body: { thirdPartyId: "google", redirectURIInfo: { redirectURIQueryParams: { code: SECRETS.oauthCode, state: "s" } } } }, "oauth");
    log.info({ body: { thirdPartyId: "google", oAuthTokens: { id_token: SECRETS.idToken } } }, "oauth tokens");
    log.info({ body: { loginMethods: { thirdPartyProviders: [{ id: "corp", clientId: "c", clientSecret: SECRETS.clientSecret }] } } }, "tenant");
    const everything = raw.join("\n");
    for (const [name, secret] of Object.entries(SECRETS)) expect(everything, `${name} reached the log`).not.toContain(secret);
    // What is not a credential stays readable.
    const lines = raw.map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      req: { method: "POST", url: "/api/auth/signin", headers: { cookie: "[redacted]", authorization: "[redacted]" } },
    });
    expect(lines[4]).toMatchObject({ body: { preAuthSessionId: "p", deviceId: "d", userInputCode: "[redacted]" } });
    expect(lines[8]).toMatchObject({ body: { thirdPartyId: "google" } });
  });

  it("leaves the engine's own fields alone: an error's code, a reason, ids", () => {
    const { log, raw } = capture();
    log.error({ event: "request.failed", code: "STORE_FAILED", detail: "users.find failed" }, "STORE_FAILED");
    log.info({ event: "auth.signin_failed", method: "thirdparty", reason: "CODE_REJECTED", userId: "u1", sessionHandle: "h1" }, "auth.signin_failed");
    expect(raw.map((l) => JSON.parse(l))).toMatchObject([
      { code: "STORE_FAILED", detail: "users.find failed" },
      { method: "thirdparty", reason: "CODE_REJECTED", userId: "u1", sessionHandle: "h1" },
    ]);
  });
});
