import { connection } from "next/server";
import type { ReactNode } from "react";
import { gatehouse } from "@/lib/gatehouse";
import { themeAttribute } from "@/lib/ui/theme";
// The UI's themes first, then the app's own CSS, which may override any --gh-* variable.
import "../lib/ui/gatehouse.css";
import "./globals.css";

export const metadata = { title: "Gatehouse" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next puts the request's CSP nonce (lib/next/proxy.ts)
  // on the scripts it writes, and a page prerendered at build time would have none, so the
  // browser would refuse its scripts.
  await connection();
  return (
    <html lang="en" data-gh-theme={themeAttribute(gatehouse().config.ui.theme)}>
      <body>{children}</body>
    </html>
  );
}
