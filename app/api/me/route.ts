import { withSession } from "@/lib/next/with-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Example protected route: reads the session from the access token alone, no database call. */
export const GET = withSession(async (_request, session) =>
  Response.json({
    userId: session.userId,
    sessionHandle: session.sessionHandle,
    accessTokenPayload: session.accessTokenPayload,
  }),
);
