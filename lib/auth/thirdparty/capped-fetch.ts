/**
 * fetch for every request to a provider (discovery, token, user-info, JWKS), with the answer's
 * size capped. openid-client and jose read a whole body before parsing it, and the timeout alone
 * lets a provider that streams without end fill the process's memory for requestTimeoutSeconds,
 * on every concurrent sign-in. No OAuth answer comes near the cap: discovery documents, key sets,
 * token and user-info answers are a few kilobytes.
 */

/** The largest answer read from a provider, in bytes. */
export const MAX_PROVIDER_ANSWER_BYTES = 1024 * 1024;

/** A provider's answer larger than MAX_PROVIDER_ANSWER_BYTES; classified in provider-error.ts. */
export class ProviderAnswerTooLarge extends Error {
  constructor() {
    super(`the provider's answer is larger than ${MAX_PROVIDER_ANSWER_BYTES} bytes`);
    this.name = "ProviderAnswerTooLarge";
  }
}

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Typed for openid-client's and jose's `customFetch` alike: each passes fetch's own options. */
export async function cappedFetch(url: string, options: unknown): Promise<Response> {
  const response = await fetch(url, options as RequestInit);
  if (!response.body || NULL_BODY.has(response.status)) return response;
  if (Number(response.headers.get("content-length") ?? 0) > MAX_PROVIDER_ANSWER_BYTES) {
    await response.body.cancel().catch(() => undefined);
    throw new ProviderAnswerTooLarge();
  }
  let total = 0;
  // Counted as it arrives: a declared length is not a promise, and a stream may declare none.
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > MAX_PROVIDER_ANSWER_BYTES) controller.error(new ProviderAnswerTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
}
