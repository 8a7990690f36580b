import { afterEach, describe, expect, it, vi } from "vitest";

const config = vi.hoisted(() => ({ current: { session: { cookieDomain: undefined as string | undefined } } }));
vi.mock("./gatehouse", () => ({ gatehouse: () => ({ config: config.current }) }));
vi.mock("./startup-notices", () => ({ startupNotices: () => [] }));

const { checkStartup } = await import("./startup-check");

describe("checkStartup", () => {
  afterEach(() => vi.restoreAllMocks());

  function spies() {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    return { exit, error };
  }

  it("refuses to start with a cookieDomain on a public suffix, whose cookies browsers drop", async () => {
    config.current = { session: { cookieDomain: ".vercel.app" } };
    const { exit, error } = spies();
    await checkStartup();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toContain('cannot start: session.cookieDomain ".vercel.app" is a public suffix');
  });

  it("starts with the deployment's own domain, or with none", async () => {
    for (const cookieDomain of [".example.com", undefined]) {
      config.current = { session: { cookieDomain } };
      const { exit, error } = spies();
      await checkStartup();
      expect(exit).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      vi.restoreAllMocks();
    }
  });
});
