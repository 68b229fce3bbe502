// @ts-check
import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // Pages live in site/pages; the Worker entry (worker/index.ts, named in wrangler.toml) routes
  // the API-owned paths to Hono and hands everything else to Astro.
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  // The portal uses neither Cloudflare Images nor Astro sessions: no IMAGES or SESSION bindings.
  adapter: cloudflare({ imageService: 'passthrough' }),
  session: false,
  devToolbar: { enabled: false },
});
