/**
 * The authorization sweep (every-route-authz.test.ts): IDOR and confused-deputy probing of every
 * route of the auth API (ROUTES, so a new route is covered the day it is added). A, signed in
 * and then with no session, calls every route with B's identifiers in every place a route
 * takes one: path parameters (B's organization and A's own, B's and B's members' user ids, B's
 * invitation ids, B's role), the query, the body (B's email, session handles, device name,
 * current TOTP code, recovery code, passkey id, invitation tokens meant for others, B's emailed
 * tokens at the routes they are not made for, a passkey
 * registration for B's user id, the passwordless ids of B's pending sign-in, …), and the tenant
 * segment of the FDI paths (B's organization). The oracles:
 * - B's state, read through the stores before and after each route, is unchanged, but for the
 *   few parts the FDI lets anyone change (ALLOWED_CHANGES, each with its reason);
 * - no answer to A (body, headers, the front token's payload) carries a secret of B's
 *   (authz-snapshot.ts) that A's request did not, nor one of A's own view (A's copies of B's
 *   values, a device named as B's, are undone after each route, so that they excuse no later answer);
 * - A outside B's organization gets the same answers for it as for one never made;
 * - never a 5xx; the admin API never answers A with anything but 401/403;
 * - the sweep reaches the handlers: A's session gets past authentication on every non-admin route.
 */
import { expect } from "vitest";
import { totpCode } from "../../auth/testing/rfc6238";
import { createPasskey } from "../../auth/testing/soft-authenticator";
import { ROUTES, TENANT_PATHS } from "../routes";
import { API, type AuthzWorld } from "./authz-world";
import { attackerOwnView, changedParts, dropAttackerCopies, snapshotVictim, victimSecrets } from "./authz-snapshot";
import { createAuthClient, credentials } from "./client";

/**
 * What anyone may change of B's, whoever they are: the FDI's own design, not an authorization.
 * - Asking a reset link for an address sends one to it, and the newest link replaces the last.
 * - The passwordless ids are the bearer capability of the browser that started the sign-in (the
 *   FDI's): whoever holds them may have the code sent again, or try codes, counted per device
 *   (B's session list, also compared, shows that no try signed anyone in as B).
 */
const ALLOWED_CHANGES: Record<string, string[]> = {
  "/user/password/reset/token": ["resetToken"],
  "/signinup/code/resend": ["passwordlessSignIn"],
  "/signinup/code/consume": ["passwordlessSignIn"],
};

/**
 * What an admin of B's organization may change of it: the other members (not the owner) and the
 * invitations. Nothing of the owner's, nor the organization itself (delete and transfer are the owner's).
 */
const ADMIN_MAY_CHANGE: Record<string, string[]> = {
  "/organizations/:organizationId/members/:userId": ["otherMembers"],
  "/organizations/:organizationId/invitations": ["invitations"],
  "/organizations/:organizationId/invitations/:invitationId": ["invitations"],
};

/** Routes that can end A's session or membership: swept last, `leave` the very last. */
const LAST = ["/session/refresh", "/user/sessions/revoke", "/signout", "/organizations/:organizationId/leave"];

type Body = Record<string, unknown>;

/** Every value of B's a path parameter can take; A's own organization too (a confused deputy: A's rights, B's object). */
function pathValues(world: AuthzWorld): Record<string, string[]> {
  const v = world.victim;
  return {
    organizationId: [v.organizationId, world.attacker.ownOrganizationId],
    // Spelt in capitals too: a database comparing case-insensitively (MariaDB's default) must not find B's row for it.
    userId: [v.userId, v.userId.toUpperCase(), ...v.members.map((m) => m.userId)],
    invitationId: [...v.invitations.map((i) => i.id), v.invitations[0]!.id.toUpperCase()],
    role: [v.role, "admin"],
  };
}

/** The concrete paths of a route: every combination of its parameters' values, and B's tenant in front of an FDI path. */
function pathsOf(world: AuthzWorld, route: string): string[] {
  const values = pathValues(world);
  let paths = [route];
  for (const [, name] of route.matchAll(/:(\w+)/g)) {
    paths = paths.flatMap((path) => (values[name!] ?? ["x"]).map((value) => path.replace(`:${name}`, encodeURIComponent(value))));
  }
  if (TENANT_PATHS.has(route)) paths.push(`/${world.victim.organizationId}${route}`);
  return paths.map((path) => API + path);
}

/** Query strings naming B (and B's admin) in every key an endpoint reads. */
function queriesOf(world: AuthzWorld): string[] {
  const v = world.victim;
  const naming = (userId: string, email: string) =>
    `?${new URLSearchParams({
      email,
      userId,
      sessionHandle: v.sessionHandles[0]!,
      deviceName: v.deviceName,
      organizationId: v.organizationId,
      tenantId: v.organizationId,
      invitationId: v.invitations[0]!.id,
      webauthnCredentialId: v.passkeyId,
      preAuthSessionId: v.passwordless.preAuthSessionId,
      role: v.role,
      limit: "100",
    })}`;
  return ["", naming(v.userId, v.email), naming(v.members[0]!.userId, v.members[0]!.email)];
}

