// Bundles src/ into the jar's static resources: META-INF/resources/ is what Spring Boot serves at /.
// Usage: node build.mjs [outdir]   (Maven passes target/classes/META-INF/resources)
import * as esbuild from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import vm from 'node:vm';

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

// The editor runs its envelope as an inline script in an iframe's srcdoc, which inherits the console's
// Content-Security-Policy: the service allows that one script by its hash, and no other inline script. The
// hash is taken from the srcdoc the editor would write, by opening it against a stand-in document.
await writeFile(`${out}/assets/dmn-editor/script-hashes.txt`, `${envelopeHash(`${kie}/dist/index.js`)}\n`);

function envelopeHash(file) {
  let srcdoc = null;
  const frame = new Proxy({ style: {} }, {
    set(target, key, value) {
      if (key === 'srcdoc') srcdoc = value;
      target[key] = value;
      return true;
    },
  });
  const noop = () => 0;
  const page = {
    addEventListener: noop, removeEventListener: noop, setInterval: noop, setTimeout: noop, clearInterval: noop,
    clearTimeout: noop, navigator: { userAgent: 'build' }, location: { origin: 'http://build', href: 'http://build/' },
    document: { createElement: () => frame, head: { append: noop }, body: { append: noop } },
  };
  page.self = page;
  page.window = page;
  vm.runInNewContext(readFileSync(file, 'utf8'), page, { filename: file });
  try {
    page.DmnEditor.open({ container: { appendChild: noop }, initialContent: Promise.resolve(''), readOnly: false });
  } catch {
    // Past the srcdoc the stand-in document is not enough; the srcdoc is all that is needed.
  }
  const script = srcdoc && /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(srcdoc);
  if (!script) throw new Error(`${file}: the editor no longer writes its envelope as one inline script; see build.mjs`);
  return `sha256-${createHash('sha256').update(script[1], 'utf8').digest('base64')}`;
}
