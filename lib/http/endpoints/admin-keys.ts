import { z } from "zod";
import { rotateSigningKeys } from "../../auth/session/session-info";
import { asAdmin } from "../admin-auth";
import { parseBody } from "../parse";
import { json } from "../respond";

/**
 * Signing-key rotation over the admin API (Gatehouse's own, beyond the FDI), the same as
 * `npm run gatehouse -- keys rotate`. The instance that answers starts signing with the new key
 * at once; the others load it on their next unknown kid or within a minute.
 */
const rotateBody = z.object({ retireOldKeys: z.boolean().optional() }).strict();

/** POST /admin/keys/rotate {retireOldKeys?} → {status:"OK", kid, retired} */
const handleRotateKeys = asAdmin(async (ctx, request) => {
  const body = await parseBody(request, rotateBody);
  if (!body.ok) return body.response;
  const rotated = await rotateSigningKeys(ctx, { retireOldKeys: body.value.retireOldKeys ?? false });
  return json({ status: "OK", kid: rotated.kid, retired: rotated.retired });
});

export const ADMIN_KEY_ROUTES = {
  "/admin/keys/rotate": { POST: handleRotateKeys },
};
