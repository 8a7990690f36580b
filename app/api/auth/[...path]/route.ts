import { after } from "next/server";
import { gatehouse } from "@/lib/gatehouse";
import { handleAuthRequest } from "@/lib/http/routes";

// The auth API needs Node's crypto and the database drivers, and must never be cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => {
  const ctx = gatehouse();
  // Work after the answer (a password-reset email) keeps a serverless function alive until done.
  ctx.waitUntil = after;
  return handleAuthRequest(ctx, request);
};

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
