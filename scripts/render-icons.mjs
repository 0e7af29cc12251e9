#!/usr/bin/env node
/** Renders assets/icons/icon.svg to the PNG sizes the stores ask for (16, 32, 48, 128). Run after editing the SVG. */
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { findChromium } from './find-browser.mjs';

const svg = await readFile(new URL('../assets/icons/icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}`,
  );
  await page.screenshot({ path: new URL(`../assets/icons/icon-${size}.png`, import.meta.url).pathname, omitBackground: true });
}
await browser.close();
