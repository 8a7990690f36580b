/**
 * Invitations to one address for one organization sent at the same moment, from separate
 * connections (two admins, two instances), on SQLite, PostgreSQL and MariaDB. SQLite runs them on
 * the one shared client: in one process better-sqlite3 waits for another connection's lock
 * synchronously (sqlite-connection-lock.ts). Each new invitation
 * revokes the open ones for that address (OrganizationStore.createInvitation), so exactly one may
 * stay open: a second open link would still let its holder join after the inviter had replaced it
 * (with another role, say) or revoked the one they could see.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { OrganizationInvitationRow } from "../auth/ports/organization-store";
import { getPrismaClient } from ".";
import { describeOnEachDatabase } from "./testing/each-database";
import { separateInstances } from "./testing/separate-instances";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const SENDERS = 6;

describeOnEachDatabase((provider, url) => {
  const instances = separateInstances(url);

  it(`${provider}: of invitations to one address sent at once, exactly one stays open`, async () => {
    const clients =
      provider === "sqlite" ? await Promise.all(Array.from({ length: SENDERS }, () => getPrismaClient(url()))) : await instances.open(SENDERS);
    const stores = clients.map((client) => instances.storesOn(client));
    const ownerId = randomUUID();
    expect(
      (await stores[0].users.createEmailPasswordUser({ id: ownerId, email: `${ownerId}@acme.test`, passwordHash: "h", timeJoined: T0 })).status,
    ).toBe("OK");
    const organizationId = `invite-${randomUUID().slice(0, 8)}`;
    const organization = { id: organizationId, name: "Invite", loginMethods: null, createdAt: T0 };
    expect(await stores[0].organizations.createOrganization({ organization, ownerUserId: ownerId })).toEqual({ status: "OK" });

    for (let round = 0; round < 3; round++) {
      const createdAt = new Date(T0.getTime() + (round + 1) * 60_000);
      const invitation = (): OrganizationInvitationRow => ({
        id: randomUUID(),
        organizationId,
        email: `invitee-${round}@example.com`,
        role: "member",
        tokenHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
        invitedBy: ownerId,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 3_600_000),
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      });
      const sent = await Promise.all(stores.map((s) => s.organizations.createInvitation(invitation())));
      expect(sent).toEqual(Array(SENDERS).fill(true));
      const open = (await stores[0].organizations.listOpenInvitations(organizationId, createdAt)).filter(
        (i) => i.email === `invitee-${round}@example.com`,
      );
      expect(open).toHaveLength(1);
    }
  });
});
