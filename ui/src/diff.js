// Line diff for the reviewer, computed in the browser from what is live and what was submitted.
// The common head and tail are cut off first: a rule change touches a few lines of a file, so the
// quadratic part only ever sees the few lines that differ.

/** The lines of `before` and `after` as [{op: ' ' | '-' | '+', text, a, b}] (a, b: 1-based line numbers). */
export function diffLines(before, after) {
  const a = split(before);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', text: a[i], a: i + 1, b: i + 1 });
  middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head, out);
  for (let i = tail; i > 0; i--) {
    out.push({ op: ' ', text: a[a.length - i], a: a.length - i + 1, b: b.length - i + 1 });
  }
  return out;
}

/** Longest common subsequence over the differing middle, then walked forwards. */
function middle(a, b, offset, out) {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1
        : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], a: offset + i + 1, b: offset + j + 1 });
      i++; j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])) {
      out.push({ op: '+', text: b[j], a: null, b: offset + j + 1 });
      j++;
    } else {
      out.push({ op: '-', text: a[i], a: offset + i + 1, b: null });
      i++;
    }
  }
}

function split(text) {
  if (!text) return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Only the changed lines with `context` lines around them; gaps become {op: '…', skipped}. */
export function hunks(lines, context = 3) {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const out = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (skipped) out.push({ op: '…', skipped });
      skipped = 0;
      out.push(l);
    } else {
      skipped++;
    }
  });
  if (skipped && out.length) out.push({ op: '…', skipped });
  return out;
}
