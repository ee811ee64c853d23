// Standalone SVG charts for the results report: a line chart over categorical x and a horizontal grouped bar chart,
// either with a linear or log value axis. Plain node, no dependencies; same input gives the same bytes.
"use strict";

// Okabe–Ito (colour-blind safe); yellow swapped for grey, which reads on white. Past 8 series the dash and marker
// change, so no two series look alike even when the colour repeats.
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"];
const DASHES = ["", "6 4", "2 3", "10 3 2 3"];
const MARKERS = ["circle", "square", "triangle", "diamond", "down", "open-circle", "open-square", "open-diamond"];
const FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

const esc = s => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n1 = v => (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, "");  // coordinates: fixed precision
const textWidth = (s, size) => String(s).length * size * 0.6;  // rough width estimate for layout only

function style(i) {
  const k = Math.floor(i / PALETTE.length);
  return { color: PALETTE[i % PALETTE.length], dash: DASHES[k % DASHES.length], marker: MARKERS[(i + k) % MARKERS.length] };
}

function marker(kind, x, y, color) {
  const r = 4, open = kind.startsWith("open-");
  const fill = open ? `fill="#ffffff" stroke="${color}" stroke-width="2"` : `fill="${color}" stroke="#ffffff" stroke-width="1"`;
  switch (open ? kind.slice(5) : kind) {
    case "square": return `<rect x="${n1(x - r)}" y="${n1(y - r)}" width="${2 * r}" height="${2 * r}" ${fill}/>`;
    case "triangle": return `<path d="M${n1(x)} ${n1(y - r - 1)}L${n1(x + r + 1)} ${n1(y + r)}L${n1(x - r - 1)} ${n1(y + r)}Z" ${fill}/>`;
    case "down": return `<path d="M${n1(x)} ${n1(y + r + 1)}L${n1(x + r + 1)} ${n1(y - r)}L${n1(x - r - 1)} ${n1(y - r)}Z" ${fill}/>`;
    case "diamond": return `<path d="M${n1(x)} ${n1(y - r - 1)}L${n1(x + r + 1)} ${n1(y)}L${n1(x)} ${n1(y + r + 1)}L${n1(x - r - 1)} ${n1(y)}Z" ${fill}/>`;
    default: return `<circle cx="${n1(x)}" cy="${n1(y)}" r="${r}" ${fill}/>`;
  }
}

// Trims float noise from tick values (0.30000000000000004 -> "0.3").
function plainNumber(v, decimals) {
  const s = v.toFixed(Math.max(0, Math.min(12, decimals)));
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function niceStep(range, count) {
  const raw = range / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
}

// A value axis: domain, ticks and a map to [0,1]. log: decades, with 2 and 5 between them when the range is short.
function valueScale(values, { log = false, zero = false, format } = {}) {
  const vs = values.filter(v => typeof v === "number" && isFinite(v) && (!log || v > 0));
  if (!vs.length) throw new Error("svg-charts: no finite values to plot");
  let lo = Math.min(...vs), hi = Math.max(...vs);
  if (log) {
    const a = Math.floor(Math.log10(lo) + 1e-9), b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-9));
    const steps = b - a <= 3 ? [1, 2, 5] : [1];
    const ticks = [];
    for (let e = a; e <= b; e++) for (const m of steps) {
      const t = m * Math.pow(10, e);
      if (t <= Math.pow(10, b) * 1.0000001) ticks.push({ v: t, label: format ? format(t) : plainNumber(t, -e) });
    }
    const L = Math.pow(10, a), H = Math.pow(10, b);
    return { lo: L, hi: H, ticks, pos: v => (Math.log10(v) - a) / (b - a) };
  }
  if (zero) lo = Math.min(0, lo), hi = Math.max(0, hi);
  if (hi === lo) { hi += Math.abs(hi) * 0.1 || 1; lo -= Math.abs(lo) * 0.1 || 1; }
  const pad = zero ? 0 : (hi - lo) * 0.05;
  const step = niceStep(hi - lo + 2 * pad, 6);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const L = Math.floor((lo - pad) / step + 1e-9) * step, H = Math.ceil((hi + pad) / step - 1e-9) * step;
  const ticks = [];
  for (let k = 0; L + k * step <= H + step * 1e-6; k++) {
    const v = Number((L + k * step).toFixed(decimals + 2));
    ticks.push({ v, label: format ? format(v) : v.toFixed(decimals) });
  }
  return { lo: L, hi: H, ticks, pos: v => (v - L) / (H - L) };
}

