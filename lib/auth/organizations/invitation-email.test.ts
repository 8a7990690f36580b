/** The invitation email's words: the role in the reader's language, the organization's name escaped in HTML only. */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { INVITATION_TTL_SECONDS } from "./invitations";
import { composeInvitationEmail, invitationLink } from "./invitation-email";

function invitation(locale: "en" | "de", role: string) {
  const { ctx } = createTestEngine({ appName: "Acme", appOrigin: "https://app.example.com", email: { locale } });
  const link = invitationLink(ctx, "tok+/=");
  return composeInvitationEmail(ctx, { to: "bob@example.com", organizationName: "R&D <Lab>", role, link, ttlSeconds: INVITATION_TTL_SECONDS });
}

describe("the invitation email", () => {
  it("names the role in German in a German email, as the pages do (Verwalter, Mitglied)", () => {
    for (const [role, word] of [
      ["admin", "Verwalter"],
      ["member", "Mitglied"],
    ] as const) {
      const email = invitation("de", role);
      expect(email.text).toContain(`R&D <Lab> bei Acme als ${word} beizutreten`);
      expect(email.html).toContain(`R&#38;D &#60;Lab&#62; bei Acme als ${word} beizutreten`);
      expect(email.text + email.html).not.toContain(`als ${role}`);
    }
  });

  it("names the role in English in an English email", () => {
    expect(invitation("en", "admin").text).toContain("join R&D <Lab> on Acme as admin.");
    expect(invitation("en", "member").text).toContain("join R&D <Lab> on Acme as member.");
  });

  it("carries the same link, its token encoded, in the text and the HTML", () => {
    const email = invitation("en", "member");
    expect(email.link).toBe("https://app.example.com/auth/accept-invitation?token=tok%2B%2F%3D");
    expect(email.text).toContain(email.link);
    expect(email.html).toContain(`href="${email.link}"`);
    expect(email.subject).toBe("You are invited to R&D <Lab> on Acme");
  });
});
