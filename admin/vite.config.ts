import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.LAPOR_API_URL ?? 'http://localhost:4000';
const proxy = { '/graphql': { target: api, changeOrigin: true, ws: true } };

// Long-lived vendor chunks: an app release does not invalidate the libraries' cache.
const VENDOR_CHUNKS: Array<[string, RegExp]> = [
  ['react', /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)\//],
  ['mui', /node_modules\/(@mui|@emotion|@popperjs|stylis|react-transition-group|react-is|clsx|dom-helpers|@babel\/runtime|hoist-non-react-statics)\//],
  [
    'graphql',
    /node_modules\/(graphql|graphql-tag|graphql-ws|@apollo|@wry|optimism|zen-observable-ts|ts-invariant|tslib|symbol-observable|pluralize|ra-data-graphql)\//,
  ],
];

export default defineConfig(({ command }) => ({
  root,
  base: '/admin/',
  plugins: [react()],
  // Strips Apollo Client's development-only checks from production bundles.
  define: command === 'build' ? { 'globalThis.__DEV__': JSON.stringify(false) } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        manualChunks(id) {
          for (const [name, pattern] of VENDOR_CHUNKS) if (pattern.test(id)) return name;
          return id.includes('node_modules') ? 'react-admin' : undefined;
        },
      },
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
}));
