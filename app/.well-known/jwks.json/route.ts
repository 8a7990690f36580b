import { gatehouse } from "@/lib/gatehouse";
import { handleJwks } from "@/lib/http/endpoints/session";
import { errorResponse } from "@/lib/http/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  let ctx: ReturnType<typeof gatehouse> | undefined;
  try {
    ctx = gatehouse();
    return await handleJwks(ctx);
  } catch (error) {
    return errorResponse(error, ctx?.log);
  }
}
