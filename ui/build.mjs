// Bundles src/ into the jar's static resources: META-INF/resources/ is what Spring Boot serves at /.
// Usage: node build.mjs [outdir]   (Maven passes target/classes/META-INF/resources)
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const out = process.argv[2] ?? 'target/classes/META-INF/resources';
await mkdir(`${out}/assets`, { recursive: true });
await esbuild.build({
  entryPoints: ['src/main.js', 'src/style.css'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome115', 'firefox115', 'safari16'],
  outdir: `${out}/assets`,
  logLevel: 'warning',
});
await copyFile('src/index.html', `${out}/index.html`);