const swapCase = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");

/** Bodies naming B's things, in the shapes the endpoints parse; some are made at send time. */
function bodiesOf(world: AuthzWorld): ((route: string) => Body | null | Promise<Body>)[] {
  const v = world.victim;
  const { preAuthSessionId, deviceId } = v.passwordless;
  const newPassword = [{ id: "password", value: "set-by-a-pw-1" }];
  const bodies: Body[] = [
    {},
    credentials(v.email, "not-bees-password-1"),
    // Someone new, at B's organization's tenant among others: signing up there must not make a member.
    credentials(`newcomer.${v.organizationId}@example.com`, "newcomer-pw-1"),
    { formFields: [{ id: "email", value: v.email }] },
    { email: v.email },
    { email: v.email, role: "admin" },
    { email: v.members[1]!.email, role: "admin" },
    { role: "admin" },
    { role: "member" },
    { role: "owner" },
    { userId: v.userId },
    ...v.members.map((m) => ({ userId: m.userId })),
    { confirm: v.organizationId },
    { organizationId: v.organizationId },
    // Tokens that went to others' inboxes: a leaked link must not work for someone else's account.
    ...v.invitations.map((i) => ({ token: i.token })),
    { method: "token", token: v.invitations[0]!.token },
    { method: "token", token: v.invitations[0]!.token, formFields: newPassword },
    { deviceName: v.deviceName },
    { deviceName: v.deviceName.toUpperCase() },
    { recoveryCode: v.recoveryCodes[0] },
    { webauthnCredentialId: v.passkeyId },
    { webauthnCredentialId: v.passkeyId, name: "renamed-by-a" },
    { webauthnCredentialId: swapCase(v.passkeyId), name: "renamed-by-a" },
    ...v.sessionHandles.map((sessionHandle) => ({ sessionHandle })),
    { sessionHandle: v.sessionHandles[0]!.toUpperCase() },
    { sessionHandles: v.sessionHandles },
    { all: true },
    { password: "set-by-a-pw-1" },
    { preAuthSessionId, deviceId },
    { preAuthSessionId, deviceId, userInputCode: "000000" },
    { preAuthSessionId, linkCode: "not-the-link-code" },
    {
      email: v.email,
      userId: v.userId,
      recipeUserId: v.userId,
      organizationId: v.organizationId,
      tenantId: v.organizationId,
      deviceName: v.deviceName,
      sessionHandle: v.sessionHandles[0],
      webauthnCredentialId: v.passkeyId,
      invitationId: v.invitations[0]!.id,
      role: "admin",
    },
  ];
  // B's current code: shoulder-surfed, it must not count for A, nor use B's step up.
  const code = () => totpCode(v.totpSecret, world.clock.now());
  // B's emailed tokens, each sent everywhere but to the route it is made for (where holding it is
  // the capability it carries): B's reset link verifies nothing, B's verification link resets nothing.
  // Read when sent: the sweep keeps them B's live ones (a reset link asked for replaces the last).
  const crossPurpose: [() => string, string][] = [
    [() => v.resetToken, "/user/password/reset"],
    [() => v.verificationToken, "/user/email/verify"],
  ];
  return [
    ...bodies.map((body) => () => body),
    ...crossPurpose.map(
      ([token, own]) =>
        (route: string) =>
          route === own ? null : { method: "token", token: token(), formFields: newPassword },
    ),
    () => ({ totp: code() }),
    () => ({ deviceName: v.deviceName, totp: code() }),
    // A passkey made with options for B's address, posted for B's user id.
    async () => {
      const anonymous = createAuthClient(world.ctx);
      const options = await (await anonymous.send("POST", `${API}/webauthn/options/register`, { body: { email: v.email } })).json();
      if (options.status !== "OK") return { recipeUserId: v.userId };
      const { response } = createPasskey(options, "http://localhost:3000");
      return { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, recipeUserId: v.userId, credential: response };
    },
  ];
}

/** The answer as one searchable string: body, headers, and the front token's payload decoded. */
function answerText(response: Response, body: string): string {
  const front = response.headers.get("front-token");
  const decoded = front && front !== "remove" ? Buffer.from(front, "base64").toString("utf8") : "";
  return [body, ...[...response.headers].map(([name, value]) => `${name}: ${value}`), decoded].join("\n");
}

/**
 * Whether the client still holds an access token of A's, of a session the store has (a 401 need
 * not have ended it; a sign-up of someone else's in A's browser replaced it).
 */
