/** The PROVIDER_LINKED notice names the provider as the sign-in button does, not by its config id. */
import { describe, expect, it } from "vitest";
import { createEmailEngine } from "../testing/email-fixtures";
import { composeSecurityNotice } from "./security-notice";

describe("the provider-linked notice", () => {
  it("names the provider as its button does, in the subject, the text and the HTML", async () => {
    const { ctx } = createEmailEngine({
      appName: "Acme",
      appOrigin: "https://app.example.com",
      thirdParty: {
        providers: { google: { clientId: "id", clientSecret: "secret" }, github: { clientId: "id", clientSecret: "secret", name: "Corp <Code>" } },
      },
    });
    const google = await composeSecurityNotice(ctx, { userId: "u1", to: "ada@example.com", event: "PROVIDER_LINKED", provider: "google" });
    expect(google.subject).toBe("Google sign-in was added to your Acme account");
    expect(google.text).toContain("Signing in with Google was just added to the Acme account for ada@example.com");
    const github = await composeSecurityNotice(ctx, { userId: "u1", to: "ada@example.com", event: "PROVIDER_LINKED", provider: "github" });
    expect(github.subject).toBe("Corp <Code> sign-in was added to your Acme account");
    expect(github.html).toContain("Signing in with Corp &#60;Code&#62; was just added");
    // A provider since removed from the config is named by its id, as before.
    const gone = await composeSecurityNotice(ctx, { userId: "u1", to: "ada@example.com", event: "PROVIDER_LINKED", provider: "gitlab" });
    expect(gone.subject).toBe("gitlab sign-in was added to your Acme account");
  });
});
