/**
 * The world the authorization sweep (authz-sweep.ts) probes: two users, A and B, each holding
 * what the API can give a user, made through the API itself wherever it can be.
 *
 * B: two sessions (one switched into B's organization, with server-side session data), an
 * email+password account, a TOTP device, recovery codes, a named passkey, a global role with a
 * permission, an organization ("beta-…") with an admin and a member besides the owner and two
 * open invitations, and pending emailed tokens (email verification, password reset, a
 * passwordless sign-in). A: a session (MFA completed), a TOTP device, an organization of its
 * own with an open invitation. Every value of B's is distinctive, so that finding it in an
 * answer means it came from B's data.
 */
import { expect } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import type { Stores } from "../../auth/ports";
import { createCapturingDelivery, tokenOf } from "../../auth/testing/email-fixtures";
import { totpCode } from "../../auth/testing/rfc6238";
import { createPasskey } from "../../auth/testing/soft-authenticator";
import { createTestEngine } from "../../auth/testing/test-engine";
import { SWEEP_CONFIG } from "./bad-input-sweep";
import { createAuthClient, credentials } from "./client";

export const API = "/api/auth";
/** Every recipe on (as the bad-input sweep), no rate limits in the way. */
export const AUTHZ_CONFIG: GatehouseConfig = { ...SWEEP_CONFIG };

type Client = ReturnType<typeof createAuthClient>;
const PASSWORD = "authz-sweep-pw-1";

/** What the sweep knows of B, and of B's organization: the identifiers it substitutes, and the secrets it looks for. */
export interface VictimIds {
  userId: string;
  email: string;
  sessionHandles: string[];
  sessionDataMarker: string;
  deviceName: string;
  totpSecret: string;
  recoveryCodes: string[];
  passkeyId: string;
  passkeyName: string;
  role: string;
  permission: string;
  organizationId: string;
  organizationName: string;
  /** The other members of B's organization: an admin, then a plain member. */
  members: { userId: string; email: string }[];
  invitations: { id: string; email: string; token: string }[];
  verificationToken: string;
  resetToken: string;
  passwordless: { preAuthSessionId: string; deviceId: string };
}

/** A outside B's organization; or inside it, a plain member or an admin, its session switched into it. */
export type AuthzVariant = "outsider" | "member" | "admin";

