import type { ReactNode } from "react";
import { gatehouseConfig } from "@/lib/config";
import { themeAttribute } from "@/lib/ui/theme";
// The UI's themes first, then the app's own CSS, which may override any --gh-* variable.
import "../lib/ui/gatehouse.css";
import "./globals.css";

export const metadata = { title: "Gatehouse" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-gh-theme={themeAttribute(gatehouseConfig.ui)}>
      <body>{children}</body>
    </html>
  );
}
