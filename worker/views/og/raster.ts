/**
 * @module
 * SVG → PNG inside the Worker: resvg compiled to WebAssembly (`@resvg/resvg-wasm`, imported as a compiled Wasm module,
 * which workerd allows where `WebAssembly.compile` of fetched bytes is forbidden) with Inter Bold bundled from
 * `@expo-google-fonts/inter` (inlined by Vite), so the card looks the same everywhere (docs/spec.md §6).
 */

import interBold from '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf?inline';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgModule from '@resvg/resvg-wasm/index_bg.wasm?module';

let ready: Promise<void> | undefined;
let font: Uint8Array | undefined;

/** The font's bytes from the data URL Vite inlines, decoded once per isolate. */
function fontBytes(): Uint8Array {
  font ??= Uint8Array.from(atob(interBold.slice(interBold.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  return font;
}

/** Renders an SVG drawn in the font family `Inter` to PNG bytes at its own size. */
export async function rasterize(svg: string): Promise<Uint8Array> {
  ready ??= initWasm(resvgModule).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  await ready;
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [fontBytes()], defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
    fitTo: { mode: 'original' },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
