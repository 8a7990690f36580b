/**
 * The FDI's deprecated paths, which the spec still lists and older SuperTokens clients call:
 * `/signup/email/exists` belongs to email+password or to passwordless, told apart by the
 * request's `rid` as the reference backend does (a `rid` naming passwordless, the old
 * third-party-and-passwordless recipe's included; none, or any other, is email+password).
 * `/signup/phonenumber/exists` is passwordless's alone: routes.ts gives it today's handler.
 */
import type { Endpoint } from "../endpoint";
import { handleEmailExists } from "./email-password";
import { handlePasswordlessEmailExists } from "./passwordless";

/** GET [/<tenantId>]/signup/email/exists?email= → today's email+password or passwordless answer, by `rid`. */
export const handleDeprecatedEmailExists: Endpoint = (ctx, request, params, client) =>
  (request.headers.get("rid") ?? "").includes("passwordless")
    ? handlePasswordlessEmailExists(ctx, request, params, client)
    : handleEmailExists(ctx, request, params, client);
