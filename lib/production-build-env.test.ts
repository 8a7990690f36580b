/**
 * A production build (`next start`, the standalone server) started with another NODE_ENV in its
 * environment ("development", or a "staging" of the deployer's): Next keeps that value in
 * process.env but inlines "production" into the build, and the engine built there must be the
 * production one throughout, not only its config (lib/app-origin.test.ts): no development
 * outbox that keeps the mail unsent and writes its links (with their tokens) to the log, no SMS
 * outbox, and no secret generated into .env.local when GATEHOUSE_SECRET is missing.
 */
import { mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryStores } from "./auth/testing/memory-stores";
import { TEST_SECRET } from "./auth/testing/test-engine";
import { createGatehouse } from "./gatehouse";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe.each(["development", "staging"])("a production build started with NODE_ENV=%s", (runtimeNodeEnv) => {
  it("sends no email to the development outbox: without SMTP_URL every send fails, and no link is logged", async () => {
    vi.stubEnv("NODE_ENV", "production"); // what the build inlined
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const ctx = createGatehouse({ env: { NODE_ENV: runtimeNodeEnv, GATEHOUSE_SECRET: TEST_SECRET }, overrides: { stores: createMemoryStores() } });
    const link = "http://localhost:3000/auth/reset-password?token=secret-token-123";
    const email = {
      kind: "PASSWORD_RESET" as const,
      from: { name: "A", address: "a@b.example" },
      to: "u@b.example",
      subject: "s",
      text: link,
      html: link,
      link,
    };
    await expect(ctx.emailDelivery.send(email)).rejects.toMatchObject({ name: "EmailDeliveryError" });
    expect(JSON.stringify([...info.mock.calls, ...error.mock.calls])).not.toContain("secret-token-123");
    await expect(ctx.smsDelivery.send({ to: "+15555550100", text: "Your code: 123456", userInputCode: "123456" })).rejects.toBeDefined();
    expect(JSON.stringify(info.mock.calls)).not.toContain("123456");
  });

  it("refuses to start without GATEHOUSE_SECRET instead of generating one into .env.local", () => {
    vi.stubEnv("NODE_ENV", "production");
    const dir = mkdtempSync(join(tmpdir(), "gatehouse-prod-env-"));
    vi.spyOn(process, "cwd").mockReturnValue(dir);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(() => createGatehouse({ env: { NODE_ENV: runtimeNodeEnv }, overrides: { stores: createMemoryStores() } })).toThrow(
        expect.objectContaining({ code: "SECRET_MISSING" }),
      );
      expect(existsSync(join(dir, ".env.local"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
