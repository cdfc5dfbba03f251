// Small SVG charts drawn from data with DOM calls (no library, nothing inline to run): the dashboard's bars and
// lines. Each chart has a text alternative: a caption and a table a screen reader reads instead.

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Horizontal bars, largest first: [[label, value], ...]. */
export function bars(title, entries, { id, format = (v) => v.toLocaleString('en-GB') } = {}) {
  const rows = entries.filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const rowH = 22;
  const width = 420;
  const labelW = 170;
  const svg = s('svg', { viewBox: `0 0 ${width} ${Math.max(1, rows.length) * rowH}`, width, height: Math.max(1, rows.length) * rowH,
    role: 'img', 'aria-label': `${title}: ${rows.map(([k, v]) => `${k} ${format(v)}`).join(', ') || 'none'}`, class: 'chart bars' },
  rows.map(([label, v], i) => s('g', { transform: `translate(0 ${i * rowH})` },
    s('text', { x: labelW - 6, y: 15, 'text-anchor': 'end' }, label),
    s('rect', { x: labelW, y: 4, height: 14, width: Math.max(1, ((width - labelW - 60) * v) / max) }),
    s('text', { x: labelW + 6 + ((width - labelW - 60) * v) / max, y: 15 }, format(v)))));
  const figure = document.createElement('figure');
  if (id) figure.id = id;
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, rows.length ? svg : document.createTextNode('None in this window.'));
  return figure;
}

/** Lines over time: points [{at, ...}], series [[key, label]]. */
export function lines(title, points, series, { id } = {}) {
  const width = 640;
  const height = 160;
  const pad = { l: 44, r: 8, t: 8, b: 22 };
  const max = Math.max(1, ...points.flatMap((p) => series.map(([k]) => p[k] || 0)));
  const x = (i) => pad.l + (points.length < 2 ? 0 : (i * (width - pad.l - pad.r)) / (points.length - 1));
  const y = (v) => height - pad.b - (v * (height - pad.t - pad.b)) / max;
  const time = (iso) => new Date(iso).toISOString().slice(11, 16);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart lines',
    'aria-label': `${title}, ${points.length} steps from ${points.length ? time(points[0].at) : '—'} UTC` },
  s('line', { x1: pad.l, y1: y(0), x2: width - pad.r, y2: y(0), class: 'axis' }),
  s('text', { x: pad.l - 4, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, max.toLocaleString('en-GB')),
  s('text', { x: pad.l - 4, y: y(0), 'text-anchor': 'end', class: 'tick' }, '0'),
  points.length ? s('text', { x: pad.l, y: height - 6, class: 'tick' }, time(points[0].at)) : null,
  points.length ? s('text', { x: width - pad.r, y: height - 6, 'text-anchor': 'end', class: 'tick' },
    time(points[points.length - 1].at)) : null,
  series.map(([k], n) => s('polyline', { class: `series s${n}`, fill: 'none',
    points: points.map((p, i) => `${x(i).toFixed(1)},${y(p[k] || 0).toFixed(1)}`).join(' ') })));
  const figure = document.createElement('figure');
  if (id) figure.id = id;
  const caption = document.createElement('figcaption');
  caption.append(title, ' ', ...series.map(([, label], n) => {
    const key = document.createElement('span');
    key.className = `key s${n}`;
    key.textContent = label;
    return key;
  }));
  figure.append(caption, svg);
  return figure;
}
