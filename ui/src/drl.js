// What the console knows of DRL: enough to colour it and to list a file's rules with their metadata.
// The service compiles every upload with Drools; nothing here decides whether a file is valid.

const KEYWORDS = new Set(['package', 'import', 'global', 'rule', 'when', 'then', 'end', 'declare', 'function',
  'query', 'not', 'exists', 'forall', 'accumulate', 'collect', 'from', 'over', 'window', 'and', 'or', 'eval',
  'salience', 'no-loop', 'agenda-group', 'insert', 'delete', 'modify', 'update', 'retract', 'new', 'return',
  'if', 'else', 'for', 'null', 'true', 'false', 'extends', 'matches', 'contains', 'memberOf', 'in']);

// One alternation, tried in order at each position: comments and strings first, so that nothing
// inside them is taken for a keyword.
const TOKEN = /(\/\/[^\n]*)|(\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?)|(\$\{[^}\n]*\}?)|(@[A-Za-z_][\w-]*)|(\$[A-Za-z_]\w*)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][\w-]*)/g;

/** The text cut into [kind, text] pieces; kind is null for plain text. */
export function tokens(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push([null, text.slice(last, m.index)]);
    const [whole, line, block, str, param, annotation, variable, number, word] = m;
    let kind = null;
    if (line || block) kind = 'comment';
    else if (str) kind = 'string';
    else if (param) kind = 'param';
    else if (annotation) kind = 'annotation';
    else if (variable) kind = 'variable';
    else if (number) kind = 'number';
    else if (word && KEYWORDS.has(word)) kind = 'keyword';
    out.push([kind, whole]);
    last = m.index + whole.length;
  }
  if (last < text.length) out.push([null, text.slice(last)]);
  return out;
}

const RULE = /^\s*rule\s+"((?:[^"\\]|\\.)*)"([\s\S]*?)^\s*when\b/gm;
const META = /@(ruleId|version|typology|severity)\s*\(\s*"([^"]*)"\s*\)/g;

/** The rules of a file with the metadata Ringfence requires (@ruleId, @version, @typology, @severity). */
export function outline(text) {
  const rules = [];
  for (const m of text.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(RULE)) {
    const meta = Object.fromEntries([...m[2].matchAll(META)].map((x) => [x[1], x[2]]));
    rules.push({ name: m[1], housekeeping: /@housekeeping\b/.test(m[2]), ...meta });
  }
  return rules;
}
