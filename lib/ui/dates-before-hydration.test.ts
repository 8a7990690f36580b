import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { OrganizationInvitations } from "./organization-invitations";
import { OrganizationMembers } from "./organization-members";

// A date in the server's HTML is hydrated by the browser's first render, which must produce the
// same text: written in the server process's zone, it was another day than the browser's (a
// hydration error, and the wrong day until React re-rendered) whenever the two zones disagree.
// 23:30 UTC is already the next day at +14 and still the same day at -11.
const LATE_EVENING_UTC = Date.UTC(2026, 4, 6, 23, 30);
const zone = process.env.TZ;

function htmlIn(timeZone: string, element: ReactElement): string {
  process.env.TZ = timeZone;
  return renderToString(element);
}

const components: [string, ReactElement][] = [
  [
    "the members' join dates",
    h(OrganizationMembers, {
      organizationId: "acme",
      myUserId: "u-1",
      canManage: false,
      locale: "en-GB",
      members: [{ userId: "u-2", email: "ada@example.com", role: "member", joinedAt: LATE_EVENING_UTC }],
    }),
  ],
  [
    "the invitations' expiry dates",
    h(OrganizationInvitations, {
      organizationId: "acme",
      locale: "en-GB",
      invitations: [{ id: "i-1", email: "bob@example.com", role: "member", expiresAt: LATE_EVENING_UTC }],
    }),
  ],
];

describe("dates in the server's HTML do not depend on the server process's time zone", () => {
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it.each(components)("%s", (_name, element) => {
    const east = htmlIn("Pacific/Kiritimati", element);
    const west = htmlIn("Pacific/Pago_Pago", element);
    expect(east).toContain("2026");
    expect(east).toBe(west);
  });
});
