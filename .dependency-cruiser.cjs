// Gatehouse's layers, checked on every `npm test` (the "layers" step of scripts/test-all.mjs;
// `npm run layers` alone). Calls go down:
//
//   app/, pages/, proxy.ts ─→ lib/next ─┐
//                          └→ lib/ui ───┴→ lib/http ─→ lib/auth ←─ lib/store (Prisma)
//
// - lib/auth is the engine: plain TypeScript, no next/*, React or Prisma, and nothing of the
//   project outside itself (it declares the store interfaces; lib/store implements them).
// - Only lib/store touches Prisma. The composition roots (lib/gatehouse.ts, lib/cli/,
//   lib/startup-check.ts) wire lib/store into the engine; the layers above reach the stores
//   only through them.
// - lib/next and lib/ui sit side by side: what both need (the UI's dictionaries) is in lib/i18n.
// - lib/client runs in the browser: it imports only itself and npm packages.
// - No cycles, type-only imports included (tsPreCompilationDeps).
// Skipping a layer downwards is allowed (app → lib/http, lib/ui → lib/auth's shared validators).
// Test files are exempt only where noted, each time for the one thing they must wire.
//
// scripts/layers.test.ts shows that the rules fail on wrong imports.

/** Test files and test helpers. */
const TESTS = "(\\.test\\.tsx?|\\.contract\\.ts)$|/testing/";
/** The in-memory test engine, which builds through the composition root like the app. */
const TEST_ENGINE = "^lib/auth/testing/test-engine\\.ts$";
/** The files that wire the stores into the engine. */
const COMPOSITION_ROOTS = "^lib/gatehouse(\\.ts$|/)|^lib/cli/|^lib/startup-check\\.ts$";
/** Next.js, React and Prisma: frameworks and drivers, each confined to its own layers. */
const NEXT_REACT = "^node_modules/(next|react|react-dom|@types/react|@types/react-dom)/";
const PRISMA = "^node_modules/(@prisma/|prisma/|\\.prisma/)|^lib/store/generated/";
const APP = "^(app|pages)/|^(proxy|instrumentation)\\.ts$";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle, even of types only, means a shared type belongs in a leaf module both can import.",
      severity: "error",
      from: {},
      to: { circular: true },
    },

    // lib/auth: the engine.
    {
      name: "auth-no-next-react-prisma",
      comment: "lib/auth is plain TypeScript: requests come through lib/http, storage through the interfaces lib/store implements.",
      severity: "error",
      from: { path: "^lib/auth/" },
      to: { path: [NEXT_REACT, PRISMA] },
    },
    {
      name: "auth-no-store",
      comment:
        "lib/auth declares the store interfaces (lib/auth/ports/); lib/store implements them. Tests wire the in-memory stores of lib/auth/testing.",
      severity: "error",
      from: { path: "^lib/auth/" },
      to: { path: "^lib/store/" },
    },
    {
      name: "auth-imports-only-auth",
      comment:
        "The engine imports nothing of the project outside lib/auth: the layers above call it, and the config, email delivery and logger are passed in.",
      severity: "error",
      from: { path: "^lib/auth/", pathNot: TESTS },
      to: { pathNot: "^(lib/auth/|lib/store/|node_modules/)", dependencyTypesNot: ["core"] },
    },
    {
      name: "auth-tests-import-only-auth",
      comment:
        "lib/auth's tests and test helpers likewise, except scripts/ (e.g. the common-password list's generator, to check the committed data). " +
        "The test engine is the one exception, below.",
      severity: "error",
      // "lib/auth" without its slash, so that "/testing/" also matches lib/auth/testing/ itself.
      from: { path: "^(?=lib/auth/)lib/auth(?=.*(" + TESTS + "))", pathNot: TEST_ENGINE },
      to: { path: "^lib/(?!auth/|store/)|" + APP },
    },
    {
      name: "test-engine-through-the-composition-root",
      comment:
        "The test engine builds through createGatehouse (lib/gatehouse.ts), the one composition root, with in-memory stores: " +
        "beside lib/auth it may import only that file.",
      severity: "error",
      from: { path: TEST_ENGINE },
      to: { path: "^lib/(?!auth/|store/|gatehouse\\.ts$)|" + APP },
    },

    // Prisma and lib/store.
    {
      name: "prisma-only-in-store",
      comment:
        "Only lib/store imports Prisma and its generated clients; scripts/ and prisma.config.ts are the database tooling. " +
        "(lib/auth has its own rule above.)",
      severity: "error",
      from: { pathNot: "^(lib/store/|lib/auth/|scripts/|prisma\\.config\\.ts$)" },
      to: { path: PRISMA },
    },
    {
      name: "store-only-in-composition-roots",
      comment:
        "The layers above reach the stores through a composition root (lib/gatehouse.ts). " +
        "Exempt: lib/http's database tests and their helpers, which run the HTTP layer against real stores on every database.",
      severity: "error",
      from: {
        path: "^lib/(http|next|ui|client|config|email|log|i18n)/|" + APP,
        pathNot: "^lib/http/(.+\\.db\\.test\\.ts$|testing/)",
      },
      to: { path: "^lib/store/" },
    },
    {
      name: "store-below-http",
      comment:
        "lib/store implements lib/auth's interfaces and knows nothing above. " +
        "Exempt: the rate-limit store's tests, which drive the engine's limits through lib/http's test client against the real store.",
      severity: "error",
      from: { path: "^lib/store/", pathNot: "^lib/store/(prisma|redis)-rate-limit-store[^/]*\\.test\\.ts$" },
      to: { path: ["^lib/(http|next|ui|client)/", APP, COMPOSITION_ROOTS, NEXT_REACT] },
    },

    // lib/http.
    {
      name: "http-below-next-and-ui",
      comment:
        "lib/http parses, calls the engine and answers with web-standard Request/Response; Next.js adapters live in lib/next, and the composition root calls lib/http, not the reverse.",
      severity: "error",
      from: { path: "^lib/http/" },
      to: { path: ["^lib/(next|ui|client)/", APP, COMPOSITION_ROOTS, NEXT_REACT] },
    },

    // lib/next and lib/ui: side by side.
    {
      name: "next-not-on-ui",
      comment: "lib/next and lib/ui are siblings; what both need goes in a neutral module (lib/i18n).",
      severity: "error",
      from: { path: "^lib/next/" },
      to: { path: "^lib/(ui|client)/" },
    },
    {
      name: "ui-not-on-next",
      comment:
        "lib/ui's components are rendered by the app, in the browser too: no Next.js server helpers, no composition root (it would pull the stores into the bundle).",
      severity: "error",
      from: { path: "^lib/ui/" },
      to: { path: ["^lib/next/", COMPOSITION_ROOTS] },
    },
    {
      name: "next-and-ui-below-app",
      comment:
        "The app uses lib/next and lib/ui, never the reverse. " +
        "Exempt: lib/next's tests of the example routes, of the root proxy.ts, of the provider callback page, of the MFA page and of the admin organizations page, which import what they test.",
      severity: "error",
      from: {
        path: "^lib/(next|ui)/",
        pathNot: "^lib/next/(example-routes|proxy|callback-page|mfa-page|admin-organizations-page)\\.test\\.ts$",
      },
      to: { path: APP },
    },

    // Browser code and neutral modules.
    {
      name: "client-is-browser-code",
      comment:
        "lib/client ships to the browser: it imports only itself and npm packages (no Node built-ins, no server code, no Prisma). Its tests may use Node. " +
        "One exception: lib/auth/wire-codes.ts, the table of wire strings, which imports nothing, so the client reads the server's words from the one place they are written.",
      severity: "error",
      from: { path: "^lib/client/", pathNot: TESTS },
      to: { pathNot: "^(lib/client/|lib/auth/wire-codes\\.ts$|node_modules/(?!@prisma/|prisma/|\\.prisma/))" },
    },
    {
      name: "i18n-is-neutral",
      comment:
        "lib/i18n (the UI's dictionaries) is plain data shared by lib/ui, lib/next and the pages: it imports nothing. " +
        "Its tests may import the server's messages, to check the dictionary matches them.",
      severity: "error",
      from: { path: "^lib/i18n/", pathNot: TESTS },
      to: { pathNot: "^lib/i18n/" },
    },
  ],
  options: {
    // Type-only imports count: a cycle of types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: ["^node_modules/", "^lib/store/generated/"] },
    exclude: { path: "(^|/)\\.next[^/]*/" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
