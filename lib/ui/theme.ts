import type { ResolvedUiOptions } from "../auth/resolve-ui-config";

/**
 * The value of `<html data-gh-theme>`: undefined leaves the choice to `prefers-color-scheme`
 * (lib/ui/gatehouse.css), so a forced theme and the system theme use the same stylesheet.
 */
export function themeAttribute(theme: ResolvedUiOptions["theme"]): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}
