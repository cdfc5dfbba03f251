// Opens a .dmn file in the Apache KIE DMN editor (@kie-tools/dmn-editor-standalone, pinned in
// package.json) in headless Chromium, offline, and writes what the editor's getContent() returns.
//
//   node roundtrip.mjs IN.dmn OUT.dmn [--edit "DECISION|ROW|COLUMN|NEW TEXT"]... [--screenshot FILE.png]
//
// The editor's dist/index.js (which carries its envelope inline) is served from node_modules by an
// HTTP server bound to 127.0.0.1; every request to any other host is aborted, so the run never
// touches the network. Chromium: $CHROMIUM, else /usr/bin/chromium (Debian package "chromium").
//
// --edit mimics an analyst: it opens DECISION's decision table in the editor, double-clicks the cell
// at ROW (1-based rule number) and COLUMN (1-based, counted over input and output columns, left to
// right, annotations last), selects its text, types NEW TEXT and presses Enter, exactly as a person
// would with the keyboard. Repeatable.

import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

function usage(message) {
  if (message) console.error(`roundtrip: ${message}`);
  console.error('usage: node roundtrip.mjs IN.dmn OUT.dmn [--edit "DECISION|ROW|COLUMN|NEW TEXT"]... [--screenshot FILE.png]');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const edits = [];
  let screenshot = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--edit") {
      const spec = argv[++i];
      if (!spec) usage("--edit needs a value");
      const parts = spec.split("|");
      if (parts.length < 4) usage(`--edit "${spec}": expected DECISION|ROW|COLUMN|NEW TEXT`);
      const [decision, row, column, ...text] = parts;
      const rowNumber = Number(row);
      const columnNumber = Number(column);
      if (!Number.isInteger(rowNumber) || rowNumber < 1 || !Number.isInteger(columnNumber) || columnNumber < 1) {
        usage(`--edit "${spec}": ROW and COLUMN are 1-based numbers`);
      }
      edits.push({ decision, row: rowNumber, column: columnNumber, text: text.join("|") });
    } else if (arg === "--screenshot") {
      screenshot = argv[++i];
      if (!screenshot) usage("--screenshot needs a file");
    } else if (arg.startsWith("--")) {
      usage(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) usage();
  return { input: positional[0], output: positional[1], edits, screenshot };
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>roundtrip</title>
    <style>html, body { margin: 0; height: 100%; } #editor { height: 100vh; width: 100vw; }</style>
    <script src="/index.js"></script>
  </head>
  <body>
    <div id="editor"></div>
    <script>
      window.roundtrip = { changes: 0, errors: [] };
      window.openEditor = (fileName) => {
        window.editor = DmnEditor.open({
          container: document.getElementById("editor"),
          initialContent: fetch("/model.dmn").then((r) => r.text()),
          initialFileNormalizedPosixPathRelativeToTheWorkspaceRoot: fileName,
          readOnly: false,
          onError: () => window.roundtrip.errors.push("editor onError"),
        });
        window.editor.subscribeToContentChanges(() => window.roundtrip.changes++);
      };
    </script>
  </body>
</html>
`;

function serve(editorJs, model) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    } else if (url.pathname === "/index.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(editorJs);
    } else if (url.pathname === "/model.dmn") {
      res.writeHead(200, { "content-type": "application/xml; charset=utf-8" }).end(model);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitForRender(page, timeoutMs) {
  const editorFrame = page.frameLocator("iframe");
  // The DRD is drawn with React Flow; a model with at least one node renders it.
  await editorFrame.locator(".react-flow__node").first().waitFor({ state: "visible", timeout: timeoutMs });
  // ...and then drops its "Loading..." overlay once the model is fully processed.
  await editorFrame.getByText("Loading...", { exact: true }).first().waitFor({ state: "hidden", timeout: timeoutMs });
  return editorFrame;
}

async function applyEdit(page, editorFrame, edit) {
  // Open the decision's expression: select the node on the DRD, then its "Edit" button.
  const label = edit.decision.replace(/["\\]/g, "\\$&");
  const node = editorFrame.locator(".react-flow__node").filter({ has: editorFrame.locator(`[data-nodelabel="${label}"]`) }).first();
  await node.waitFor({ state: "visible", timeout: 10_000 });
  await node.click();
  await node.locator(".kie-dmn-editor--edit-expression-node-panel").click();
  const table = editorFrame.locator("table").first();
  await table.waitFor({ state: "visible", timeout: 10_000 });

  const rows = table.locator("tbody tr");
  const rowCount = await rows.count();
  if (edit.row > rowCount) throw new Error(`--edit ${edit.decision}: the table has ${rowCount} rows`);
  // First cell of a body row is the rule number; data cells follow.
  const cells = rows.nth(edit.row - 1).locator("td");
  const cellCount = (await cells.count()) - 1;
  if (edit.column > cellCount) throw new Error(`--edit ${edit.decision}: row ${edit.row} has ${cellCount} cells`);
  const cell = cells.nth(edit.column);
  await cell.dblclick();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(edit.text);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  // The cell must now hold exactly what was typed (an autocomplete suggestion taken on Enter would differ).
  const written = (await cell.locator(".editable-cell-raw-value").first().textContent()) ?? "";
  if (written.trim() !== edit.text.trim()) {
    throw new Error(`--edit ${edit.decision}|${edit.row}|${edit.column}: the cell holds ${JSON.stringify(written)}, not ${JSON.stringify(edit.text)}`);
  }
  // Back to the DRD so that the next edit can find its node.
  await editorFrame.getByText("Back to Diagram", { exact: true }).first().click({ timeout: 10_000 });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const model = await readFile(args.input, "utf8");
  const editorJs = await readFile(require.resolve("@kie-tools/dmn-editor-standalone/dist/index.js"));
  const server = await serve(editorJs, model);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const blocked = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(String(err)));
    await page.goto(origin + "/");
    await page.evaluate((name) => window.openEditor(name), path.basename(args.input));
    let editorFrame;
    try {
      editorFrame = await waitForRender(page, 60_000);
    } catch (e) {
      if (args.screenshot) await page.screenshot({ path: args.screenshot });
      throw new Error(`the editor did not render the model within 60 s; console errors: ${consoleErrors.join(" | ")}`);
    }
    for (const edit of args.edits) await applyEdit(page, editorFrame, edit);
    if (args.screenshot) await page.screenshot({ path: args.screenshot });
    const content = await page.evaluate(() => window.editor.getContent());
    const notifications = await page.evaluate(() => window.editor.validate().catch(() => []));
    const state = await page.evaluate(() => window.roundtrip);
    if (!content || !content.includes("definitions")) throw new Error("the editor returned no DMN content");
    await writeFile(args.output, content, "utf8");
    console.error(
      `roundtrip: ${args.input} -> ${args.output} (${content.length} chars, ${args.edits.length} edit(s), ` +
        `${state.changes} content change(s), ${blocked.length} off-host request(s) blocked)`
    );
    for (const n of notifications) console.error(`roundtrip: editor ${n.severity}: ${n.message}`);
    for (const e of [...state.errors, ...consoleErrors]) console.error(`roundtrip: browser console: ${e}`);
    for (const b of blocked) console.error(`roundtrip: blocked ${b}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(`roundtrip: ${e.message}`);
  process.exit(1);
});
