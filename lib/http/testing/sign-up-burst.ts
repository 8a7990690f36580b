/**
 * The child process of kill-sign-up.db.test.ts: a server-side burst of sign-ups through the real
 * route table on a real database, reporting each answer on stdout as it comes. The test kills
 * it with SIGKILL in the middle and checks what the database kept.
 *
 * Protocol, one line each: `ready`, `start <email>` before a request, `done <email>` after a
 * 200 OK with status OK. On Linux, writes to a pipe are synchronous, so a line printed was sent.
 */
import { createPrismaStores } from "../../store";
import { createTestEngine } from "../../auth/testing/test-engine";
import { handleAuthRequest } from "../routes";

export async function runSignUpBurst(input: { url: string; prefix: string; count: number; concurrency: number; password: string }): Promise<void> {
  // Per-IP limits are not what this exercises; the requests carry no client address anyway.
  const { ctx } = createTestEngine({ rateLimits: { enabled: false } }, { stores: createPrismaStores(input.url) });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // The signing key first: under jiti, Prisma's error rendering throws a TypeError on the unique
  // violation that concurrent first key creations race into (errorFormat "minimal" avoids it).
  await ctx.keyRing.getSigningKey(ctx.now());
  let next = 0;
  say("ready");
  async function worker() {
    while (next < input.count) {
      const email = `${input.prefix}-${next++}@example.com`;
      say(`start ${email}`);
      const response = await handleAuthRequest(
        ctx,
        new Request("http://localhost:3000/api/auth/signup", {
          method: "POST",
          headers: { origin: "http://localhost:3000", rid: "emailpassword", "content-type": "application/json" },
          body: JSON.stringify({
            formFields: [
              { id: "email", value: email },
              { id: "password", value: input.password },
            ],
          }),
        }),
      );
      const body = (await response.json()) as { status?: string };
      say(response.status === 200 && body.status === "OK" ? `done ${email}` : `failed ${email} ${response.status} ${body.status}`);
    }
  }
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  say("finished");
}
