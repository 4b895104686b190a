import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist, served by local mode at `/` and by CloudFront in AWS.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  // amazon-cognito-identity-js reads Node's `global`.
  define: { global: 'globalThis' },
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
});
