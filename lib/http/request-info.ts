/**
 * Device details stored with a new session for the user's session list. The IP comes from the
 * proxy's X-Forwarded-For (Vercel and most hosts set it); it is informational only and never
 * used for an access decision, so a spoofed value costs nothing.
 */
export function requestInfo(request: Request): { userAgent: string | null; ip: string | null } {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    userAgent: request.headers.get("user-agent"),
    ip: forwarded || request.headers.get("x-real-ip") || null,
  };
}
