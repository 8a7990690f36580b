import { describe, expect, it } from "vitest";
import { resolveConfig } from "./resolve-config";

describe("resolveConfig", () => {
  it("fills documented defaults", () => {
    const c = resolveConfig({});
    expect(c).toMatchObject({
      apiBasePath: "/api/auth",
      websiteBasePath: "/auth",
      appOrigin: "http://localhost:3000",
      trustedOrigins: [],
      session: {
        accessTokenTtlSeconds: 3600,
        refreshTokenTtlSeconds: 8_640_000,
        absoluteSessionTtlSeconds: 31_536_000,
        refreshGraceSeconds: 10,
        signingAlgorithm: "RS256",
        keyRotationIntervalSeconds: 604_800,
        antiCsrf: "VIA_CUSTOM_HEADER",
        cookieSameSite: "lax",
        cookieSecure: false,
        accessTokenCookieName: "sAccessToken",
        refreshTokenCookieName: "sRefreshToken",
      },
    });
  });

  it("lets the environment set TTLs and the origin, down to 1 second", () => {
    const c = resolveConfig(
      { session: { accessTokenTtlSeconds: 60 } },
      { GATEHOUSE_ACCESS_TOKEN_TTL: "1", GATEHOUSE_REFRESH_TOKEN_TTL: "5", GATEHOUSE_APP_ORIGIN: "https://app.example.com/" },
    );
    expect(c.session.accessTokenTtlSeconds).toBe(1);
    expect(c.session.refreshTokenTtlSeconds).toBe(5);
    expect(c.appOrigin).toBe("https://app.example.com");
    expect(c.session.cookieSecure).toBe(true);
  });

  it.each([
    [{}, { GATEHOUSE_ACCESS_TOKEN_TTL: "0" }],
    [{}, { GATEHOUSE_ACCESS_TOKEN_TTL: "1.5" }],
    [{}, { GATEHOUSE_REFRESH_TOKEN_TTL: "soon" }],
    [{}, { GATEHOUSE_APP_ORIGIN: "ftp://x" }],
    [{ apiBasePath: "api" }, {}],
    [{ trustedOrigins: ["not a url"] }, {}],
    [{ session: { cookieSameSite: "none" as const } }, {}],
    [{ session: { accessTokenCookieName: "bad name" } }, {}],
    [{ session: { accessTokenCookieName: "x", refreshTokenCookieName: "x" } }, {}],
    [{ appOrigin: "http://app.a.test", session: { cookieDomain: ".a.test", olderCookieDomain: ".a.test" } }, {}],
  ])("refuses %j %j with CONFIG_INVALID", (config, env) => {
    expect(() => resolveConfig(config, env)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});

describe("resolveConfig: the brute-force limits", () => {
  // rate-limiter-flexible reads a duration of 0 as "never expires" (a lockout for good), points 0
  // as "refuse everything", and throws on NaN or a negative duration only when the limiter is
  // first used (a 500 at the first sign-in): each must stop the start, naming the option.
  const names = [
    "signInFailuresPerAccount",
    "signInFailuresPerAccountAllClients",
    "signInPerIp",
    "signUpPerIp",
    "emailExistsPerIp",
    "refreshPerIp",
  ] as const;
  const bad = [
    { points: 10, durationSeconds: 0 },
    { points: 0, durationSeconds: 60 },
    { points: 10, durationSeconds: Number.NaN },
    { points: 10, durationSeconds: -1 },
    { points: 1.5, durationSeconds: 60 },
    { points: 10, durationSeconds: Number.POSITIVE_INFINITY },
  ];
  it.each(names.flatMap((name) => bad.map((limit) => [name, limit] as const)))("refuses rateLimits.%s = %j, naming it", (name, limit) => {
    expect(() => resolveConfig({ rateLimits: { [name]: limit } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(`rateLimits.${name}`) }),
    );
  });

  it("keeps a valid limit as given", () => {
    expect(resolveConfig({ rateLimits: { signInPerIp: { points: 5, durationSeconds: 30 } } }).rateLimits.signInPerIp).toEqual({
      points: 5,
      durationSeconds: 30,
    });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses rateLimits.memoryMaxKeys = %s, naming it", (memoryMaxKeys) => {
    expect(() => resolveConfig({ rateLimits: { memoryMaxKeys } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("rateLimits.memoryMaxKeys") }),
    );
  });

  // GATEHOUSE_RATE_LIMIT_STORE reaches rateLimits.store in the example config, and a Redis URL is
  // what a deployer reading "{ redis: client }" may put there: its password must not reach the
  // start-up log, which prints this message (lib/startup-check.ts).
  it.each(["redis://default:hunter2-secret@redis:6379", "rediss://:hunter2-secret@cache.example.com", "default:hunter2-secret@redis:6379"])(
    "refuses rateLimits.store = %s without echoing its password",
    (store) => {
      let message = "";
      try {
        resolveConfig({ rateLimits: { store: store as "memory" } });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("rateLimits.store");
      expect(message).not.toContain("hunter2-secret");
    },
  );

  it("names a mistyped rateLimits.store word as it was written", () => {
    expect(() => resolveConfig({ rateLimits: { store: "databse" as "database" } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining('"databse"') }),
    );
  });

  it("holds 100000 keys per limit in memory unless told otherwise", () => {
    expect(resolveConfig({}).rateLimits.memoryMaxKeys).toBe(100_000);
    expect(resolveConfig({ rateLimits: { memoryMaxKeys: 500 } }).rateLimits.memoryMaxKeys).toBe(500);
  });
});

describe("resolveConfig: session numbers", () => {
  // NaN passed every check: a NaN grace made every parallel refresh look like theft, an infinite
  // one accepted a replayed parent token for ever (no theft detection), and a NaN size cap let a
  // token of any size through to parsing.
  it.each([
    ["refreshGraceSeconds", Number.NaN],
    ["refreshGraceSeconds", Number.POSITIVE_INFINITY],
    ["maxAccessTokenBytes", Number.NaN],
    ["maxAccessTokenBytes", 0],
    ["maxAccessTokenBytes", -1],
    ["maxAccessTokenBytes", 1.5],
    ["maxAccessTokenBytes", Number.POSITIVE_INFINITY],
  ])("refuses session.%s = %s, naming it", (name, value) => {
    expect(() => resolveConfig({ session: { [name]: value } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(name) }),
    );
  });

  it("keeps a grace of 0 and a raised size cap", () => {
    const c = resolveConfig({ session: { refreshGraceSeconds: 0, maxAccessTokenBytes: 16384 } });
    expect(c.session).toMatchObject({ refreshGraceSeconds: 0, maxAccessTokenBytes: 16384 });
  });
});

describe("resolveConfig: the session's closed choices", () => {
  // Nothing checked these: an unknown antiCsrf mode issued no anti-csrf token yet was not "NONE",
  // so the refresh endpoint lost its Origin check (it checks only for the two known modes); a
  // sameSite of "None" slipped past the "none needs Secure" rule into `SameSite=None` without
  // Secure (browsers drop such cookies), and any other string went into Set-Cookie as it was.
  it.each([
    ["antiCsrf", "via_custom_header"],
    ["antiCsrf", "VIA_HEADER"],
    ["antiCsrf", ""],
    ["cookieSameSite", "None"],
    ["cookieSameSite", "Lax"],
    ["cookieSameSite", "lax; Domain=evil.example"],
  ])("refuses session.%s = %j, naming it", (name, value) => {
    expect(() => resolveConfig({ session: { [name]: value } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(`session.${name}`) }),
    );
  });

  // With SameSite=None the browser sends the session cookies on every cross-site request, so
  // antiCsrf is the only defence left: with "NONE" as well, a POST from any site to
  // /api/auth/user/email/verify/token or /api/auth/signout (Origin https://evil.example, no rid)
  // was answered 200 with the victim's session.
  it("refuses antiCsrf NONE with cookieSameSite none, naming both", () => {
    expect(() => resolveConfig({ appOrigin: "https://app.example.com", session: { cookieSameSite: "none", antiCsrf: "NONE" } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringMatching(/session\.antiCsrf.*session\.cookieSameSite/) }),
    );
  });

  it.each(["VIA_CUSTOM_HEADER", "VIA_TOKEN"] as const)("keeps antiCsrf %s with cookieSameSite none", (antiCsrf) => {
    expect(resolveConfig({ appOrigin: "https://app.example.com", session: { cookieSameSite: "none", antiCsrf } }).session.antiCsrf).toBe(antiCsrf);
  });

  it.each(["VIA_CUSTOM_HEADER", "VIA_TOKEN", "NONE"] as const)("keeps antiCsrf %s", (antiCsrf) => {
    expect(resolveConfig({ session: { antiCsrf } }).session.antiCsrf).toBe(antiCsrf);
  });

  it.each(["lax", "strict"] as const)("keeps cookieSameSite %s", (cookieSameSite) => {
    expect(resolveConfig({ session: { cookieSameSite } }).session.cookieSameSite).toBe(cookieSameSite);
  });
});

describe("resolveConfig: the password policy's lengths", () => {
  // Unchecked, a NaN minLength turned the length rule off (no length is "< NaN"), a NaN or
  // infinite maxLength let a password of any length reach the hash, and a maxLength under
  // minLength (or 0) refused every new password: each must stop the start, naming the option.
  it.each([
    [{ minLength: Number.NaN }, "minLength"],
    [{ minLength: -1 }, "minLength"],
    [{ minLength: 0 }, "minLength"],
    [{ minLength: 7.5 }, "minLength"],
    [{ maxLength: Number.NaN }, "maxLength"],
    [{ maxLength: Number.POSITIVE_INFINITY }, "maxLength"],
    [{ maxLength: 0 }, "maxLength"],
    [{ minLength: 300 }, "maxLength"],
    [{ minLength: 12, maxLength: 10 }, "maxLength"],
  ])("refuses passwordPolicy %j, naming %s", (passwordPolicy, name) => {
    expect(() => resolveConfig({ emailPassword: { passwordPolicy } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(`emailPassword.passwordPolicy.${name}`) }),
    );
  });

  it("keeps lengths that agree", () => {
    expect(resolveConfig({ emailPassword: { passwordPolicy: { minLength: 12, maxLength: 12 } } }).emailPassword.passwordPolicy).toMatchObject({
      minLength: 12,
      maxLength: 12,
    });
  });
});

describe("resolveConfig: lifetimes the databases can hold", () => {
  // Accepted without an upper bound, a lifetime of thousands of years made expiries no database
  // holds (MariaDB's DATETIME ends at 9999) or no Date can: GATEHOUSE_REFRESH_TOKEN_TTL=99999999999999
  // started, signed users up, then threw at every refresh ('"exp" claim must be a finite number');
  // accessTokenTtlSeconds: 1e14 failed every sign-in with SIGNING_KEY_UNAVAILABLE.
  const tooLong = 100 * 365 * 24 * 3600 + 1;
  it.each([
    [{ session: { accessTokenTtlSeconds: 1e14 } }, {}, "accessTokenTtlSeconds"],
    [{ session: { refreshTokenTtlSeconds: tooLong } }, {}, "refreshTokenTtlSeconds"],
    [{ session: { absoluteSessionTtlSeconds: 1e12 } }, {}, "absoluteSessionTtlSeconds"],
    [{ session: { keyRotationIntervalSeconds: 1e14 } }, {}, "keyRotationIntervalSeconds"],
    [{}, { GATEHOUSE_REFRESH_TOKEN_TTL: "99999999999999" }, "GATEHOUSE_REFRESH_TOKEN_TTL"],
    [{}, { GATEHOUSE_ACCESS_TOKEN_TTL: String(tooLong) }, "GATEHOUSE_ACCESS_TOKEN_TTL"],
    [{ passwordReset: { tokenTtlSeconds: 1e12 } }, {}, "passwordReset.tokenTtlSeconds"],
    [{ emailVerification: { tokenTtlSeconds: 1e12 } }, {}, "emailVerification.tokenTtlSeconds"],
  ])("refuses %j %j, naming %s", (config, env, name) => {
    expect(() => resolveConfig(config, env)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(name) }));
  });

  it("keeps a lifetime of 100 years", () => {
    const hundredYears = 100 * 365 * 24 * 3600;
    const c = resolveConfig({ session: { absoluteSessionTtlSeconds: hundredYears, refreshTokenTtlSeconds: hundredYears } });
    expect(c.session).toMatchObject({ absoluteSessionTtlSeconds: hundredYears, refreshTokenTtlSeconds: hundredYears });
  });
});

describe("resolveConfig: the per-account limits agree", () => {
  // Failures from one address count towards both limits, and that address is held back at
  // signInFailuresPerAccount. With the all-clients ceiling at or under it, one address reached
  // the ceiling too and locked the real user, signing in from elsewhere, out of the account for
  // the window (seen with signInFailuresPerAccount raised to 100, the ceiling left at its 100),
  // which docs/security.md promises an attacker at one address cannot do.
  it.each([
    [{ signInFailuresPerAccount: { points: 100, durationSeconds: 900 } }],
    [{ signInFailuresPerAccountAllClients: { points: 10, durationSeconds: 900 } }],
    [{ signInFailuresPerAccount: { points: 20, durationSeconds: 900 }, signInFailuresPerAccountAllClients: { points: 5, durationSeconds: 900 } }],
  ])("refuses %j, naming both", (rateLimits) => {
    expect(() => resolveConfig({ rateLimits })).toThrow(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringMatching(/signInFailuresPerAccountAllClients.*signInFailuresPerAccount\b/),
      }),
    );
  });

  it("keeps a ceiling above the per-account limit", () => {
    const c = resolveConfig({
      rateLimits: {
        signInFailuresPerAccount: { points: 100, durationSeconds: 900 },
        signInFailuresPerAccountAllClients: { points: 101, durationSeconds: 900 },
      },
    });
    expect(c.rateLimits.signInFailuresPerAccountAllClients.points).toBe(101);
  });
});

