import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { decodeProviderSegment, noSignInMessage, unknownProviderMessage } from "./callback-error-text";

const PHISH = "Your account is locked. Call +1 800 555 0100 to unlock it";

describe("the callback page's messages from its URL", () => {
  it("shows a provider's registered error code", () => {
    expect(noSignInMessage(en, "Google", "access_denied")).toBe("Google did not sign you in (access_denied).");
    expect(noSignInMessage(de, "Google", "temporarily_unavailable")).toContain("temporarily_unavailable");
  });

  it("never echoes an error that is not a registered code, nor any error_description", () => {
    const shown = noSignInMessage(en, "Google", PHISH);
    expect(shown).not.toContain("Call");
    expect(shown).toBe(en.providerFailed);
    expect(noSignInMessage(en, "Google", `access_denied: ${PHISH}`)).toBe(en.providerFailed);
  });

  it("says no sign-in is in progress when the provider sent no error", () => {
    expect(noSignInMessage(en, "Google", null)).toBe(en.noSignInInProgress.replace("{provider}", "Google"));
  });

  it("names an unknown provider only when its id is a plain word", () => {
    expect(unknownProviderMessage(en, "no-such-provider")).toBe("No provider called \u201cno-such-provider\u201d is enabled here.");
    const shown = unknownProviderMessage(en, PHISH);
    expect(shown).not.toContain("Call");
    expect(shown).toBe("No provider called \u201c\u2026\u201d is enabled here.");
  });

  it("reads a path segment that is not valid percent-encoding as it came, without throwing", () => {
    expect(decodeProviderSegment("google")).toBe("google");
    expect(decodeProviderSegment("my%20idp")).toBe("my idp");
    expect(decodeProviderSegment("%E0%A4%A")).toBe("%E0%A4%A");
  });
});
