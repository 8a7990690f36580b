/**
 * Starting a passwordless sign-in (`createCode`) and sending another code to the same device
 * (`resendCode`). The answer is the same whether or not the address has an account: the FDI
 * tells nothing about accounts here, and neither do we. The exceptions: an address whose mail
 * would go to another mailbox, refused unless an account holds it already (new-address.ts), and
 * a contact without an account while the budget of such sends is spent (send-budget.ts).
 */
import { randomUUID } from "node:crypto";
import type { PasswordlessFlowType } from "../config";
import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { limitClientWith } from "../limits/client-limits";
import { limitAttempt, type TooManyAttempts } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import type { OutgoingEmail } from "../email/email-delivery";
import { logTemplateFailure } from "../email/send-email";
import { MESSAGE } from "../wire-codes";
import {
  createDeviceId,
  createLinkCode,
  createUserInputCode,
  hashLinkCode,
  hashUserInputCode,
  MAX_SECRET_LENGTH,
  preAuthSessionIdOf,
  sameHash,
} from "./codes";
import { contactKey, type Contact } from "./contact";
import type { PasswordlessCodeRow, PasswordlessDeviceRow } from "../ports/passwordless-store";
import { passwordlessFlowOf, type Tenant } from "../organizations/tenants";
import { composePasswordlessEmail, composePasswordlessSms, type SignInSecrets } from "./passwordless-message";
import { maySendCodeTo, NEW_ADDRESS_REFUSED } from "./new-address";
import { limitSendsToNewContacts } from "./send-budget";

export type CreateCodeResult =
  | { status: "OK"; deviceId: string; preAuthSessionId: string; flowType: PasswordlessFlowType }
  | { status: "GENERAL_ERROR"; message: string }
  /** An address whose mail would go to another mailbox, which no account holds (new-address.ts). */
  | typeof NEW_ADDRESS_REFUSED
  | TooManyAttempts;

export type ResendCodeResult = { status: "OK" } | { status: "RESTART_FLOW_ERROR" } | { status: "GENERAL_ERROR"; message: string } | TooManyAttempts;

/**
 * The page the magic link opens: it asks for a click before consuming (link scanners only load
 * pages). `tenantId` tells supertokens-web-js where to consume it: the tenant it was sent under.
 */
export function magicLink(ctx: EngineContext, preAuthSessionId: string, linkCode: string, tenantId = "public"): string {
  const url = new URL(`${ctx.config.websiteBasePath}/verify`, ctx.config.appOrigin);
  url.searchParams.set("preAuthSessionId", preAuthSessionId);
  url.searchParams.set("tenantId", tenantId);
  // In the fragment: never sent to the server with the page load, so it is not in access logs.
  url.hash = linkCode;
  return url.toString();
}

/** The flow a sign-in with this contact runs: the tenant's (absent: the configuration's), or null when the tenant takes no such contact. */
export function flowFor(ctx: EngineContext, contact: Contact, tenant: Tenant | undefined): PasswordlessFlowType | null {
  return tenant ? passwordlessFlowOf(tenant, "email" in contact ? "email" : "phone") : ctx.config.passwordless.flowType;
}

/** A fresh code for the device: its stored form, and what the message carries (what the flow sends). */
function newCode(
  ctx: EngineContext,
  preAuthSessionId: string,
  flowType: PasswordlessFlowType,
  tenantId: string | undefined,
): { row: PasswordlessCodeRow; secrets: SignInSecrets } {
  const { codeLength, codeLifetimeSeconds } = ctx.config.passwordless;
  // A link-only flow sends no code to type: the one kept is as long as a link code, beyond any guess.
  const userInputCode = flowType === "MAGIC_LINK" ? createLinkCode() : createUserInputCode(codeLength);
  const linkCode = createLinkCode();
  const now = ctx.now();
  const row: PasswordlessCodeRow = {
    id: randomUUID(),
    preAuthSessionId,
    userInputCodeHash: hashUserInputCode(ctx.keys.passwordlessCode, preAuthSessionId, userInputCode),
    linkCodeHash: hashLinkCode(linkCode, tenantId),
    createdAt: now,
    expiresAt: new Date(now.getTime() + codeLifetimeSeconds * 1000),
  };
  const secrets: SignInSecrets = {
    ...(flowType !== "MAGIC_LINK" ? { userInputCode } : {}),
    ...(flowType !== "USER_INPUT_CODE" ? { link: magicLink(ctx, preAuthSessionId, linkCode, tenantId) } : {}),
  };
  return { row, secrets };
}

/**
 * A device this old (seconds) past its codes' lifetime is swept by the next createCode. A resend
 * therefore goes only to a device younger than this, so that its code outlives it in the store.
 */
const STALE_AFTER_SECONDS = 86_400;

const SMS_DELIVERY_FAILED = "The text message could not be sent. Please try again later.";

const deliveryFailed = (contact: Contact) => ({
  status: "GENERAL_ERROR" as const,
  message: "email" in contact ? MESSAGE.EMAIL_DELIVERY_FAILED : SMS_DELIVERY_FAILED,
});

async function deliver(ctx: EngineContext, contact: Contact, secrets: SignInSecrets): Promise<boolean> {
  try {
    if ("email" in contact) await ctx.emailDelivery.send(await composeOrLog(ctx, contact.email, secrets));
    else await ctx.smsDelivery.send(composePasswordlessSms(ctx, contact.phoneNumber, secrets));
    logAuthEvent(ctx, "passwordless.code_sent", { method: "email" in contact ? "email" : "sms" });
    return true;
  } catch {
    // The delivery has logged the cause; the browser learns only that it failed.
    return false;
  }
}

