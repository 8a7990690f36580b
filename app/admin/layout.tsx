import type { ReactNode } from "react";
import "./admin.css";

export const metadata = { title: "Gatehouse admin" };

/** The admin dashboard's frame. Each page checks the `admin` role itself (layouts are not re-run on every navigation). */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <main className="gh-admin">{children}</main>;
}
