import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveGatehouseConfig } from "./gatehouse";

describe("the default app origin", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("a production build is never development, whatever NODE_ENV the process is started with (next start)", () => {
    // What Next's build inlines for process.env.NODE_ENV.
    vi.stubEnv("NODE_ENV", "production");
    expect(resolveGatehouseConfig({ NODE_ENV: "development", PORT: "3457" }, {}).development).toBe(false);
    expect(resolveGatehouseConfig({ NODE_ENV: "development", PORT: "3457" }, {}).appOrigin).toBe("http://localhost:3000");
  });

  it("in development follows the port next dev serves; otherwise http://localhost:3000", () => {
    expect(resolveGatehouseConfig({ NODE_ENV: "development", PORT: "3457" }, {}).appOrigin).toBe("http://localhost:3457");
    expect(resolveGatehouseConfig({ NODE_ENV: "development" }, {}).appOrigin).toBe("http://localhost:3000");
    expect(resolveGatehouseConfig({ NODE_ENV: "production", PORT: "3457" }, {}).appOrigin).toBe("http://localhost:3000");
    expect(resolveGatehouseConfig({ NODE_ENV: "development", PORT: "3457", GATEHOUSE_APP_ORIGIN: "https://a.example" }, {}).appOrigin).toBe(
      "https://a.example",
    );
    expect(resolveGatehouseConfig({ NODE_ENV: "development", PORT: "3457" }, {}).development).toBe(true);
    expect(resolveGatehouseConfig({ NODE_ENV: "production" }, {}).development).toBe(false);
  });
});
