import { createElement, Fragment, type ReactNode } from "react";

/**
 * Fills `{name}` placeholders with React nodes (a `<strong>` address, a link), so that a
 * sentence stays one dictionary entry whatever the language's word order.
 */
export function formatRich(template: string, values: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/(\{\w+\})/).map((part, index) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return createElement(Fragment, { key: index }, name !== undefined && name in values ? values[name] : part);
  });
  return createElement(Fragment, null, ...parts);
}
