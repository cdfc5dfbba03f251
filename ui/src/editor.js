import { h, show } from './dom.js';
import { tokens } from './drl.js';

/**
 * A DRL editor: a plain textarea (so typing, undo, selection, screen readers and the browser's own
 * search all behave as usual) over a highlighted copy of its text that follows its scrolling. Tab is
 * left to the browser, so the keyboard can always leave the editor.
 */
export function drlEditor({ id, label }) {
  const code = h('code', {});
  const shade = h('pre', { class: 'shade', 'aria-hidden': 'true' }, code);
  const area = h('textarea', { id, class: 'code', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    wrap: 'off', 'aria-label': label });
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const box = h('div', { class: 'editor' }, gutter, h('div', { class: 'layers' }, shade, area));
  const listeners = [];

  function paint() {
    const text = area.value;
    // A trailing newline needs a character after it, or the copy is one line short of the textarea.
    show(code, tokens(text).map(([kind, t]) => (kind ? h('span', { class: `t-${kind}` }, t) : t)), '\n');
    const lines = text.split('\n').length;
    if (gutter.childElementCount !== lines) show(gutter, Array.from({ length: lines }, (_, i) => h('div', {}, String(i + 1))));
    follow();
  }

  function follow() {
    shade.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
    gutter.scrollTop = area.scrollTop;
  }

  area.addEventListener('input', () => { paint(); listeners.forEach((f) => f(area.value)); });
  area.addEventListener('scroll', follow);

  return {
    element: box,
    get value() { return area.value; },
    set value(text) { area.value = text; area.scrollTop = 0; area.scrollLeft = 0; paint(); },
    onInput(f) { listeners.push(f); },
    /** Puts the caret at the start of a line (from a compiler message) and scrolls it into view. */
    goToLine(line) {
      const lines = area.value.split('\n');
      const at = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
      area.focus();
      area.setSelectionRange(at, at);
      const height = parseFloat(getComputedStyle(area).lineHeight) || 18;
      area.scrollTop = Math.max(0, (line - 5) * height);
      follow();
    },
  };
}
