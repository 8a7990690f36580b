"use server";

import { getActionSession } from "@/lib/next/server-action";

export type WhoAmIState =
  { status: "OK"; userId: string; role: unknown } | { status: "UNAUTHORISED" | "TRY_REFRESH_TOKEN_ERROR" | "INVALID_CLAIM" } | null;

/** Answers from the verified session only: a visitor without one is refused, not redirected. */
export async function whoAmI(_previous: WhoAmIState, _form: FormData): Promise<WhoAmIState> {
  const result = await getActionSession();
  if (result.status !== "OK") return { status: result.status };
  return { status: "OK", userId: result.session.userId, role: result.session.accessTokenPayload.role ?? null };
}
