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

// Apache KIE's DMN editor as its project publishes it: one script that opens the editor in an iframe of its own.
// Copied, not bundled: 11 MB that only the Decision tables page loads, when it opens, and never from elsewhere.
const kie = 'node_modules/@kie-tools/dmn-editor-standalone';
await mkdir(`${out}/assets/dmn-editor`, { recursive: true });
await copyFile(`${kie}/dist/index.js`, `${out}/assets/dmn-editor/dmn-editor.js`);
await copyFile(`${kie}/dist/index.js.LICENSE.txt`, `${out}/assets/dmn-editor/dmn-editor.js.LICENSE.txt`);
await copyFile(`${kie}/LICENSE`, `${out}/assets/dmn-editor/LICENSE`);
