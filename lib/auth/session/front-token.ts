/**
 * The FDI `front-token` header: base64 of `{uid, ate, up}` — user id, access-token expiry in
 * milliseconds and the payload — which supertokens-web-js reads to know the session without
 * seeing the HttpOnly access token.
 */
export function encodeFrontToken(userId: string, accessTokenExpirySeconds: number, payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ uid: userId, ate: accessTokenExpirySeconds * 1000, up: payload }), "utf8").toString("base64");
}

export function decodeFrontToken(value: string): { uid: string; ate: number; up: Record<string, unknown> } {
  return JSON.parse(Buffer.from(value, "base64").toString("utf8"));
}