/** Builds the world on `stores`, A's place in B's organization as `variant` says. */
export async function createAuthzWorld(variant: AuthzVariant, stores?: Stores) {
  const delivery = createCapturingDelivery();
  const background: Promise<unknown>[] = [];
  const engine = createTestEngine(AUTHZ_CONFIG, { stores, emailDelivery: delivery, waitUntil: (task) => void background.push(task) });
  const { ctx, clock } = engine;
  const settle = async () => {
    while (background.length > 0) await Promise.all(background.splice(0));
  };
  const tag = Math.random().toString(36).slice(2, 8);
  const call = async (client: Client, method: string, path: string, body?: unknown) => {
    const response = await client.send(method, `${API}${path}`, { body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  /** Each TOTP code is taken once per 30-second step: a new sign-in moves the clock past the last one. */
  const nextStep = () => clock.advanceSeconds(31);

  async function signUpWithTotp(email: string, deviceName: string) {
    const client = createAuthClient(ctx);
    const { user } = await call(client, "POST", "/signup", credentials(email, PASSWORD));
    const { secret } = await call(client, "POST", "/totp/device", { deviceName });
    await call(client, "POST", "/totp/device/verify", { deviceName, totp: totpCode(secret, clock.now()) });
    return { client, userId: user.id as string, secret: secret as string };
  }

  async function signInWithTotp(email: string, secret: string): Promise<Client> {
    const client = createAuthClient(ctx);
    await call(client, "POST", "/signin", credentials(email, PASSWORD));
    nextStep();
    await call(client, "POST", "/totp/verify", { totp: totpCode(secret, clock.now()) });
    return client;
  }

  // B, with everything.
  const bEmail = `bee.owner.${tag}@example.com`;
  const deviceName = `bee-phone-${tag}`;
  const b = await signUpWithTotp(bEmail, deviceName);
  const { recoveryCodes } = await call(b.client, "POST", "/mfa/recovery-codes");
  const options = await call(b.client, "POST", "/webauthn/options/register", { email: bEmail });
  const { passkey, response } = createPasskey(options, "http://localhost:3000");
  const passkeyName = `bee-key-${tag}`;
  const registration = { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, recipeUserId: b.userId, credential: response };
  await call(b.client, "POST", "/webauthn/credential", { ...registration, name: passkeyName });
  nextStep();
  const bSecond = await signInWithTotp(bEmail, b.secret);
  const organizationId = `beta-${tag}`;
  const organizationName = `Beta Corp ${tag}`;
  await call(b.client, "POST", "/organizations", { slug: organizationId, name: organizationName });
  const members = [];
  for (const [role, name] of [
    ["admin", "carol"],
    ["member", "dave"],
  ] as const) {
    const email = `${name}.${tag}@example.com`;
    const { user } = await call(createAuthClient(ctx), "POST", "/signup", credentials(email, PASSWORD));
    expect(await engine.stores.organizations.addMember({ organizationId, userId: user.id, role, joinedAt: clock.now() })).toEqual({ status: "OK" });
    members.push({ userId: user.id as string, email });
  }
  const invitations = [];
  for (const [name, role] of [
    ["ivy", "member"],
    ["ian", "admin"],
  ]) {
    const email = `${name}.invitee.${tag}@example.com`;
    const { invitationId } = await call(b.client, "POST", `/organizations/${organizationId}/invitations`, { email, role });
    invitations.push({ id: invitationId as string, email, token: "" });
  }
  await call(b.client, "PUT", "/organizations/active", { organizationId });
  const role = `editor-${tag}`;
  const permission = `docs:write-${tag}`;
  await engine.stores.roles.createRoleOrAddPermissions(role, [permission]);
  await engine.stores.roles.addRoleToUser(b.userId, role);
  await call(bSecond, "POST", "/user/email/verify/token");
  await call(createAuthClient(ctx), "POST", "/user/password/reset/token", { formFields: [{ id: "email", value: bEmail }] });
  const passwordless = await call(createAuthClient(ctx), "POST", "/signinup/code", { email: bEmail });
  const sessionHandles = await engine.stores.sessions.listSessionHandlesForUser(b.userId, clock.now());
  expect(sessionHandles).toHaveLength(2);
  const sessionDataMarker = `bee-session-data-${tag}`;
  for (const handle of sessionHandles) await engine.stores.sessions.updateSession(handle, { sessionData: { note: sessionDataMarker } });

  await settle();
  /** The token of the newest email of `kind` to `to`. */
  const latestToken = (to: string, kind: string) => tokenOf(delivery.sent.filter((m) => m.to === to && m.kind === kind).at(-1));
  for (const invitation of invitations) invitation.token = latestToken(invitation.email, "ORGANIZATION_INVITATION");

  // A: its own session, factor and organization.
  const aEmail = `alpha.${tag}@example.com`;
  const a = await signUpWithTotp(aEmail, `alpha-phone-${tag}`);
  const ownOrganizationId = `alpha-${tag}`;
  await call(a.client, "POST", "/organizations", { slug: ownOrganizationId, name: `Alpha ${tag}` });
  await call(a.client, "POST", `/organizations/${ownOrganizationId}/invitations`, { email: `alpha.invitee.${tag}@example.com`, role: "member" });
  if (variant !== "outsider") {
    await engine.stores.organizations.addMember({ organizationId, userId: a.userId, role: variant, joinedAt: clock.now() });
  }

  /** A signed in afresh, MFA completed (and, a member of B's organization, switched into it). */
  async function signInA(): Promise<Client> {
    const client = await signInWithTotp(aEmail, a.secret);
    // Once A has left (the sweep's last route), the switch is refused: A stays outside.
    if (variant !== "outsider") await client.send("PUT", `${API}/organizations/active`, { body: { organizationId } });
    return client;
  }
  const aClient = variant === "outsider" ? a.client : await signInA();

  const victim: VictimIds = {
    userId: b.userId,
    email: bEmail,
    sessionHandles,
    sessionDataMarker,
    deviceName,
    totpSecret: b.secret,
    recoveryCodes,
    passkeyId: passkey.credentialId.toString("base64url"),
    passkeyName,
    role,
    permission,
    organizationId,
    organizationName,
    members,
    invitations,
    verificationToken: latestToken(bEmail, "EMAIL_VERIFICATION"),
    resetToken: latestToken(bEmail, "PASSWORD_RESET"),
    passwordless: { preAuthSessionId: passwordless.preAuthSessionId, deviceId: passwordless.deviceId },
  };
  const attacker = { userId: a.userId, email: aEmail, ownOrganizationId, client: aClient, signIn: signInA };
  return { ...engine, delivery, settle, latestToken, variant, victim, attacker };
}

export type AuthzWorld = Awaited<ReturnType<typeof createAuthzWorld>>;
