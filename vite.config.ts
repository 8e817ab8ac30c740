// The viz app (viz/): `npm run viz` serves it, `npm run build` writes dist/viz/ with relative
// URLs (base './'), so the built folder works from any path of a static server.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'viz',
  base: './',
  build: {
    outDir: '../dist/viz',
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: {
    format: 'es',
  },
  server: {
    // The app imports the engine from ../src.
    fs: { allow: ['..'] },
  },
});