function frame(width, height, title, body) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT}" font-size="13">\n<title>${esc(title)}</title>\n` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>\n` +
    `<text x="${n1(width / 2)}" y="26" text-anchor="middle" font-size="16" font-weight="bold" fill="#222222">${esc(title)}</text>\n` +
    body.join("\n") + "\n</svg>\n";
}

// Legend rows: swatch (line + marker, or a box for bars) and the name, starting at (x, y).
function legend(items, x, y, kind) {
  const out = [];
  items.forEach((it, i) => {
    const yy = y + i * 20, s = it.style;
    if (kind === "bar") out.push(`<rect x="${n1(x)}" y="${n1(yy - 6)}" width="14" height="12" fill="${s.color}"/>`);
    else {
      out.push(`<line x1="${n1(x)}" y1="${n1(yy)}" x2="${n1(x + 26)}" y2="${n1(yy)}" stroke="${s.color}" stroke-width="2.5"` +
        (s.dash ? ` stroke-dasharray="${s.dash}"` : "") + "/>");
      out.push(marker(s.marker, x + 13, yy, s.color));
    }
    out.push(`<text x="${n1(x + (kind === "bar" ? 20 : 32))}" y="${n1(yy + 4)}" fill="#222222">${esc(it.name)}</text>`);
  });
  return out;
}

/**
 * Line chart over categorical x.
 * opts: { title, xLabel, yLabel, categories: [string], series: [{ name, values: [number|null] }],
 *         log?: bool (log y), format?: v => string (y tick labels), width?, height? }
 * A null value leaves a gap in its line.
 */
function lineChart(opts) {
  const { title, xLabel, yLabel, categories, series } = opts;
  const legendW = Math.max(...series.map(s => textWidth(s.name, 13))) + 50;
  const width = opts.width || Math.round(560 + legendW), height = opts.height || 430;
  const m = { left: 72, right: legendW + 20, top: 48, bottom: 62 };
  const pw = width - m.left - m.right, ph = height - m.top - m.bottom;
  const sc = valueScale(series.flatMap(s => s.values), { log: opts.log, format: opts.format });
  const X = i => m.left + (i + 0.5) * pw / categories.length;
  const Y = v => m.top + ph * (1 - sc.pos(v));
  const body = [];
  for (const t of sc.ticks) {
    const y = Y(t.v);
    body.push(`<line x1="${m.left}" y1="${n1(y)}" x2="${n1(m.left + pw)}" y2="${n1(y)}" stroke="#e3e3e3" stroke-width="1"/>`);
    body.push(`<text x="${m.left - 8}" y="${n1(y + 4)}" text-anchor="end" font-size="12" fill="#333333">${esc(t.label)}</text>`);
  }
  categories.forEach((c, i) => {
    body.push(`<line x1="${n1(X(i))}" y1="${n1(m.top + ph)}" x2="${n1(X(i))}" y2="${n1(m.top + ph + 5)}" stroke="#333333"/>`);
    body.push(`<text x="${n1(X(i))}" y="${n1(m.top + ph + 20)}" text-anchor="middle" font-size="12" fill="#333333">${esc(c)}</text>`);
  });
  body.push(`<rect x="${m.left}" y="${m.top}" width="${n1(pw)}" height="${n1(ph)}" fill="none" stroke="#333333" stroke-width="1"/>`);
  body.push(`<text x="${n1(m.left + pw / 2)}" y="${height - 16}" text-anchor="middle" fill="#222222">${esc(xLabel)}</text>`);
  body.push(`<text transform="translate(20 ${n1(m.top + ph / 2)}) rotate(-90)" text-anchor="middle" fill="#222222">${esc(yLabel)}</text>`);
  const items = [];
  series.forEach((s, si) => {
    const st = style(si);
    items.push({ name: s.name, style: st });
    let d = "", pen = false;
    s.values.forEach((v, i) => {
      const ok = typeof v === "number" && isFinite(v) && (!opts.log || v > 0);
      if (ok) d += `${pen ? "L" : "M"}${n1(X(i))} ${n1(Y(v))}`;
      pen = ok;
    });
    if (d) body.push(`<path d="${d}" fill="none" stroke="${st.color}" stroke-width="2.5" stroke-linejoin="round"` +
      (st.dash ? ` stroke-dasharray="${st.dash}"` : "") + "/>");
    s.values.forEach((v, i) => {
      if (typeof v === "number" && isFinite(v) && (!opts.log || v > 0)) body.push(marker(st.marker, X(i), Y(v), st.color));
    });
  });
  body.push(...legend(items, width - m.right + 18, m.top + 10, "line"));
  return frame(width, height, title, body);
}

