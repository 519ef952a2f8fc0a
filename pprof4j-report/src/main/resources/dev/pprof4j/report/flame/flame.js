// pprof4j flame graph: reads the frame tree from #flame-data (see FlameGraphJson) and draws
// it on a canvas. No libraries, no network: the page works from a file opened offline.
(function () {
  'use strict';
  var t0 = performance.now();
  var ROW = 16;
  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var n = data.name.length;
  var names = data.names;
  var nameOf = new Int32Array(data.name);

  // Depth, parent and subtree end from the pre-order encoding, in one pass.
  var depth = new Int32Array(n), parent = new Int32Array(n), end = new Int32Array(n);
  var stack = new Int32Array(4096), top = 0, maxDepth = 0;
  for (var i = 0; i < n; i++) {
    var d = i === 0 ? 0 : depth[i - 1] + 1 - data.up[i];
    depth[i] = d;
    if (d > maxDepth) maxDepth = d;
    while (top > d) { end[stack[--top]] = i; }
    if (top >= stack.length) { var s2 = new Int32Array(stack.length * 2); s2.set(stack); stack = s2; }
    parent[i] = top > 0 ? stack[top - 1] : -1;
    stack[top++] = i;
  }
  while (top > 0) { end[stack[--top]] = n; }

  var state = { column: data.index, zoom: 0, flame: true, sizeBy: 'new', regex: null };
  var width = new Float64Array(n), x = new Float64Array(n), other = null, matchedName = null;
  var canvas = document.getElementById('flame'), ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var charWidth = 7;

  function column(which) {
    var src = which === 'base' ? data.base[state.column] : data.values[state.column];
    return src;
  }

  // Widths from the chosen column; x from the running position of each depth.
  function layout() {
    var w = column(data.diff ? state.sizeBy : 'new');
    other = data.diff ? column(state.sizeBy === 'new' ? 'base' : 'new') : null;
    var cursor = new Float64Array(maxDepth + 2);
    for (var i = 0; i < n; i++) {
      var d = depth[i];
      width[i] = w[i];
      x[i] = cursor[d];
      cursor[d] += w[i];
      cursor[d + 1] = x[i];
    }
    if (width[state.zoom] <= 0) state.zoom = 0;
  }

  function hash(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return h >>> 0;
  }
  var palette = names.map(function (s) {
    var h = hash(s);
    var r = 205 + (h % 50), g = 60 + ((h >>> 8) % 170), b = (h >>> 16) % 55;
    return 'rgb(' + r + ',' + g + ',' + b + ')';
  });

  // Diff colour: red where the shown profile has more than the other, blue where less,
  // saturation by the relative change of the node's cumulative value.
  function diffColour(i) {
    var a = data.values[state.column][i], b = data.base[state.column][i];
    var m = Math.max(Math.abs(a), Math.abs(b));
    var rel = m === 0 ? 0 : (a - b) / m;
    var t = Math.min(1, Math.abs(rel)), c = Math.round(235 - 200 * t);
    if (Math.abs(rel) < 0.02) return 'rgb(225,225,225)';
    return rel > 0 ? 'rgb(255,' + c + ',' + c + ')' : 'rgb(' + c + ',' + c + ',255)';
  }

  function colour(i) {
    if (matchedName && matchedName[nameOf[i]]) return 'rgb(230,0,230)';
    return data.diff ? diffColour(i) : palette[nameOf[i]];
  }

  function rowY(d, rows) {
    return state.flame ? (rows - 1 - d) * ROW : d * ROW;
  }

  // The deepest row with a frame wide enough to draw, so the canvas has no empty band.
  function visibleDepth(scale) {
    var z = state.zoom, deepest = depth[z];
    for (var i = z; i < end[z];) {
      if (width[i] * scale < 0.3) { i = end[i]; continue; }
      if (depth[i] > deepest) deepest = depth[i];
      i++;
    }
    return deepest;
  }

  function render() {
    var dpr = window.devicePixelRatio || 1;
    var cssWidth = canvas.clientWidth;
    var z = state.zoom, total = width[z], scale = total > 0 ? cssWidth / total : 0, x0 = x[z];
    var rows = visibleDepth(scale) + 1;
    canvas.style.height = rows * ROW + 'px';
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(rows * ROW * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '12px monospace';
    charWidth = ctx.measureText('M').width || 7;
    ctx.textBaseline = 'middle';
    for (var a = parent[z]; a >= 0; a = parent[a]) box(a, 0, cssWidth, rows);
    for (var i = z; i < end[z];) {
      var w = width[i] * scale;
      if (w < 0.3) { i = end[i]; continue; } // too thin to see: skip it and all it calls
      box(i, (x[i] - x0) * scale, w, rows);
      i++;
    }
    document.getElementById('zoomed').textContent = z === 0 ? '' : 'Zoomed into ' + names[nameOf[z]] + ' (click the root or Reset to zoom out)';
  }

  function box(i, left, w, rows) {
    var y = rowY(depth[i], rows);
    ctx.fillStyle = colour(i);
    ctx.fillRect(left, y, Math.max(w - 0.5, 0.3), ROW - 1);
    if (w > 3 * charWidth) {
      var label = names[nameOf[i]], fit = Math.floor((w - 6) / charWidth);
      if (label.length > fit) label = label.substring(0, fit - 2) + '..';
      ctx.fillStyle = '#000';
      ctx.fillText(label, left + 3, y + ROW / 2);
    }
  }

  // The node under (px, py) in CSS pixels of the canvas, or -1.
  function nodeAt(px, py) {
    var rows = Math.round(canvas.clientHeight / ROW);
    var d = state.flame ? rows - 1 - Math.floor(py / ROW) : Math.floor(py / ROW);
    var z = state.zoom;
    if (d < 0) return -1;
    if (d <= depth[z]) { var a = z; while (depth[a] > d) a = parent[a]; return a; }
    var scale = canvas.clientWidth / width[z], v = x[z] + px / scale, node = z;
    while (depth[node] < d) {
      var found = -1;
      for (var c = node + 1; c < end[node]; c = end[c]) {
        if (width[c] > 0 && v >= x[c] && v < x[c] + width[c]) { found = c; break; }
      }
      if (found < 0) return -1;
      node = found;
    }
    return node;
  }

  var type = function () { return data.types[state.column]; };
  function fmt(v) {
    var t = type(), u = t.unit, a = Math.abs(v * t.scale), s = v < 0 ? '-' : '';
    if (u === 'nanoseconds') {
      if (a >= 1e9) return s + (a / 1e9).toFixed(2) + 's';
      if (a >= 1e6) return s + (a / 1e6).toFixed(2) + 'ms';
      if (a >= 1e3) return s + (a / 1e3).toFixed(2) + 'us';
      return s + a + 'ns';
    }
    if (u === 'bytes') {
      var units = ['B', 'kB', 'MB', 'GB', 'TB'], k = 0;
      while (a >= 1024 && k < units.length - 1) { a /= 1024; k++; }
      return s + (k === 0 ? a : a.toFixed(2)) + units[k];
    }
    return s + a.toLocaleString('en-US') + (u === 'count' || u === '' ? '' : ' ' + u);
  }
  function pct(a, b) { return b === 0 ? '0.00%' : (100 * a / b).toFixed(2) + '%'; }

  function flat(i, w) {
    var f = w[i];
    for (var c = i + 1; c < end[i]; c = end[c]) f -= w[c];
    return f;
  }

  function describe(i) {
    var w = data.values[state.column], total = w[0];
    var lines = [names[nameOf[i]],
      'cum  ' + fmt(w[i]) + ' (' + pct(w[i], total) + ' of all' +
        (parent[i] >= 0 ? ', ' + pct(w[i], w[parent[i]]) + ' of its caller' : '') + ')',
      'flat ' + fmt(flat(i, w)) + ' (' + pct(flat(i, w), total) + ' of all)'];
    if (data.diff) {
      var b = data.base[state.column];
      lines.push('base cum ' + fmt(b[i]) + ', flat ' + fmt(flat(i, b)));
      lines.push('delta cum ' + (w[i] >= b[i] ? '+' : '') + fmt(w[i] - b[i]) +
        (b[i] !== 0 ? ' (' + (w[i] >= b[i] ? '+' : '') + pct(w[i] - b[i], b[i]) + ')' : ''));
    }
    return lines.join('\n');
  }

  canvas.addEventListener('mousemove', function (e) {
    var r = canvas.getBoundingClientRect(), i = nodeAt(e.clientX - r.left, e.clientY - r.top);
    if (i < 0) { tooltip.hidden = true; return; }
    tooltip.textContent = describe(i);
    tooltip.hidden = false;
    var left = Math.min(e.clientX + 12, window.innerWidth - tooltip.offsetWidth - 4);
    tooltip.style.left = Math.max(0, left) + 'px';
    tooltip.style.top = (e.clientY + 16) + 'px';
  });
  canvas.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  canvas.addEventListener('click', function (e) {
    var r = canvas.getBoundingClientRect(), i = nodeAt(e.clientX - r.left, e.clientY - r.top);
    if (i >= 0) { state.zoom = i; render(); }
  });

  var search = document.getElementById('search'), matched = document.getElementById('matched');
  function applySearch() {
    var q = search.value;
    matchedName = null;
    matched.textContent = '';
    if (q) {
      var re;
      try { re = new RegExp(q); } catch (err) { matched.textContent = 'bad regex: ' + err.message; render(); return; }
      matchedName = new Uint8Array(names.length);
      for (var k = 0; k < names.length; k++) matchedName[k] = re.test(names[k]) ? 1 : 0;
      // Share of all samples that pass through a match; a match under a match is counted once.
      var w = data.values[state.column], sum = 0;
      for (var i = 0; i < n;) {
        if (matchedName[nameOf[i]]) { sum += w[i]; i = end[i]; } else i++;
      }
      matched.textContent = 'Matched: ' + pct(sum, w[0]) + ' (' + fmt(sum) + ')';
    }
    render();
  }
  search.addEventListener('input', applySearch);

  function reset() { state.zoom = 0; search.value = ''; applySearch(); }
  document.getElementById('reset').addEventListener('click', reset);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') reset(); });

  var invert = document.getElementById('invert');
  invert.addEventListener('click', function () {
    state.flame = !state.flame;
    invert.textContent = state.flame ? 'Icicle' : 'Flame';
    render();
  });

  var select = document.getElementById('sample-index');
  data.types.forEach(function (t, k) {
    var o = document.createElement('option');
    o.value = k; o.textContent = t.type + ' (' + t.unit + ')';
    select.appendChild(o);
  });
  select.value = state.column;
  select.addEventListener('change', function () { state.column = +select.value; layout(); applySearch(); });
  // Inside the web UI its bar's own Sample selector (si) chooses, for every view alike.
  if (document.getElementById('si')) {
    select.parentNode.hidden = true;
  }
  if (data.diff) {
    document.getElementById('size-by-label').hidden = false;
    document.getElementById('size-by').addEventListener('change', function (e) { state.sizeBy = e.target.value; layout(); render(); });
  }

  document.getElementById('flame-title').textContent = data.title;
  document.getElementById('flame-notes').textContent = data.notes.join('\n') +
    (data.diff ? (data.notes.length ? '\n' : '') + 'Differential: red grew, blue shrank against the base; width from the profile chosen under Width.' : '');
  window.addEventListener('resize', render);

  // Hooks for tests and benchmarks: where a frame is drawn, and how long the first draw took.
  window.pprof4jFlame = {
    frames: n,
    frameCenter: function (name) {
      var z = state.zoom, rows = Math.round(canvas.clientHeight / ROW), scale = canvas.clientWidth / width[z];
      for (var i = z; i < end[z]; i++) {
        if (names[nameOf[i]] === name && width[i] * scale >= 2) {
          return { x: (x[i] - x[z] + width[i] / 2) * scale, y: rowY(depth[i], rows) + ROW / 2 };
        }
      }
      return null;
    },
    zoomedName: function () { return names[nameOf[state.zoom]]; },
    column: function () { return state.column; }
  };

  layout();
  render();
  // A flame graph taller than the window starts scrolled to its root, where the wide frames are.
  var firstRect = canvas.getBoundingClientRect();
  if (state.flame && firstRect.bottom > window.innerHeight) window.scrollTo(0, firstRect.bottom + window.scrollY - window.innerHeight + 8);
  var ms = performance.now() - t0;
  window.pprof4jFlame.renderMs = ms;
  window.pprof4jFlame.sinceNavigationMs = performance.now();
  var rt = document.getElementById('render-time');
  rt.textContent = n.toLocaleString('en-US') + ' frames, drawn in ' + ms.toFixed(0) + ' ms';
  // For benchmarks: script time (parse, layout, first draw) and time since navigation start.
  rt.setAttribute('data-render-ms', ms.toFixed(1));
  rt.setAttribute('data-since-navigation-ms', window.pprof4jFlame.sinceNavigationMs.toFixed(1));
})();
