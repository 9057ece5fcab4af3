import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built app's Content-Security-Policy: everything from its own origin; `blob:` for the
 * images and workers MapLibre creates; no inline script and no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
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

export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    // osmtogeojson's bundled lodash 2 evaluates strings when loaded; see the shim's comment.
    alias: [
      {
        find: /^\.\/lodash\.custom\.js$/,
        replacement: fileURLToPath(new URL('./src/import/osm_lodash.cjs', import.meta.url)),
      },
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 1600 },
  preview: { port: 4173, strictPort: true, headers: RESPONSE_HEADERS },
});
