import { after } from "next/server";
import { gatehouse } from "@/lib/gatehouse";
import { handleAuthRequest } from "@/lib/http/routes";

// The auth API needs Node's crypto and the database drivers, and must never be cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Work after the answer (a password-reset email) keeps a serverless function alive until done:
// this request's own `after`, on a per-request copy of the engine (lib/http/request-log.ts).
const handle = (request: Request) => handleAuthRequest(gatehouse(), request, { waitUntil: after });

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
// Answered by the route table (each path's own Allow, 404 for an unknown one), not by Next's
// default OPTIONS, which names every method above for every path. HEAD reaches GET through Next.
export const OPTIONS = handle;
