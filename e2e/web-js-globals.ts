// The globals that the unmodified supertokens-web-js bundles (node_modules/supertokens-web-js/bundle/)
// define once a spec has injected them with page.addScriptTag: typed from the package, so that the
// specs' page.evaluate calls are checked like any other call.
import { expect } from "@playwright/test";

declare global {
  interface Window {
    supertokens?: typeof import("supertokens-web-js").default;
    supertokensSession?: typeof import("supertokens-web-js/recipe/session").default;
    supertokensEmailPassword?: typeof import("supertokens-web-js/recipe/emailpassword").default;
    supertokensEmailVerification?: typeof import("supertokens-web-js/recipe/emailverification").default;
    supertokensThirdParty?: typeof import("supertokens-web-js/recipe/thirdparty").default;
    supertokensPasswordless?: typeof import("supertokens-web-js/recipe/passwordless").default;
    supertokensMultitenancy?: typeof import("supertokens-web-js/recipe/multitenancy").default;
  }
}

/** A recipe call's result, checked to be `OK` (the whole result is the failure message) and narrowed to that case. */
export function expectOk<Result extends { status: string }>(result: Result): Extract<Result, { status: "OK" }> {
  expect(result.status, JSON.stringify(result)).toBe("OK");
  return result as Extract<Result, { status: "OK" }>;
}
