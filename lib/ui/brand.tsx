export interface BrandProps {
  /** The app's name (config `appName`). */
  appName: string;
  /** The app's logo (config `ui.logoUrl`): a path on this site or a `data:image/…` URL. @default none: the name alone */
  logoUrl?: string;
}

/**
 * The app's name, with its logo when configured, above the card of a stand-alone sign-in page
 * (those pages have no site header). Not a heading: the card's title is the page's `h1`.
 */
export function Brand({ appName, logoUrl }: BrandProps) {
  return (
    <p className="gh-brand" data-testid="brand">
      {/* A plain <img>: the deployer's own file, drawn at its own size (next/image would need its dimensions). The name beside it is its text. */}
      {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
      {logoUrl && <img src={logoUrl} alt="" data-testid="brand-logo" />}
      <span>{appName}</span>
    </p>
  );
}
