import type { AppProps } from "next/app";
// The Pages Router does not see app/layout.tsx; global CSS may only be imported here.
import "../app/globals.css";

export default function App({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
