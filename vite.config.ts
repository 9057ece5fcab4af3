import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { LAYER_IDS, layerFileName } from './src/data/layers.js';

/**
 * The built app's Content-Security-Policy: everything from its own origin; `blob:` for the
 * images and workers MapLibre creates and for the text of a large layer, which MapLibre's
 * worker reads from a URL the page made; no inline script and no eval. `'wasm-unsafe-eval'` lets
 * the analysis compile its own WebAssembly kernel (shipped inside its script); it allows no eval
 * of text.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * What a deployment must send with every response. A `<meta>` policy cannot forbid framing,
 * so the header adds `frame-ancestors` (and X-Frame-Options for older browsers). The preview
 * server sends these; public/_headers and docs/security.md say the same for static hosts.
 */
export const RESPONSE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Adds the policy to the built index.html only (the dev server needs inline scripts). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

/**
 * Lets the browser fetch the data the first map draws while the scripts still load: the layers
 * and the tables the app reads before drawing (see src/data/load.ts).
 */
function preloadFirstMapData(): Plugin {
  const files = [
    ...LAYER_IDS.map(layerFileName),
    'completeness.json',
    'sources.json',
    'plan-tasks.json',
  ];
  return {
    name: 'preload-first-map-data',
    apply: 'build',
    transformIndexHtml: () =>
      files.map((file) => ({
        tag: 'link',
        attrs: { rel: 'preload', as: 'fetch', crossorigin: '', href: `./geo/${file}` },
        injectTo: 'head' as const,
      })),
  };
}

/** Libraries change less often than the app: each in its own chunk, cached across releases. */
const LIBRARY_CHUNKS = [
  { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
];

export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), preloadFirstMapData()],
  resolve: {
    // osmtogeojson's bundled lodash 2 evaluates strings when loaded; see the shim's comment.
    alias: [
      {
        find: /^\.\/lodash\.custom\.js$/,
        replacement: fileURLToPath(new URL('./src/import/osm_lodash.cjs', import.meta.url)),
      },
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: { output: { codeSplitting: { groups: LIBRARY_CHUNKS } } },
  },
  preview: { port: 4173, strictPort: true, headers: RESPONSE_HEADERS },
});
