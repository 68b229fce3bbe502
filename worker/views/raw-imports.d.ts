// Vite (Astro's build and the Workers Vitest integration) inlines `?raw` imports as strings.
declare module '*?raw' {
  const src: string;
  export default src;
}
