import { gatehouse } from "@/lib/gatehouse";
import { handleAuthRequest } from "@/lib/http/routes";

// The auth API needs Node's crypto and the database drivers, and must never be cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleAuthRequest(gatehouse(), request);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
