#!/usr/bin/env node
// Makes app/favicon.ico from app/icon.svg (run it after changing the icon): the SVG drawn by
// Playwright's Chromium at 16, 32 and 48 px, packed as an ICO of PNGs (Windows Vista and later,
// every current browser). Browsers ask for /favicon.ico on their own, whatever the page links.
//   node scripts/favicon.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { systemChromium } from "./system-chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const svg = fs.readFileSync(path.join(root, "app/icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: systemChromium(),
  args: ["--no-sandbox"],
});
const page = await browser.newPage();
const images = [];
for (const size of [16, 32, 48]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body>`);
  images.push({ size, png: await page.screenshot({ omitBackground: true }) });
}
await browser.close();

// ICONDIR (reserved, type 1 = icon, count), one ICONDIRENTRY per image, then the PNGs.
const header = Buffer.alloc(6);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length + 16 * images.length;
const entries = images.map(({ size, png }) => {
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size, 0);
  entry.writeUInt8(size, 1);
  entry.writeUInt16LE(1, 4); // colour planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += png.length;
  return entry;
});
fs.writeFileSync(path.join(root, "app/favicon.ico"), Buffer.concat([header, ...entries, ...images.map((i) => i.png)]));
console.log(`app/favicon.ico: ${images.map((i) => `${i.size}px`).join(", ")}`);
