import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Vendor libraries split into stable, cacheable chunks; pages are lazy routes on top of these.
 * Groups with a higher priority capture their modules first: react and mantine core must win over
 * charts and dates, or those groups would pull core into themselves and load eagerly.
 */
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  // use-sync-external-store: react-i18next needs it at start; left to the charts group (recharts uses it
  // too) it would pull the whole charts chunk into the first load
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|use-sync-external-store)[\\/]/,
    priority: 40,
  },
  { name: 'mantine', test: /node_modules[\\/]@mantine[\\/](core|hooks)[\\/]/, priority: 40 },
  {
    name: 'charts',
    test: /node_modules[\\/](@mantine[\\/]charts|recharts|d3-|victory-vendor)/,
    priority: 30,
  },
  { name: 'dates', test: /node_modules[\\/](@mantine[\\/]dates|dayjs)[\\/]/, priority: 30 },
  // drag and drop, only for the deal board
  { name: 'dnd', test: /node_modules[\\/]@dnd-kit[\\/]/, priority: 30 },
  { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/, priority: 20 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // contracts/ lives next to web/ and is imported from there.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
