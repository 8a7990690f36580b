#!/usr/bin/env node
// Screenshots of supertokens-auth-react's prebuilt sign-in and sign-up (email+password, Google
// and GitHub), light and dark, desktop and phone, for the comparison in docs/ui.md. A throwaway
// harness: the package is installed in a folder of its own, never in this project, so nothing of
// it reaches Gatehouse's dependencies or bundle. Nothing is fetched at run time: the page, its
// bundle and a 404 for every API call come from a loopback server here.
//   mkdir -p /tmp/st-harness && cd /tmp/st-harness && echo '{"private":true}' > package.json &&
//     npm install --save-exact supertokens-auth-react@0.51.3 supertokens-web-js@0.16.0 react@19.3.1 react-dom@19.3.1 rolldown@1.2.19
//   ST_HARNESS_DIR=/tmp/st-harness node scripts/supertokens-prebuilt-shots.mjs
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { systemChromium } from "./system-chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const harness = process.env.ST_HARNESS_DIR;
if (!harness || !fs.existsSync(path.join(harness, "node_modules/supertokens-auth-react"))) {
  console.error("Set ST_HARNESS_DIR to a folder with supertokens-auth-react installed (see this file's header).");
  process.exit(1);
}
const OUT = path.join(root, "docs/screenshots/supertokens");

// The app under the prebuilt UI: both recipes Gatehouse's screenshots show, at the same paths.
const entry = `
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import SuperTokens, { SuperTokensWrapper } from "supertokens-auth-react";
import EmailPassword from "supertokens-auth-react/recipe/emailpassword";
import ThirdParty, { Google, Github } from "supertokens-auth-react/recipe/thirdparty";
import Session from "supertokens-auth-react/recipe/session";
import { EmailPasswordPreBuiltUI } from "supertokens-auth-react/recipe/emailpassword/prebuiltui";
import { ThirdPartyPreBuiltUI } from "supertokens-auth-react/recipe/thirdparty/prebuiltui";
import { getRoutingComponent } from "supertokens-auth-react/ui";

// The dark theme: the prebuilt UI has none of its own; its palette variables, set here.
const dark = \`[data-supertokens~=container] {
  --palette-background: 28, 29, 34; --palette-inputBackground: 18, 19, 22; --palette-inputBorder: 122, 123, 134;
  --palette-textTitle: 236, 236, 241; --palette-textLabel: 236, 236, 241; --palette-textInput: 236, 236, 241;
  --palette-textPrimary: 169, 169, 180; --palette-textLink: 143, 179, 255; --palette-textGray: 169, 169, 180;
  --palette-superTokensBrandingBackground: 18, 19, 22; --palette-superTokensBrandingText: 169, 169, 180;
}\`;
SuperTokens.init({
  appInfo: { appName: "Gatehouse", apiDomain: location.origin, websiteDomain: location.origin, apiBasePath: "/api/auth", websiteBasePath: "/auth" },
  style: matchMedia("(prefers-color-scheme: dark)").matches ? dark : "",
  recipeList: [
    ThirdParty.init({ signInAndUpFeature: { providers: [Google.init(), Github.init()] } }),
    EmailPassword.init(),
    Session.init(),
  ],
});
createRoot(document.getElementById("root")).render(
  createElement(SuperTokensWrapper, null, getRoutingComponent([ThirdPartyPreBuiltUI, EmailPasswordPreBuiltUI])),
);
`;

const work = fs.mkdtempSync(path.join(harness, "build-"));
fs.writeFileSync(path.join(work, "entry.mjs"), entry);
const { build } = await import(path.join(harness, "node_modules/rolldown/dist/index.mjs"));
await build({
  input: path.join(work, "entry.mjs"),
  cwd: harness,
  platform: "browser",
  transform: { define: { "process.env.NODE_ENV": '"production"' } },
  output: { file: path.join(work, "bundle.js"), format: "iife", minify: true },
  logLevel: "warn",
});
const bundle = fs.readFileSync(path.join(work, "bundle.js"));
fs.rmSync(work, { recursive: true, force: true });

const page = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>supertokens-auth-react</title><style>body{margin:0}@media (prefers-color-scheme:dark){body{background:#121316}}</style></head>
<body><div id="root"></div><script src="/bundle.js"></script></body></html>`;
const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://x");
  if (pathname === "/bundle.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
  else if (pathname.startsWith("/auth")) res.writeHead(200, { "content-type": "text/html" }).end(page);
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://localhost:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: systemChromium(),
  args: ["--no-sandbox"],
});
fs.mkdirSync(OUT, { recursive: true });
const devices = { "": { width: 1280, height: 860 }, "-phone": { width: 390, height: 844 } };
for (const [suffix, viewport] of Object.entries(devices)) {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: "reduce" });
    const tab = await context.newPage();
    // Its web font comes from a CDN: refused here, as on a machine without internet (system fonts instead).
    await tab.route(
      (url) => !url.href.startsWith(origin),
      (route) => route.abort(),
    );
    for (const [name, query] of [
      ["sign-in", ""],
      ["sign-up", "?show=signup"],
    ]) {
      await tab.goto(`${origin}/auth${query}`);
      await tab.locator("[data-supertokens~=container]").first().waitFor();
      await tab.locator("button[type=submit]").first().waitFor();
      const file = path.join(OUT, `${name}-${scheme}${suffix}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(path.relative(root, file));
    }
    await context.close();
  }
}
await browser.close();
server.close();