/** The sign-in email; a deployer template that throws is logged here (the delivery logs only what it is given), then fails the send. */
async function composeOrLog(ctx: EngineContext, to: string, secrets: SignInSecrets): Promise<OutgoingEmail> {
  try {
    return await composePasswordlessEmail(ctx, to, secrets);
  } catch (error) {
    logTemplateFailure(ctx, "PASSWORDLESS_LOGIN", undefined, error);
    throw error;
  }
}

/** Per client: asking for codes at all. */
function limitSendsByClient(ctx: EngineContext, client: ClientInfo): Promise<TooManyAttempts | null> {
  return limitClientWith(ctx, "passwordless-sendLimitPerClient", ctx.config.passwordless.sendLimitPerClient, client);
}

/**
 * Per contact: the victim's inbox. Counted here, not in lib/http: a resend names only a device,
 * so the address it goes to is known only after the device is read.
 */
async function limitSendsToContact(ctx: EngineContext, contact: Contact): Promise<TooManyAttempts | null> {
  if (!ctx.config.rateLimits.enabled) return null;
  return limitAttempt(ctx, "passwordless-send-per-contact", ctx.config.passwordless.sendLimitPerContact, contactKey(contact));
}

/**
 * `tenant`: the tenant the sign-in is started under (absent: the public tenant). The device and
 * link are bound to it (codes.ts), and its flow decides what the message carries.
 */
export async function createCode(ctx: EngineContext, contact: Contact, client: ClientInfo, tenant?: Tenant): Promise<CreateCodeResult> {
  const flowType = flowFor(ctx, contact, tenant);
  if (!flowType) return { status: "GENERAL_ERROR", message: MESSAGE.CONTACT_NOT_ACCEPTED };
  const perClient = await limitSendsByClient(ctx, client);
  if (perClient) return perClient;
  // Before the per-contact count: a refused address sends nothing, and its twins must not each count apart.
  if (!(await maySendCodeTo(ctx, contact))) return NEW_ADDRESS_REFUSED;
  const limited = (await limitSendsToContact(ctx, contact)) ?? (await limitSendsToNewContacts(ctx, contact));
  if (limited) return limited;
  const deviceId = createDeviceId();
  const preAuthSessionId = preAuthSessionIdOf(deviceId, tenant?.id);
  const device: PasswordlessDeviceRow = {
    preAuthSessionId,
    email: "email" in contact ? contact.email : null,
    phoneNumber: "phoneNumber" in contact ? contact.phoneNumber : null,
    failedAttempts: 0,
    createdAt: ctx.now(),
  };
  const { row, secrets } = newCode(ctx, preAuthSessionId, flowType, tenant?.id);
  await ctx.stores.passwordless.createDevice(device, row);
  // Sign-ins never finished leave their devices behind: those older than a day past their codes go.
  const staleBefore = new Date(device.createdAt.getTime() - (ctx.config.passwordless.codeLifetimeSeconds + STALE_AFTER_SECONDS) * 1000);
  ctx.waitUntil(ctx.stores.passwordless.deleteDevicesCreatedBefore(staleBefore).catch(() => 0));
  if (!(await deliver(ctx, contact, secrets))) return deliveryFailed(contact);
  return { status: "OK", deviceId, preAuthSessionId, flowType };
}

/** True when `deviceId` is the device behind `preAuthSessionId` (both as the client sent them), started under `tenantId`. */
export function deviceMatches(deviceId: string, preAuthSessionId: string, tenantId?: string): boolean {
  if (deviceId.length === 0 || deviceId.length > MAX_SECRET_LENGTH || preAuthSessionId.length > MAX_SECRET_LENGTH) return false;
  return sameHash(preAuthSessionIdOf(deviceId, tenantId), preAuthSessionId);
}

/**
 * Another code for the same device. The older codes keep working until they expire, and the
 * wrong tries already made still count: a resend invalidates nothing and resets nothing. A device
 * started a day ago or more gets RESTART_FLOW_ERROR instead (see STALE_AFTER_SECONDS).
 */
export async function resendCode(
  ctx: EngineContext,
  input: { deviceId: string; preAuthSessionId: string },
  client: ClientInfo,
  tenant?: Tenant,
): Promise<ResendCodeResult> {
  const perClient = await limitSendsByClient(ctx, client);
  if (perClient) return perClient;
  // A device started under another tenant does not match here (codes.ts).
  if (!deviceMatches(input.deviceId, input.preAuthSessionId, tenant?.id)) return { status: "RESTART_FLOW_ERROR" };
  const found = await ctx.stores.passwordless.getDevice(input.preAuthSessionId);
  if (!found) return { status: "RESTART_FLOW_ERROR" };
  // Older, the sweep above could delete the device while the new code is valid: sent, it would
  // be refused when typed. Starting again costs the same email and keeps the promise it makes.
  if (ctx.now().getTime() - found.device.createdAt.getTime() >= STALE_AFTER_SECONDS * 1000) return { status: "RESTART_FLOW_ERROR" };
  const contact: Contact = found.device.email !== null ? { email: found.device.email } : { phoneNumber: found.device.phoneNumber! };
  // The tenant may have stopped taking this kind of contact since the sign-in started.
  const flowType = flowFor(ctx, contact, tenant);
  if (!flowType) return { status: "RESTART_FLOW_ERROR" };
  const limited = (await limitSendsToContact(ctx, contact)) ?? (await limitSendsToNewContacts(ctx, contact));
  if (limited) return limited;
  const { row, secrets } = newCode(ctx, input.preAuthSessionId, flowType, tenant?.id);
  if (!(await ctx.stores.passwordless.addCode(row))) return { status: "RESTART_FLOW_ERROR" };
  if (!(await deliver(ctx, contact, secrets))) return deliveryFailed(contact);
  return { status: "OK" };
}
