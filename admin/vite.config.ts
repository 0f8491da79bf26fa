import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
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

/** Every module the entries import without a dynamic import(), i.e. what the first page load needs. */
const staticallyImported = (entries: string[], info: (id: string) => { importedIds: readonly string[] } | null): Set<string> => {
  const seen = new Set<string>(entries);
  const queue = [...entries];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of info(id)?.importedIds ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
};
let atStart: Set<string> | undefined;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Brotli and gzip copies next to every script and stylesheet, made once at build with the
 * strongest settings (too slow to do per request); server/app/http.ts serves the copy the
 * browser accepts. index.html stays as it is: it is small and must never be cached.
 */
const precompress = (): Plugin => ({
  name: 'lapor:precompress',
  apply: 'build',
  async writeBundle({ dir }, bundle) {
    const files = Object.keys(bundle).filter((file) => /\.(js|css|json|svg)$/.test(file));
    await Promise.all(
      files.map(async (file) => {
        const full = path.join(dir!, file);
        const source = await fs.readFile(full);
        if (source.length < 1024) return;
        const params = {
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        };
        const [br, gz] = await Promise.all([brotli(source, { params }), gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION })]);
        await Promise.all([fs.writeFile(`${full}.br`, br), fs.writeFile(`${full}.gz`, gz)]);
      }),
    );
  },
});

export default defineConfig(({ command }) => ({
  root,
  base: '/admin/',
  plugins: [react(), precompress()],
  // Strips Apollo Client's development-only checks from production bundles.
  define: command === 'build' ? { 'globalThis.__DEV__': JSON.stringify(false) } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        manualChunks(id, { getModuleIds, getModuleInfo }) {
          if (!id.includes('node_modules')) return undefined;
          // A library only the lazily loaded pages use goes with them, not in a vendor chunk every page loads.
          atStart ??= staticallyImported(
            [...getModuleIds()].filter((m) => getModuleInfo(m)?.isEntry),
            getModuleInfo,
          );
          if (!atStart.has(id)) return undefined;
          for (const [name, pattern] of VENDOR_CHUNKS) if (pattern.test(id)) return name;
          return 'react-admin';
        },
      },
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
}));
