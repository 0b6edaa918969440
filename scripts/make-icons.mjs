#!/usr/bin/env node
// Renders www/icons/icon.svg to the PNG icons of the web manifest (192 and 512 px) with the test
// browser (Debian's Chromium). Run by hand after changing the SVG; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'icons');
const svg = readFileSync(join(ICONS, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: join(ICONS, `icon-${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
