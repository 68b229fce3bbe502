// Regenerates the favicon's raster copies in site/public from site/public/favicon.svg with rsvg-convert
// (librsvg2-bin): favicon.ico (16, 32 and 48 px PNGs in one ICO, for browsers that ask /favicon.ico blindly) and
// apple-touch-icon.png (180 px, square and opaque: iOS rounds the corners itself). Run: node scripts/icons/generate.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const publicDir = new URL('../../site/public/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', publicDir), 'utf8');
const render = (source, size) =>
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-f', 'png'], { input: source });

const pngs = [16, 32, 48].map((size) => [size, render(svg, size)]);
const header = Buffer.alloc(6 + 16 * pngs.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(pngs.length, 4);
let offset = header.length;
pngs.forEach(([size, png], i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(size, entry);
  header.writeUInt8(size, entry + 1);
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
writeFileSync(new URL('favicon.ico', publicDir), Buffer.concat([header, ...pngs.map(([, png]) => png)]));
writeFileSync(new URL('apple-touch-icon.png', publicDir), render(svg.replace('rx="14"', 'rx="0"'), 180));
