// @ts-check
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';

/**
 * The API reference's script (`@scalar/api-reference`'s standalone bundle, an exact devDependency) served from our
 * own origin as a static asset, so `/api/docs` loads no third-party script (worker/http/api-docs.ts).
 * @returns {import('astro').AstroIntegration}
 */
function vendorScalar() {
  /** @type {URL | undefined} */
  let client;
  return {
    name: 'suara-layanan:vendor-scalar',
    hooks: {
      'astro:config:done': ({ config }) => {
        client = config.build.client;
      },
      'astro:build:done': () => {
        if (!client) throw new Error('vendor-scalar: no client directory');
        // The package's `browser` entry; it exports no subpath for it, so it is read from node_modules directly.
        const source = new URL('./node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url);
        const target = new URL('vendor/', client);
        mkdirSync(target, { recursive: true });
        copyFileSync(source, fileURLToPath(new URL('scalar-api-reference.js', target)));
      },
    },
  };
}

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
  integrations: [vendorScalar()],
  // Never inline the console's script into the page: the pages' Content-Security-Policy allows scripts from our
  // origin only (`script-src 'self'`, worker/http/security-headers.ts), not inline ones.
  vite: { build: { assetsInlineLimit: 0 } },
});
