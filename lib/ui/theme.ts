import type { UiOptions } from "../auth/config";

/**
 * The value of `<html data-gh-theme>`: undefined leaves the choice to `prefers-color-scheme`
 * (lib/ui/gatehouse.css), so a forced theme and the system theme use the same stylesheet.
 */
export function themeAttribute(ui: UiOptions | undefined): "light" | "dark" | undefined {
  const theme = ui?.theme ?? "system";
  return theme === "system" ? undefined : theme;
}