async function isLive(world: AuthzWorld, client: ReturnType<typeof createAuthClient>): Promise<boolean> {
  const token = client.jar.get("sAccessToken")?.value;
  if (!token) return false;
  const { sub, sessionHandle } = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
  return sub === world.attacker.userId && (await world.stores.sessions.getSession(sessionHandle)) !== null;
}

export interface AuthzSweepOptions {
  /** Who calls: A's session, and no session. @default both */
  callers?: readonly ("A" | "anonymous")[];
}

/** Runs the sweep on `world`; throws (through expect) with every finding. */
export async function sweepAuthorization(world: AuthzWorld, options: AuthzSweepOptions = {}): Promise<void> {
  const callers = options.callers ?? (["A", "anonymous"] as const);
  const failures: string[] = [];
  const reached = new Map<string, Set<number>>();
  const queries = queriesOf(world);
  const bodies = bodiesOf(world);
  let attacker = world.attacker.client;

  async function send(caller: "A" | "anonymous", route: string, method: string, path: string, body?: Body) {
    const client = caller === "A" ? attacker : createAuthClient(world.ctx);
    const response = await client.send(method, path, body === undefined ? {} : { body });
    const text = await response.text();
    await world.settle();
    const shown = `${caller} ${method} ${path} ${JSON.stringify(body ?? null).slice(0, 120)}`;
    if (caller === "A") reached.set(route, (reached.get(route) ?? new Set()).add(response.status));
    if (response.status >= 500) failures.push(`${response.status} for ${shown}: ${text.slice(0, 200)}`);
    if (route.startsWith("/admin") && response.status !== 401 && response.status !== 403) {
      failures.push(`the admin API answered ${response.status} to ${shown}`);
    }
    const request = `${path}\n${JSON.stringify(body ?? null)}`;
    const answer = answerText(response, text);
    const found = victimSecrets(world).filter((s) => answer.includes(s.value) && !request.includes(s.value));
    if (found.length > 0) {
      const own = await attackerOwnView(world);
      for (const secret of found.filter((s) => !own.includes(s.value)))
        failures.push(`${secret.name} in the answer to ${shown}: ${text.slice(0, 300)}`);
    }
    // A's session ended (signed out, revoked, left from inside) or is someone else's: A signs in again for what follows.
    if (caller === "A" && !(await isLive(world, attacker))) attacker = await world.attacker.signIn();
    return `${response.status} ${text}`;
  }

  /**
   * `send`, and for A outside B's organization at an organization route naming it, the same
   * request naming an organization never made: the answers must be the same (nothing tells
   * an outsider that B's organization exists).
   */
  async function probe(caller: "A" | "anonymous", route: string, method: string, path: string, body?: Body) {
    const answer = await send(caller, route, method, path, body);
    const organizationId = world.victim.organizationId;
    const request = `${path}\n${JSON.stringify(body ?? null)}`;
    if (world.variant !== "outsider" || caller !== "A" || !route.startsWith("/organizations") || !request.includes(organizationId)) return;
    const ghostly = (text: string) => text.split(organizationId).join(`ghost-${organizationId}`);
    const ghost = await send(caller, route, method, ghostly(path), body && JSON.parse(ghostly(JSON.stringify(body))));
    if (ghostly(answer) !== ghost)
      failures.push(`B's organization told from none by ${method} ${path} ${JSON.stringify(body ?? null)}: ${answer} / ${ghost}`);
  }

  const routes = [...Object.keys(ROUTES).filter((route) => !LAST.includes(route)), ...LAST];
  for (const route of routes) {
    const before = await snapshotVictim(world);
    for (const method of Object.keys(ROUTES[route]!)) {
      for (const path of pathsOf(world, route)) {
        for (const caller of callers) {
          if (method === "GET" || method === "DELETE") {
            for (const query of queries) await probe(caller, route, method, path + query);
          } else {
            for (const make of bodies) {
              const body = await make(route);
              if (body) await probe(caller, route, method, path, body);
            }
          }
        }
      }
    }
    const changes = changedParts(before, await snapshotVictim(world));
    const allowed = [...(ALLOWED_CHANGES[route] ?? []), ...((world.variant === "admin" && ADMIN_MAY_CHANGE[route]) || [])];
    const changed = changes.filter((part) => !allowed.includes(part));
    // B's reset link was replaced (by design): the newest one is B's live link from now on.
    if (changes.includes("resetToken")) world.victim.resetToken = world.latestToken(world.victim.email, "PASSWORD_RESET");
    if (changed.length > 0) failures.push(`${route} changed B's ${changed.join(", ")}`);
    await dropAttackerCopies(world);
  }
  expect(failures).toEqual([]);
  const neverPastAuth = routes.filter((route) => !route.startsWith("/admin") && [...reached.get(route)!].every((s) => s === 401 || s === 403));
  expect(neverPastAuth).toEqual([]);
}
