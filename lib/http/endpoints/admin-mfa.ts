import type { Endpoint } from "../endpoint";
import { getUserFactors, resetUserFactors } from "../../auth/mfa/admin-factors";
import * as users from "../../auth/users/users";
import { asAdmin } from "../admin-auth";
import { json } from "../respond";

const unknownUser = () => json({ status: "UNKNOWN_USER_ERROR" }, 404);

/** GET /admin/users/:userId/mfa → `{status:"OK", devices:[{name, verified, createdAt}], recoveryCodesLeft}` (ms times). */
const handleGetFactors = asAdmin(async (ctx, _request, params) => {
  if (!(await users.getUser(ctx, params.userId))) return unknownUser();
  const factors = await getUserFactors(ctx, params.userId);
  return json({ status: "OK", ...factors, devices: factors.devices.map((d) => ({ ...d, createdAt: d.createdAt.getTime() })) });
});

/** POST /admin/users/:userId/mfa/reset → `{status:"OK", devices, recoveryCodes}` (how many were removed); audited. */
const handleResetFactors = asAdmin(async (ctx, _request, params) => {
  if (!(await users.getUser(ctx, params.userId))) return unknownUser();
  return json({ status: "OK", ...(await resetUserFactors(ctx, params.userId)) });
});

/** Spread into the route table (lib/http/routes.ts). */
export const ADMIN_MFA_ROUTES: Record<string, Partial<Record<string, Endpoint>>> = {
  "/admin/users/:userId/mfa": { GET: handleGetFactors },
  "/admin/users/:userId/mfa/reset": { POST: handleResetFactors },
};