/**
 * Horizontal bar chart, one row per category, one bar per series within a row (grouped).
 * opts: { title, xLabel, categories: [string], series: [{ name, values: [number|null] }], log?: bool,
 *         format?: v => string (the value printed at each bar's end), tickFormat?: v => string (axis), width? }
 * A null value draws no bar and prints "–" (absent from that run).
 */
function barChart(opts) {
  const { title, xLabel, categories, series } = opts;
  const fmt = opts.format || (v => plainNumber(v, 3));
  const labelW = Math.max(...categories.map(c => textWidth(c, 12))) + 16;
  const bh = 14, gap = 12, band = series.length * bh + gap;
  const legendH = series.length > 1 ? series.length * 20 + 6 : 0;
  const width = opts.width || 760;
  const m = { left: Math.max(90, Math.round(labelW)), right: 90, top: 48 + legendH, bottom: 56 };
  const pw = width - m.left - m.right, ph = categories.length * band;
  const height = m.top + ph + m.bottom;
  const sc = valueScale(series.flatMap(s => s.values), { log: opts.log, zero: !opts.log, format: opts.tickFormat });
  const Xv = v => m.left + pw * Math.max(0, Math.min(1, sc.pos(v)));
  const body = [];
  for (const t of sc.ticks) {
    const x = Xv(t.v);
    body.push(`<line x1="${n1(x)}" y1="${m.top}" x2="${n1(x)}" y2="${n1(m.top + ph)}" stroke="#e3e3e3" stroke-width="1"/>`);
    body.push(`<text x="${n1(x)}" y="${n1(m.top + ph + 18)}" text-anchor="middle" font-size="12" fill="#333333">${esc(t.label)}</text>`);
  }
  const x0 = Xv(sc.lo);
  categories.forEach((c, ci) => {
    const y0 = m.top + ci * band + gap / 2;
    body.push(`<text x="${m.left - 8}" y="${n1(y0 + series.length * bh / 2 + 4)}" text-anchor="end" font-size="12" fill="#222222">${esc(c)}</text>`);
    series.forEach((s, si) => {
      const v = s.values[ci], y = y0 + si * bh;
      const ok = typeof v === "number" && isFinite(v) && (!opts.log || v > 0);
      if (ok) body.push(`<rect x="${n1(x0)}" y="${n1(y + 1)}" width="${n1(Math.max(1, Xv(v) - x0))}" height="${bh - 2}" fill="${style(si).color}"/>`);
      body.push(`<text x="${n1((ok ? Xv(v) : x0) + 4)}" y="${n1(y + bh - 3)}" font-size="11" fill="#333333">${esc(ok ? fmt(v) : "–")}</text>`);
    });
  });
  body.push(`<rect x="${m.left}" y="${m.top}" width="${n1(pw)}" height="${n1(ph)}" fill="none" stroke="#333333" stroke-width="1"/>`);
  body.push(`<text x="${n1(m.left + pw / 2)}" y="${height - 14}" text-anchor="middle" fill="#222222">${esc(xLabel)}</text>`);
  if (series.length > 1) body.push(...legend(series.map((s, i) => ({ name: s.name, style: style(i) })), m.left, 56, "bar"));
  return frame(width, height, title, body);
}

module.exports = { lineChart, barChart, PALETTE };
