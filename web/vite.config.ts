import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist, served by local mode at `/` and by CloudFront in AWS.
export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  define: {
    // amazon-cognito-identity-js reads Node's `global`.
    global: 'globalThis',
    // A build is the production app whatever NODE_ENV the shell or a test runner set: vitest's
    // `test` (local mode started by a test rebuilds a stale web/dist) gave React's and antd's
    // development code, with antd's test ids instead of unique ones.
    ...(command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    // .vite/manifest.json: which chunks each module pulls in (npm run bench -- web and the e2e
    // check that the HR console's chunks never load on a phone).
    manifest: true,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/local': 'http://127.0.0.1:3000' } },
}));
