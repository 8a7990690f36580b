import { withSession } from "@/lib/next/with-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Example: the same as /api/me, but with `checkDatabase: true`. One primary-key read per
 * request confirms the session row still exists, so a revoked session is refused at once instead
 * of when its access token expires. Use it for payments, admin actions and the like.
 */
export const GET = withSession(async (_request, session) => Response.json({ userId: session.userId, sessionHandle: session.sessionHandle }), {
  checkDatabase: true,
});