describe("resolveConfig: origins", () => {
  // An origin is scheme, host and port. A path, query or credentials in one were dropped in
  // silence (GATEHOUSE_APP_ORIGIN=https://example.com/app put every email link and the issuer
  // at https://example.com), and a trustedOrigins that was not a list stopped the start with
  // "map is not a function", naming nothing.
  it.each([
    [{ appOrigin: "https://example.com/app" }, {}, "https://example.com/app"],
    [{}, { GATEHOUSE_APP_ORIGIN: "https://example.com?x=1" }, "https://example.com?x=1"],
    [{ appOrigin: "https://user:pw@example.com" }, {}, "no credentials"],
    [{ trustedOrigins: ["https://admin.example.com/login"] }, {}, "https://admin.example.com/login"],
    [{ trustedOrigins: "https://admin.example.com" as never }, {}, "trustedOrigins"],
  ])("refuses %j %j, naming %s", (config, env, named) => {
    expect(() => resolveConfig(config, env)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(named) }));
  });

  it("keeps an origin written with its trailing slash, or with the default port", () => {
    expect(resolveConfig({ appOrigin: "https://example.com:443/", trustedOrigins: ["https://a.example.com/"] })).toMatchObject({
      appOrigin: "https://example.com",
      trustedOrigins: ["https://a.example.com"],
    });
  });
});
