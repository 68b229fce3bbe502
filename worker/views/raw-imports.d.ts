// Vite (Astro's build and the Workers Vitest integration) inlines `?raw` imports as strings.
declare module '*?raw' {
  const src: string;
  export default src;
}

// A compiled WebAssembly module (workerd's CompiledWasm module type; the Cloudflare Vite plugin and the test pool).
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}

// Vite inlines `?inline` assets as a base64 data URL (the share card's font, worker/views/og/raster.ts).
declare module '*?inline' {
  const dataUrl: string;
  export default dataUrl;
}
