import { randomBytes } from "node:crypto";
import { contentSecurityPolicy } from "../security-headers.mjs";

/**
 * A page's Content-Security-Policy (lib/security-headers.mjs) with a fresh nonce: 128 random
 * bits, base64, new for every request, so that a nonce seen in one page is worth nothing in the
 * next. Pages are therefore rendered per request (app/layout.tsx), never served from a build.
 */
export function pagePolicy(dev = process.env.NODE_ENV !== "production"): string {
  return contentSecurityPolicy({ nonce: randomBytes(16).toString("base64"), dev });
}

/**
 * What the proxy forwards with a request (NextResponse.next/rewrite): its headers with the
 * page's policy in `Content-Security-Policy`, where Next looks for the nonce to put on the
 * scripts it renders. It replaces whatever a client sent in that header.
 */
export function forwardWithPolicy(request: Request, policy: string): { request: { headers: Headers } } {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return { request: { headers } };
}
