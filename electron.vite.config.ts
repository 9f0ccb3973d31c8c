import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// There is no src/: every entry point is named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Pure-JS libraries the services load at start are bundled in: resolving and reading their
      // hundreds of files one by one was most of the start time. Native and worker-based ones stay
      // out, and so do those loaded on first use (pinyin-pro, the PDF libraries).
      externalizeDeps: { exclude: ['zod', 'drizzle-orm', 'tus-js-client', 'iconv-lite'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/platform/electron/main.ts'),
          'browser-host': resolve(__dirname, 'main/browser-host/index.ts'),
          // The cage's worker thread (main/materials/inspect/cage.ts looks for it beside the bundle).
          'inspect-worker': resolve(__dirname, 'main/materials/inspect/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but electron: bundle zod and the contract in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
