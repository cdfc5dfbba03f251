// Apache KIE's standalone DMN editor, as the ui build copies it to assets/dmn-editor/: loaded on first use only
// (11 MB), from Ringfence itself. The editor draws itself in an iframe it makes, and answers through messages.

const SCRIPT = 'assets/dmn-editor/dmn-editor.js';
/** How long the editor may take to start on a slow machine before the page says it did not. */
const START_MS = 120000;
let loading = null;

function loadScript() {
  if (window.DmnEditor) return Promise.resolve(window.DmnEditor);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = SCRIPT;
      s.onload = () => (window.DmnEditor ? resolve(window.DmnEditor) : reject(new Error('the editor script did not start')));
      s.onerror = () => { loading = null; reject(new Error(`${SCRIPT} could not be loaded`)); };
      document.head.append(s);
    });
  }
  return loading;
}

/**
 * Opens `xml` as `file` in the editor inside `holder`; resolves once the editor answers with the model (its
 * first content request succeeds), rejects if the file cannot be opened.
 */
export async function openDmnEditor(holder, file, xml) {
  const kie = await loadScript();
  let failed = null;
  const editor = kie.open({
    container: holder,
    initialContent: Promise.resolve(xml),
    initialFileNormalizedPosixPathRelativeToTheWorkspaceRoot: file,
    readOnly: false,
    onError: () => { failed = new Error(`the editor could not open ${file}`); },
  });
  const frame = holder.querySelector('iframe');
  if (frame) frame.title = `DMN editor: ${file}`;
  const until = Date.now() + START_MS;
  for (;;) {
    if (failed) { editor.close(); throw failed; }
    try {
      // Answered only once the editor has started and read the file.
      const content = await withTimeout(editor.getContent(), 2000);
      if (content) return editor;
    } catch { /* not started yet */ }
    if (Date.now() > until) { editor.close(); throw new Error('the editor did not start in time'); }
    await new Promise((r) => { setTimeout(r, 250); });
  }
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => { setTimeout(() => reject(new Error('timeout')), ms); })]);
}
