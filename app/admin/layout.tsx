import type { Metadata } from "next";
import type { ReactNode } from "react";
import { uiLanguage } from "@/lib/next/ui-language";
import { SiteHeader } from "../site-header";
import "./admin.css";

export async function generateMetadata(): Promise<Metadata> {
  const { messages: t } = await uiLanguage();
  return { title: t.adminPageTitle };
}

/** The admin dashboard's frame, marked with the UI's language. Each page checks the `admin` role itself (layouts are not re-run on every navigation). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { locale } = await uiLanguage();
  return (
    <>
      <SiteHeader />
      <main className="gh-admin" lang={locale}>
        {children}
      </main>
    </>
  );
}
