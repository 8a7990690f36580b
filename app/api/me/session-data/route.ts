import { getSessionData } from "@/lib/auth/session/session";
import { gatehouse } from "@/lib/gatehouse";
import { unauthorised } from "@/lib/http/respond";
import { withSession } from "@/lib/next/with-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Example: server-only session data, which lives in the database under the session handle. */
export const GET = withSession(async (_request, session) => {
  const sessionData = await getSessionData(gatehouse(), session.sessionHandle);
  if (sessionData === null) return unauthorised();
  return Response.json({ sessionHandle: session.sessionHandle, sessionData }, { headers: { "Cache-Control": "no-store" } });
});
