/* The review pages of placement: the run's report, the what-if comparison, the outlook, the links.
 *
 * Everything shown comes from the JSON block "page-data" (made from the files of the
 * result folder) and is put in the page as text (textContent, never innerHTML), so a name
 * that looks like markup stays a name. Nothing is fetched or sent: the page's
 * Content-Security-Policy allows no connection, and the only thing it makes is the
 * overrides.csv the planner downloads.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("page-data").textContent);
  var PROV = JSON.parse(document.getElementById("provenance").textContent);
  var T = DATA.text;
  var LOCALE = DATA.lang === "nl" ? "nl-NL" : "en-GB";
  var TYPE_COLOURS = DATA.colours.types;
  var OTHER = DATA.colours.other;
  var MOVE = DATA.colours.move;
  var PAGE_SIZE = 50;

  // ------------------------------------------------------------------ small helpers

  function t(key, args) {
    var s = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    if (args) {
      Object.keys(args).forEach(function (k) { s = s.split("{" + k + "}").join(String(args[k])); });
    }
    return s;
  }

  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "class") node.className = v;
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }

  function add(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  var formats = {};
  var DAY = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function day(v) {  // an ISO date (2026-11-23) as the page's language writes it
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v || "");
    return m ? DAY.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) : (v || "");
  }

  function num(v, decimals) {
    if (v === null || v === undefined || v === "" || (typeof v === "number" && isNaN(v))) return "";
    var x = typeof v === "number" ? v : Number(v);
    if (isNaN(x)) return String(v);
    var d = decimals || 0;
    if (!formats[d]) {
      formats[d] = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d });
    }
    return formats[d].format(x);
  }

  /** A column as the page data sends it: a list, values with codes, or sparse. */
  function decode(c) {
    if (Array.isArray(c)) return c;
    if (c.values) return c.codes.map(function (i) { return c.values[i]; });
    var out = new Array(c.n).fill(null);
    if (c.at) c.at.forEach(function (row, j) { out[row] = c.v[j]; });
    return out;
  }

  function decodeAll(cols) {
    var out = {};
    Object.keys(cols).forEach(function (k) { out[k] = decode(cols[k]); });
    return out;
  }

  function rowsOf(table) {
    return table.rows.map(function (r) {
      var o = {};
      table.columns.forEach(function (c, i) { o[c] = r[i]; });
      return o;
    });
  }

  /** Text for plotly's hover labels, which read a little HTML: escape it so names stay text. */
  function plotText(s) {
    return String(s === null || s === undefined ? "" : s)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function word(prefix, value) {
    if (value === null || value === undefined || value === "") return "";
    var key = prefix + "_" + value;
    return Object.prototype.hasOwnProperty.call(T, key) ? T[key] : String(value);
  }

  /** A variant by its id, with a label in the page's language beside it where there is one. */
  function variantLabel(v) {
    var key = "variant_" + v;
    return Object.prototype.hasOwnProperty.call(T, key) ? v + " (" + T[key] + ")" : String(v);
  }

  /** A date written as the page's language writes it; anything else as it is. */
  function dayOr(v) { return /^\d{4}-\d{2}-\d{2}/.test(v || "") ? day(v) : (v || ""); }

  /** Text that may break after a slash (type lists such as regulier/gemeentelijk/noodopvang). */
  function breakable(v) { return String(v === null || v === undefined ? "" : v).replace(/\//g, "/\u200b"); }

  /** A number with as many decimals as it has, up to 4 ("0,05", "10.000"). */
  function numAuto(v) {
    var x = Number(v), d = 0;
    while (d < 4 && Math.abs(Math.round(x * Math.pow(10, d)) / Math.pow(10, d) - x) > 1e-9) d += 1;
    return num(x, d);
  }

  /** A share (0.0012) as a percentage with the page's marks ("0,12 %"). */
  function percent(v) {
    if (v === null || v === undefined || v === "") return "";
    var x = 100 * Number(v);
    if (Math.abs(x) < 0.00005) return t("gap_percent", { gap: num(0) });
    return t("gap_percent", { gap: num(x, Math.abs(x) < 0.01 ? 4 : 2) });
  }

  function yesNo(v) { return v === true ? t("yes") : v === false ? t("no") : ""; }

  function section(id, title) {
    var s = el("section", { id: id }, el("h2", { text: title }));
    return s;
  }

  function header(title, sub, status) {
    return el("header", { class: "top" },
      el("h1", { text: title }),
      el("div", { class: "sub" }, sub, status ? [" ", el("span", { class: "badge " + status, text: word("status", status) })] : null));
  }

  function nav(items) {
    return el("nav", { class: "sections" }, items.map(function (it) {
      return el("a", { href: "#" + it[0], text: it[1] });
    }));
  }

  function tile(key, label, value, opts) {
    opts = opts || {};
    return el("div", { class: "tile" + (opts.alert ? " alert" : ""), "data-kpi": key, "data-value": JSON.stringify(opts.raw === undefined ? null : opts.raw) },
      el("div", { class: "label", text: label }),
      el("div", { class: "value", text: value }),
      opts.note ? el("div", { class: "note", text: opts.note }) : null);
  }

  function simpleTable(columns, rows, numeric) {
    var table = el("table", { class: "data" },
      el("thead", null, el("tr", null, columns.map(function (c, i) {
        return el("th", { class: numeric && numeric[i] ? "num" : null, text: c });
      }))),
      el("tbody", null, rows.map(function (r) {
        return el("tr", null, r.map(function (v, i) {
          return el("td", { class: numeric && numeric[i] ? "num" : null, text: v });
        }));
      })));
    var box = el("div", { class: "scroll" }, table);
    box.table = table;
    return box;
  }

  // ------------------------------------------------------------------ a table for many rows

  /**
   * A paginated table over n rows: sort by a column, filter by a function, pick a row.
   * spec.columns: [{key, label, num, decimals, clip, text(i)}]; spec.value(i, key).
   */
  function bigTable(spec) {
    var n = spec.n;
    var all = new Array(n);
    for (var i = 0; i < n; i++) all[i] = i;
    var order = all.slice();
    var sortKey = null, sortDir = 1, page = 0, picked = -1, filter = null;
    var tbody = el("tbody");
    var ths = spec.columns.map(function (c) {
      var th = el("th", { class: "sortable" + (c.num ? " num" : ""), text: c.label, "data-key": c.key, title: t("sort_hint") });
      th.addEventListener("click", function () {
        if (sortKey === c.key) sortDir = -sortDir; else { sortKey = c.key; sortDir = c.num ? -1 : 1; }
        ths.forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(sortDir > 0 ? "asc" : "desc");
        apply(true);
      });
      return th;
    });
    var count = el("span", { class: "count" });
    var pageLabel = el("span");
    function go(delta) { return function () { page = Math.max(0, Math.min(pages() - 1, page + delta)); render(); }; }
    var first = el("button", { type: "button", text: "\u00ab", title: t("page_first"), onclick: function () { page = 0; render(); } });
    var prev = el("button", { type: "button", text: "\u2039", title: t("page_prev"), onclick: go(-1) });
    var next = el("button", { type: "button", text: "\u203a", title: t("page_next"), onclick: go(1) });
    var last = el("button", { type: "button", text: "\u00bb", title: t("page_last"), onclick: function () { page = pages() - 1; render(); } });
    var root = el("div", { class: "bigtable" },
      el("table", { class: "data", "data-table": spec.name }, el("thead", null, el("tr", null, ths)), tbody),
      el("div", { class: "pager" }, first, prev, pageLabel, next, last, count));

    function pages() { return Math.max(1, Math.ceil(order.length / PAGE_SIZE)); }

    function compare(key) {
      return function (a, b) {
        var x = spec.value(a, key), y = spec.value(b, key);
        var ex = x === null || x === "" || x === undefined, ey = y === null || y === "" || y === undefined;
        if (ex || ey) return ex && ey ? a - b : ex ? 1 : -1;
        if (x < y) return -sortDir;
        if (x > y) return sortDir;
        return a - b;
      };
    }

    function apply(keepPage) {
      order = filter ? all.filter(filter) : all.slice();
      if (sortKey !== null) order.sort(compare(sortKey));
      if (!keepPage) page = 0;
      page = Math.min(page, pages() - 1);
      render();
    }

    function render() {
      var start = page * PAGE_SIZE;
      var slice = order.slice(start, start + PAGE_SIZE);
      tbody.textContent = "";
      slice.forEach(function (i) {
        var tr = el("tr", { class: (spec.onPick ? "pickable" : "") + (i === picked ? " picked" : ""), "data-row": i });
        spec.columns.forEach(function (c) {
          var text = c.text ? c.text(i) : c.num ? num(spec.value(i, c.key), c.decimals) : spec.value(i, c.key);
          var td = el("td", { class: (c.num ? "num" : "") + (c.clip ? " clip" : "") + (c.wrap ? " wrap" : ""), text: text === null ? "" : text });
          if (c.clip) td.title = text === null ? "" : String(text);
          tr.appendChild(td);
        });
        if (spec.onPick) tr.addEventListener("click", function () { pick(i); });
        tbody.appendChild(tr);
      });
      pageLabel.textContent = t("page_of", { page: num(page + 1), pages: num(pages()) });
      count.textContent = t("rows_shown", { shown: num(order.length), total: num(n), what: spec.what });
      count.setAttribute("data-count", String(order.length));
      first.disabled = prev.disabled = page === 0;
      next.disabled = last.disabled = page >= pages() - 1;
    }

    function pick(i) {
      picked = i;
      var at = order.indexOf(i);
      if (at >= 0) page = Math.floor(at / PAGE_SIZE);
      render();
      if (spec.onPick) spec.onPick(i);
    }

    apply();
    return {
      root: root,
      setFilter: function (f) { filter = f; apply(); },
      pick: pick,
      shown: function () { return order; },
    };
  }

  function select(label, options, onchange, attrs) {
    var s = el("select", attrs || null, options.map(function (o) {
      return el("option", { value: o[0], text: o[1] });
    }));
    s.addEventListener("change", function () { onchange(s.value); });
    return el("label", null, label + " ", s);
  }

  // ------------------------------------------------------------------ maps

  var MAP_CONFIG = {
    displaylogo: false, responsive: true, scrollZoom: true,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
  };

  function baseMap() {
    var b = DATA.boundaries;
    return [
      { type: "scatter", mode: "lines", x: b.gemeenten.lon, y: b.gemeenten.lat, hoverinfo: "skip",
        line: { color: "#c9cfd4", width: 0.5 }, showlegend: false, name: "gemeenten" },
      { type: "scatter", mode: "lines", x: b.provincies.lon, y: b.provincies.lat, hoverinfo: "skip",
        line: { color: "#7d8790", width: 1 }, showlegend: false, name: "provincies" },
    ];
  }

  function mapLayout(title) {
    return {
      title: title ? { text: plotText(title), font: { size: 14 } } : undefined,
      margin: { l: 4, r: 4, t: title ? 34 : 6, b: 22 },
      xaxis: { visible: false, range: [3.2, 7.3] },
      yaxis: { visible: false, range: [50.7, 53.6], scaleanchor: "x", scaleratio: 1 / Math.cos(52.2 * Math.PI / 180) },
      hovermode: "closest", dragmode: "pan", plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      legend: { x: 0.01, y: 0.99, bgcolor: "rgba(255,255,255,0.8)", font: { size: 11 }, itemsizing: "constant" },
      annotations: [{ text: plotText(DATA.boundaries.attribution), xref: "paper", yref: "paper", x: 1, y: 0,
        xanchor: "right", yanchor: "top", showarrow: false, font: { size: 10, color: "#666" } }],
    };
  }

  /** Line segments from->to as one trace, with a hover point halfway. */
  function lineTraces(segments, colour, name, hover) {
    var x = [], y = [], mx = [], my = [], text = [], widthMax = 1;
    segments.forEach(function (s) { widthMax = Math.max(widthMax, s.n); });
    var bins = [[], [], []];
    segments.forEach(function (s) {
      var b = s.n > widthMax * 0.5 ? 2 : s.n > widthMax * 0.15 ? 1 : 0;
      bins[b].push(s);
      mx.push((s.x0 + s.x1) / 2); my.push((s.y0 + s.y1) / 2); text.push(hover(s));
    });
    var legend = true;
    var traces = bins.filter(function (bin) { return bin.length; }).map(function (bin) {
      var b = bins.indexOf(bin);
      x = []; y = [];
      bin.forEach(function (s) { x.push(s.x0, s.x1, null); y.push(s.y0, s.y1, null); });
      var trace = { type: "scatter", mode: "lines", x: x, y: y, hoverinfo: "skip", name: name,
        legendgroup: name, showlegend: legend, line: { color: colour, width: [0.7, 1.6, 3][b] }, opacity: 0.55 };
      legend = false;
      return trace;
    });
    traces.push({ type: "scatter", mode: "markers", x: mx, y: my, text: text, hovertemplate: "%{text}<extra></extra>",
      marker: { size: 6, color: colour, opacity: 0.35 }, showlegend: false, name: name + " (hover)", legendgroup: name });
    return traces;
  }

  // ------------------------------------------------------------------ the run's report

  function runPage() {
    var K = DATA.kpis, S = DATA.settings || {};
    var H = decodeAll(DATA.households);
    var L = decodeAll(DATA.locations);
    var nH = H.household_id.length, nL = L.location_id.length;
    var at = {};
    L.location_id.forEach(function (id, i) { at[id] = i; });
    function siteName(id) {
      if (id === null || id === "" || id === undefined) return "";
      var i = at[id];
      return i === undefined ? id : L.name[i] + " (" + id + ")";
    }

    var app = document.getElementById("app");
    app.textContent = "";
    var sub = [t(S.mode === "rebalance" ? "mode_rebalance" : "mode_weekly"), " \u00b7 ",
      t("planning_date"), " ", day(K.planning_date || S.planning_date), " \u00b7 ",
      t("landscape"), " ", (S.landscape && S.landscape.name) || K.landscape || ""];
    add(app, header(t("run_title"), sub, K.status));
    add(app, nav([["summary", t("sec_summary")], ["map", t("sec_map")], ["households", t("sec_households")],
      ["locations", t("sec_locations")], ["shortages", t("sec_shortages")], ["provenance", t("sec_provenance")]]));
    var main = el("main");
    app.appendChild(main);

    // --- summary
    var sum = section("summary", t("sec_summary"));
    var w = (S.weights || {});
    var costTerm = (K.objective_terms || {}).cost;
    var euro = w.cost ? costTerm / w.cost : null;
    var tiles = el("div", { class: "tiles" },
      tile("status", t("kpi_status"), word("status", K.status), { raw: K.status }),
      tile("placed", t("kpi_placed"), num(K.placed), { raw: K.placed, note: t("of_persons", { n: num(K.persons) }) }),
      tile("unplaced", t("kpi_unplaced"), num(K.unplaced), { raw: K.unplaced, alert: K.unplaced > 0 }),
      tile("new_arrivals", t("kpi_new_arrivals"), num(K.new_arrivals), { raw: K.new_arrivals }),
      tile("moved_persons", t("kpi_moved_persons"), num(K.moved_persons), { raw: K.moved_persons }),
      tile("moved_children", t("kpi_moved_children"), num(K.moved_children), { raw: K.moved_children }),
      tile("children_over_cap", t("kpi_children_over_cap"), num(K.children_over_cap), { raw: K.children_over_cap, alert: K.children_over_cap > 0 }),
      tile("family_splits", t("kpi_family_splits"), num(K.family_splits), { raw: K.family_splits }),
      tile("flex_beds_used", t("kpi_flex_beds_used"), num(K.flex_beds_used), { raw: K.flex_beds_used }),
      tile("distance_km_mean", t("kpi_distance_km_mean"), num(K.distance_km_mean, 1), { raw: K.distance_km_mean }),
      tile("objective_terms.cost", t("kpi_cost"), euro === null ? num(costTerm, 2) : "\u20ac " + num(euro, 2),
        { raw: costTerm }));
    sum.appendChild(tiles);
    var warnings = el("ul", { class: "warnings", id: "warnings" });
    DATA.warnings.run.forEach(function (wn) {
      var args = { n: num(wn.n), status: word("status", wn.status), gap: num(wn.gap, 6), ids: (wn.ids || []).slice(0, 12).join(", ") + ((wn.ids || []).length > 12 ? ", \u2026" : "") };
      warnings.appendChild(el("li", { "data-code": wn.code, text: t("warn_" + wn.code, args) }));
    });
    DATA.warnings.input.forEach(function (text) { warnings.appendChild(el("li", { class: "input", text: t("input_warning") + ": " + text })); });
    if (!warnings.children.length) warnings.appendChild(el("li", { class: "input", text: t("no_warnings") }));
    sum.appendChild(el("h3", { text: t("warnings") }));
    sum.appendChild(warnings);
    main.appendChild(sum);

    // --- map
    var mapSec = section("map", t("sec_map"));
    var mapDiv = el("div", { class: "map", id: "map-plot" });
    mapSec.appendChild(el("p", { class: "small", text: t("map_hint") }));
    mapSec.appendChild(mapDiv);
    main.appendChild(mapSec);

    // --- households
    var hhSec = section("households", t("sec_households"));
    var search = el("input", { type: "search", id: "household-search", placeholder: t("search_households"), "aria-label": t("search_households") });
    var state = { q: "", status: "", location: "", track: "", overCap: false };
    var overCap = H.children_over_cap.some(function (v) { return v !== null; });
    var overCapHouseholds = H.children_over_cap.filter(function (v) { return v > 0; }).length;
    var statuses = ["stay", "move", "new", "unplaced"].filter(function (s) { return H.status.indexOf(s) >= 0; });
    var tracks = Array.from(new Set(H.track.filter(function (x) { return x; }))).sort();
    var locOptions = L.location_id.map(function (id, i) { return [id, L.name[i] + " (" + id + ")"]; });
    var reasonCache = {};
    function matches(i) {
      if (state.status && H.status[i] !== state.status) return false;
      if (state.track && H.track[i] !== state.track) return false;
      if (state.overCap && !(H.children_over_cap[i] > 0)) return false;
      if (state.location && H.from_location_id[i] !== state.location && H.to_location_id[i] !== state.location) return false;
      if (!state.q) return true;
      if (state.exact !== undefined) return i === state.exact;
      var q = state.q;
      if (String(H.household_id[i]).toLowerCase().indexOf(q) >= 0) return true;
      var r = H.reason[i] || "";
      if (reasonCache[r] === undefined) reasonCache[r] = r.toLowerCase().indexOf(q) >= 0;
      return reasonCache[r];
    }
    var byId = {};
    H.household_id.forEach(function (id, i) { byId[String(id).toLowerCase()] = i; });
    var detail = el("div", { class: "panel empty", id: "household-detail", text: t("pick_household") });
    var table = bigTable({
      name: "households", n: nH, what: t("households_word"),
      value: function (i, key) { return H[key][i]; },
      columns: [
        { key: "household_id", label: t("col_household") },
        { key: "persons", label: t("col_persons"), num: true },
        { key: "children", label: t("col_children"), num: true },
        { key: "track", label: t("col_track") },
        { key: "status", label: t("col_status"), text: function (i) { return word("status", H.status[i]) + (H.override[i] ? " \u00b7 " + word("override", H.override[i]) : ""); } },
        { key: "from_location_id", label: t("col_from") },
        { key: "to_location_id", label: t("col_to") },
        { key: "reason", label: t("col_reason"), wrap: true },
      ],
      onPick: function (i) { showHousehold(i); },
    });
    function refilter() {
      var q = search.value.trim().toLowerCase();
      if (q !== state.q) reasonCache = {};  // the cache answers one query
      state.q = q;
      state.exact = q && byId[q] !== undefined ? byId[q] : undefined;
      table.setFilter(matches);
    }
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refilter, 120); });
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        clearTimeout(timer); refilter();
        var shown = table.shown();
        if (shown.length === 1) table.pick(shown[0]);
      }
    });
    var statusSel = select(t("col_status"), [["", t("all")]].concat(statuses.map(function (s) { return [s, word("status", s)]; })),
      function (v) { state.status = v; refilter(); }, { id: "filter-status" });
    var locSel = select(t("col_location"), [["", t("all")]].concat(locOptions), function (v) { state.location = v; refilter(); }, { id: "filter-location" });
    var trackSel = select(t("col_track"), [["", t("all")]].concat(tracks.map(function (x) { return [x, x]; })),
      function (v) { state.track = v; refilter(); }, { id: "filter-track" });
    var overCapBox = el("input", { type: "checkbox", id: "filter-over-cap" });
    overCapBox.addEventListener("change", function () { state.overCap = overCapBox.checked; refilter(); });
    var overCapSel = overCap ? el("label", { class: "toggle", title: t("over_cap_n", { n: num(K.children_over_cap) }) }, overCapBox, " " + t("filter_over_cap") + " (" + num(overCapHouseholds) + ")") : null;
    hhSec.appendChild(el("div", { class: "controls" }, search, statusSel, locSel, tracks.length ? trackSel : null, overCapSel));
    var marksBox = el("div", { class: "panel marks", id: "marks" });
    hhSec.appendChild(el("div", { class: "grid2" }, table.root, el("div", null, detail, el("h3", { text: t("marks_title") }), marksBox)));
    if (!DATA.explained) hhSec.insertBefore(el("p", { class: "small", text: t("no_explanations") }), hhSec.children[1]);
    main.appendChild(hhSec);

    function setLocationFilter(id) {
      locSel.querySelector("select").value = id;
      state.location = id;
      refilter();
      document.getElementById("households").scrollIntoView();
    }

    // --- the household view and the planner's marks
    var marks = [];
    function showHousehold(i) {
      detail.className = "panel";
      detail.textContent = "";
      var id = H.household_id[i];
      detail.setAttribute("data-household", id);
      add(detail, el("h3", { text: t("household") + " " + id }));
      var facts = el("dl", { class: "facts" });
      function fact(label, value, attrs) { facts.appendChild(el("dt", { text: label })); facts.appendChild(el("dd", attrs || null, value)); }
      fact(t("col_persons"), num(H.persons[i]) + (H.children[i] !== null ? " (" + t("children_n", { n: num(H.children[i]) }) + ")" : ""));
      if (H.track[i]) fact(t("col_track"), H.track[i]);
      fact(t("col_status"), word("status", H.status[i]) + (H.override[i] ? " \u00b7 " + word("override", H.override[i]) : ""));
      if (H.children_over_cap[i] > 0) fact(t("col_children_over_cap"), num(H.children_over_cap[i]), { "data-field": "over-cap" });
      fact(t("col_from"), siteName(H.from_location_id[i]) || t("new_arrival"));
      fact(t("col_to"), siteName(H.to_location_id[i]) || t("no_bed"), { "data-field": "to" });
      if (H.distance_km[i] !== null) fact(t("col_distance"), num(H.distance_km[i], 1) + " km");
      if (H.options[i] !== null) fact(t("col_options"), num(H.options[i]));
      detail.appendChild(facts);
      detail.appendChild(el("div", { class: "reason", "data-field": "reason", text: H.reason[i] || "" }));
      if (H.rules[i]) {
        detail.appendChild(el("h3", { text: t("rules") }));
        detail.appendChild(el("ul", { class: "rules" }, String(H.rules[i]).split("; ").map(function (r) { return el("li", { text: r }); })));
      }
      if (H.limit[i]) {
        detail.appendChild(el("h3", { text: t("limit") }));
        detail.appendChild(el("p", { "data-field": "limit" }, el("strong", { text: word("limit", H.limit[i]) }), " \u2014 ", H.limit_detail[i] || ""));
      }
      var nb = H.next_best_location_id[i];
      detail.appendChild(el("h3", { text: t("next_best") }));
      if (nb) {
        detail.appendChild(el("p", null, el("span", { "data-field": "next-best", "data-id": nb, text: siteName(nb) }),
          " \u00b7 ", H.next_best_has_room[i] ? t("has_room", { n: num(H.next_best_beds_free[i]) }) : t("no_room", { n: num(H.next_best_beds_free[i]) })));
        var rows = DATA.terms.filter(function (term) { return H["delta_" + term][i] !== null && H["delta_" + term][i] !== 0; })
          .map(function (term) {
            var v = H["delta_" + term][i];
            return el("tr", null, el("td", { text: word("term", term) }), el("td", { class: "num " + (v > 0 ? "pos" : "neg"), text: (v > 0 ? "+" : "") + num(v, 2) }));
          });
        var total = H.delta_total[i];
        rows.push(el("tr", null, el("th", { text: t("delta_total") }), el("th", { class: "num", "data-field": "delta-total", text: (total > 0 ? "+" : "") + num(total, 2) })));
        detail.appendChild(el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", { text: t("term") }), el("th", { class: "num", text: t("delta") }))), el("tbody", null, rows)));
        detail.appendChild(el("p", { class: "small", text: t("delta_hint") }));
      } else {
        detail.appendChild(el("p", { class: "small", "data-field": "next-best", text: t("no_next_best") }));
      }
      detail.appendChild(markForm(i));
    }

    var allowedTypes = (S.landscape && S.landscape.tracks) || null;

    /** Whether household i could be pinned to location j: open, fitting, room for it after this placement. */
    function hasRoom(i, j) {
      var loc = L.location_id[j];
      if (loc === H.to_location_id[i]) return true;  // it is there already
      if (L.open[j] === false || L.over_limit[j]) return false;
      var persons = H.persons[i] || 0, children = H.children[i] || 0;
      var free = (L.capacity[j] || 0) + (L.flex_capacity[j] || 0) - (L.occupancy_after[j] || 0);
      if (free < persons) return false;
      if (children > 0 && L.child_suitable[j] === false) return false;
      if (children > 0 && L.max_children[j] !== null && L.max_children[j] - (L.children_after[j] || 0) < children) return false;
      if (H.medical[i] === true && L.has_medical[j] === false) return false;
      var types = allowedTypes && H.track[i] ? allowedTypes[H.track[i]] : null;
      return !types || types.indexOf(L.type[j]) >= 0 || loc === H.from_location_id[i];
    }

    function markForm(i) {
      var id = H.household_id[i];
      function choicesFor(pin) {
        var choices = [];
        function offer(loc, note) {
          if (!loc || choices.some(function (c) { return c[0] === loc; })) return;
          if (pin && (at[loc] === undefined || !hasRoom(i, at[loc]))) return;
          choices.push([loc, siteName(loc) + " \u2014 " + note]);
        }
        offer(H.to_location_id[i], t("loc_proposed"));
        offer(H.next_best_location_id[i], t("loc_next_best"));
        offer(H.from_location_id[i], t("loc_current"));
        L.location_id.forEach(function (loc, j) { if (L.open[j] !== false) offer(loc, L.type[j]); });
        return choices;
      }
      var where = el("select", { id: "mark-location" });
      var note = el("div", { class: "small", id: "mark-note" });
      function fill(pin) {
        var was = where.value;
        where.textContent = "";
        choicesFor(pin).forEach(function (c) { where.appendChild(el("option", { value: c[0], text: c[1] })); });
        if (was && where.querySelector('option[value="' + was.replace(/["\\]/g, "") + '"]')) where.value = was;
        note.textContent = pin ? t("pin_only_room") : "";
      }
      var action = el("select", { id: "mark-action" }, el("option", { value: "forbid", text: t("action_forbid") }), el("option", { value: "pin", text: t("action_pin") }));
      action.addEventListener("change", function () { fill(action.value === "pin"); });
      fill(false);
      var why = el("input", { type: "text", id: "mark-reason", maxlength: 300, placeholder: t("mark_reason_hint"), size: 40 });
      var msg = el("div", { class: "error", id: "mark-error" });
      var form = el("form", { class: "marks" },
        el("h3", { text: t("mark_title") }),
        el("div", { class: "row" }, action, where),
        note,
        el("div", { class: "row" }, why, el("button", { type: "submit", class: "primary", id: "mark-add", text: t("mark_add") })),
        msg);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var reason = why.value.replace(/[\r\n\t]+/g, " ").trim();
        if (!reason) { msg.textContent = t("mark_needs_reason"); return; }
        if (!where.value) return;
        msg.textContent = "";
        var mark = { household_id: id, location_id: where.value, action: action.value, reason: reason };
        marks = marks.filter(function (m) {
          if (m.household_id !== id) return true;
          if (mark.action === "pin" && m.action === "pin") return false;
          return !(m.location_id === mark.location_id && m.action === mark.action);
        });
        marks.push(mark);
        why.value = "";
        drawMarks();
      });
      return form;
    }

    function csvCell(s) {
      s = String(s);
      return /[",\n\r;]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
    }

    function overridesCsv() {
      var lines = ["household_id,location_id,action,reason"];
      marks.forEach(function (m) { lines.push([m.household_id, m.location_id, m.action, m.reason].map(csvCell).join(",")); });
      return lines.join("\n") + "\n";
    }

    var download = el("button", { type: "button", class: "primary", id: "marks-download", text: t("marks_download") });
    download.addEventListener("click", function () {
      var blob = new Blob([overridesCsv()], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: "overrides.csv" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });

    function drawMarks() {
      marksBox.textContent = "";
      if (!marks.length) {
        marksBox.appendChild(el("p", { class: "small", text: t("marks_none") }));
      } else {
        marksBox.appendChild(el("table", { class: "data", id: "marks-table" }, el("tbody", null, marks.map(function (m, j) {
          return el("tr", null, el("td", { text: m.household_id }), el("td", { text: word("action", m.action) }),
            el("td", { text: siteName(m.location_id) }), el("td", { text: m.reason }),
            el("td", null, el("button", { type: "button", text: "\u00d7", title: t("mark_remove"), onclick: function () { marks.splice(j, 1); drawMarks(); } })));
        }))));
      }
      download.disabled = !marks.length;
      marksBox.appendChild(el("div", { class: "row" }, download, " ", el("span", { class: "small", text: t("marks_hint") })));
    }
    drawMarks();

    // --- locations
    var locSec = section("locations", t("sec_locations"));
    var locSearch = el("input", { type: "search", id: "location-search", placeholder: t("search_locations") });
    var types = Array.from(new Set(L.type)).sort();
    var lstate = { q: "", type: "" };
    var ltable = bigTable({
      name: "locations", n: nL, what: t("locations_word"),
      value: function (i, key) { return L[key][i]; },
      columns: [
        { key: "location_id", label: t("col_location_id") },
        { key: "name", label: t("col_name") },
        { key: "type", label: t("col_type") },
        { key: "gemeente", label: t("col_gemeente") },
        { key: "capacity", label: t("col_capacity"), num: true },
        { key: "flex_capacity", label: t("col_flex_capacity"), num: true },
        { key: "flex_used", label: t("col_flex_used"), num: true },
        { key: "occupancy_before", label: t("col_occupancy_before"), num: true },
        { key: "occupancy_after", label: t("col_occupancy_after"), num: true },
        { key: "arrivals", label: t("col_arrivals"), num: true },
        { key: "departures", label: t("col_departures"), num: true },
        { key: "children_after", label: t("col_children_after"), num: true },
        { key: "max_children", label: t("col_max_children"), num: true },
        { key: "over_limit", label: t("col_over_limit"), text: function (i) { return L.over_limit[i] ? t("yes") : ""; } },
        { key: "open", label: t("col_open"), text: function (i) { return yesNo(L.open[i]); } },
      ],
      onPick: function (i) { setLocationFilter(L.location_id[i]); },
    });
    function lfilter(i) {
      if (lstate.type && L.type[i] !== lstate.type) return false;
      if (!lstate.q) return true;
      return (L.location_id[i] + " " + L.name[i] + " " + L.gemeente[i]).toLowerCase().indexOf(lstate.q) >= 0;
    }
    locSearch.addEventListener("input", function () { lstate.q = locSearch.value.trim().toLowerCase(); ltable.setFilter(lfilter); });
    locSec.appendChild(el("div", { class: "controls" }, locSearch,
      select(t("col_type"), [["", t("all")]].concat(types.map(function (x) { return [x, x]; })), function (v) { lstate.type = v; ltable.setFilter(lfilter); }),
      el("span", { class: "small", text: t("location_hint") })));
    locSec.appendChild(ltable.root);
    main.appendChild(locSec);

    // --- shortages
    var shortSec = section("shortages", t("sec_shortages"));
    if (DATA.shortages) {
      var numeric = DATA.shortages.columns.map(function (c) { return /^(households|persons|unplaced_|fitting|free_|beds_|child_places)/.test(c); });
      shortSec.appendChild(simpleTable(DATA.shortages.columns.map(function (c) { return word("short", c); }),
        DATA.shortages.rows.map(function (r) { return r.map(function (v, i) { return numeric[i] ? num(v) : breakable(word("bool", v)); }); }), numeric));
    } else {
      shortSec.appendChild(el("p", { class: "small", text: t("no_shortages_file") }));
    }
    main.appendChild(shortSec);

    main.appendChild(provenance(S, K));
    drawRunMap(mapDiv, L, at, setLocationFilter);
  }

  function drawRunMap(div, L, at, onPick) {
    var traces = baseMap();
    var segs = [];
    DATA.moves.forEach(function (m) {
      var a = at[m[0]], b = at[m[1]];
      if (a === undefined || b === undefined || L.lat[a] === null || L.lat[b] === null) return;
      segs.push({ x0: L.lon[a], y0: L.lat[a], x1: L.lon[b], y1: L.lat[b], n: m[2], from: m[0], to: m[1], h: m[3] });
    });
    if (segs.length) {
      traces = traces.concat(lineTraces(segs, MOVE, t("map_moves"), function (s) {
        return plotText(s.from + " \u2192 " + s.to) + "<br>" + plotText(t("persons_households", { p: num(s.n), h: num(s.h) }));
      }));
    }
    var largest = 1;
    L.occupancy_after.forEach(function (v) { largest = Math.max(largest, v || 0); });
    var byType = {};
    L.location_id.forEach(function (id, i) {
      if (L.lat[i] === null) return;
      (byType[L.type[i]] = byType[L.type[i]] || []).push(i);
    });
    var labels = [t("col_type"), t("col_occupancy_before"), t("col_occupancy_after"), t("col_capacity"), t("col_flex_capacity"),
      t("col_arrivals"), t("col_departures"), t("col_children_after"), t("col_gemeente")].map(plotText);
    Object.keys(byType).sort().forEach(function (type) {
      var idx = byType[type];
      traces.push({
        type: "scatter", mode: "markers", name: plotText(type),
        x: idx.map(function (i) { return L.lon[i]; }), y: idx.map(function (i) { return L.lat[i]; }),
        customdata: idx.map(function (i) {
          var state = L.open[i] === false ? t("closed") : "";
          if (L.over_limit[i]) state = (state ? state + ", " : "") + t("col_over_limit");
          return [plotText(L.name[i]), plotText(L.location_id[i]), plotText(L.type[i]), num(L.occupancy_before[i]), num(L.occupancy_after[i]),
            num(L.capacity[i]), num(L.flex_capacity[i]), num(L.arrivals[i]), num(L.departures[i]), num(L.children_after[i]),
            plotText(L.gemeente[i]), plotText(state)];
        }),
        hovertemplate: "<b>%{customdata[0]}</b> (%{customdata[1]})<br>" + labels[0] + ": %{customdata[2]}<br>" +
          labels[1] + ": %{customdata[3]}<br>" + labels[2] + ": %{customdata[4]}<br>" + labels[3] + ": %{customdata[5]} (+%{customdata[6]})<br>" +
          labels[5] + ": %{customdata[7]}, " + labels[6] + ": %{customdata[8]}<br>" + labels[7] + ": %{customdata[9]}<br>" +
          labels[8] + ": %{customdata[10]}<br><b>%{customdata[11]}</b><extra></extra>",
        marker: {
          color: TYPE_COLOURS[type] || OTHER, opacity: 0.85, sizemode: "area", sizeref: 2 * largest / (34 * 34), sizemin: 4,
          size: idx.map(function (i) { return Math.max(L.occupancy_after[i] || 0, L.open[i] === false ? largest * 0.02 : 1); }),
          symbol: idx.map(function (i) { return L.open[i] === false ? "x" : "circle"; }),
          line: { color: idx.map(function (i) { return L.over_limit[i] ? "#b3261e" : "#ffffff"; }), width: idx.map(function (i) { return L.over_limit[i] ? 3 : 0.6; }) },
        },
        ids: idx.map(function (i) { return L.location_id[i]; }),
      });
    });
    traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], name: plotText(t("closed")), marker: { symbol: "x", color: OTHER, size: 10 }, hoverinfo: "skip" });
    traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], name: plotText(t("col_over_limit")), marker: { color: "#fff", size: 10, line: { color: "#b3261e", width: 3 } }, hoverinfo: "skip" });
    var layout = mapLayout(t("map_title"));
    Plotly.newPlot(div, traces, layout, MAP_CONFIG).then(function () {
      div.on("plotly_click", function (ev) {
        var p = ev.points && ev.points[0];
        if (p && p.id) onPick(p.id);
      });
      div.setAttribute("data-drawn", "1");
    });
  }

  /** A weight or solver option by its name in scenario.toml, as the page's language says it. */
  function settingLabel(prefix, k) {
    var own = prefix + "_" + k;
    if (Object.prototype.hasOwnProperty.call(T, own)) return T[own];
    if (prefix === "weight" && Object.prototype.hasOwnProperty.call(T, "term_" + k)) return T["term_" + k];
    return k;
  }

  function settingList(prefix, values) {
    return Object.keys(values).map(function (k) {
      var v = values[k];
      return settingLabel(prefix, k) + " " + (typeof v === "number" ? numAuto(v) : String(v));
    }).join(", ");
  }

  /** The solver's own figures (objective, gap, bound): for checking, not for planning. */
  function technical(K, facts) {
    if (!K || (K.objective === undefined && K.mip_gap === undefined)) return;
    facts.appendChild(el("dt", { text: t("sec_technical") }));
    var parts = [word("status", K.status)];
    if (K.objective !== undefined && K.objective !== null) parts.push(t("kpi_objective") + " " + num(K.objective, 2));
    if (K.bound !== undefined && K.bound !== null) parts.push(t("kpi_bound") + " " + num(K.bound, 2));
    if (K.mip_gap !== undefined && K.mip_gap !== null) parts.push(t("gap") + " " + percent(K.mip_gap));
    facts.appendChild(el("dd", { id: "technical", "data-kpi": "mip_gap", "data-value": JSON.stringify(K.mip_gap === undefined ? null : K.mip_gap), "data-objective": JSON.stringify(K.objective === undefined ? null : K.objective) },
      parts.join(" \u00b7 "), el("div", { class: "small", text: t("objective_hint") })));
  }

  function provenance(S, K) {
    var sec = section("provenance", t("sec_provenance"));
    var facts = el("dl", { class: "facts" });
    function fact(label, value, attrs) { facts.appendChild(el("dt", { text: label })); facts.appendChild(el("dd", attrs || null, value)); }
    var hid = PROV.history_id;
    if (PROV.history_ids) fact(t("history_id"), Object.keys(PROV.history_ids).map(function (k) { return variantLabel(k) + ": " + PROV.history_ids[k]; }).join(", "), { id: "history-id" });
    else fact(t("history_id"), hid === null || hid === undefined ? t("history_none") : String(hid), { id: "history-id" });
    if (S.placement_version) fact(t("version_written"), "placement " + S.placement_version);
    if (S.planning_date) fact(t("planning_date"), day(S.planning_date));
    if (S.mode) fact(t("mode"), word("mode", S.mode));
    if (S.landscape) fact(t("landscape"), S.landscape.name + " (" + (S.landscape.types || []).join(", ") + ")");
    if (S.weights) fact(t("weights"), settingList("weight", S.weights));
    if (S.solver) fact(t("solver"), settingList("solver", S.solver));
    technical(K, facts);
    if (PROV.versions) fact(t("versions"), Object.keys(PROV.versions).map(function (k) { return k + " " + PROV.versions[k]; }).join(", "));
    sec.appendChild(facts);
    if (PROV.inputs && PROV.inputs.length) {
      sec.appendChild(el("h3", { text: t("inputs") }));
      sec.appendChild(simpleTable([t("file"), "SHA-256", t("bytes")], PROV.inputs.map(function (r) { return [r[0], r[1], num(r[2])]; }), [false, false, true]));
      sec.querySelectorAll("td:nth-child(2)").forEach(function (td) { td.className = "mono"; });
    } else {
      sec.appendChild(el("p", { class: "small", text: t("inputs_unknown") }));
    }
    sec.appendChild(el("footer", null, t("footer", { made: DATA.made_by }), el("br"), DATA.boundaries ? DATA.boundaries.attribution + ". " : "", t("licences")));
    return sec;
  }

  // ------------------------------------------------------------------ the what-if comparison

  function comparisonPage() {
    var app = document.getElementById("app");
    app.textContent = "";
    var variants = Object.keys(DATA.variants);
    var base = DATA.runs.baseline || {};
    add(app, header(t("whatif_title"), [t("planning_date"), " ", day(base.planning_date), " \u00b7 ", t("variants_n", { n: variants.length })]));
    add(app, nav([["kpis", t("sec_kpis")], ["diffmap", t("sec_diffmap")], ["changes", t("sec_changes")], ["closures", t("sec_closures")], ["provenance", t("sec_provenance")]]));
    var main = el("main");
    app.appendChild(main);

    var vs = section("variants", t("sec_variants"));
    vs.appendChild(el("ul", null, variants.map(function (v) { return el("li", null, el("strong", { text: v }), ": ", DATA.variants[v].join("; ")); })));
    main.appendChild(vs);

    var ks = section("kpis", t("sec_kpis"));
    var cols = DATA.kpis.columns;
    var numeric = cols.map(function (c, i) { return i >= 2; });
    var kpiRows = DATA.kpis.rows.map(function (r) {
      var name = r[0];
      var label = name.indexOf("occupancy ") === 0 ? t("occupancy_of", { province: name.slice(10) }) : word("kpi", name);
      return [label].concat(r.slice(2).map(function (v, j) {
        if (name === "status") return word("status", v);
        var change = cols[j + 2].slice(-7) === "_change";
        var x = Number(v);
        var d = /distance|objective|cost|gap/.test(name) ? 1 : 0;
        return v === "" ? "" : isNaN(x) ? v : (change && x > 0 ? "+" : "") + num(x, d);
      }));
    });
    var heads = [t("kpi")].concat(cols.slice(2).map(function (c) { return c.slice(-7) === "_change" ? t("change_of", { name: c.slice(0, -7) }) : variantLabel(c); }));
    var kt = simpleTable(heads, kpiRows, [false].concat(numeric.slice(2)));
    kt.id = "kpi-table";
    ks.appendChild(kt);
    main.appendChild(ks);

    var changes = rowsOf(DATA.locations);
    var ms = section("diffmap", t("sec_diffmap"));
    var mapDiv = el("div", { class: "map", id: "map-plot" });
    var which = variants[0];
    ms.appendChild(el("div", { class: "controls" }, select(t("variant"), variants.map(function (v) { return [v, variantLabel(v)]; }), function (v) { which = v; draw(); }, { id: "pick-variant" }),
      el("span", { class: "small", text: t("diffmap_hint") })));
    ms.appendChild(mapDiv);
    main.appendChild(ms);
    var moves = rowsOf(DATA.closure_moves);

    function draw() {
      var mine = changes.filter(function (r) { return r.variant === which; });
      var at = {};
      changes.forEach(function (r) { at[r.location_id] = r; });
      var traces = baseMap();
      var pairs = {};
      moves.filter(function (m) { return m.variant === which && m.to_location_id; }).forEach(function (m) {
        var k = m.from_location_id + "\u0001" + m.to_location_id;
        pairs[k] = pairs[k] || { from: m.from_location_id, to: m.to_location_id, n: 0, h: 0 };
        pairs[k].n += Number(m.persons); pairs[k].h += 1;
      });
      var segs = Object.keys(pairs).map(function (k) {
        var p = pairs[k], a = at[p.from], b = at[p.to];
        return { x0: Number(a.lon), y0: Number(a.lat), x1: Number(b.lon), y1: Number(b.lat), n: p.n, from: p.from, to: p.to, h: p.h };
      });
      if (segs.length) traces = traces.concat(lineTraces(segs, "#6a3d9a", t("map_closure_moves"), function (s) {
        return plotText(s.from + " \u2192 " + s.to) + "<br>" + plotText(t("persons_households", { p: num(s.n), h: num(s.h) }));
      }));
      var largest = 1;
      mine.forEach(function (r) { largest = Math.max(largest, Math.abs(Number(r.occupancy_change))); });
      var groups = [["same", "circle", function (r) { return Number(r.occupancy_change) === 0 && !r.change; }],
        ["added", "star", function (r) { return r.change === "added"; }],
        ["closed", "x", function (r) { return r.change === "closed" || r.change === "removed"; }],
        ["changed", "circle", function (r) { return !(Number(r.occupancy_change) === 0 && !r.change) && ["added", "closed", "removed"].indexOf(r.change) < 0; }]];
      groups.forEach(function (g) {
        var part = mine.filter(g[2]);
        if (!part.length) return;
        traces.push({
          type: "scatter", mode: "markers", name: plotText(t("diff_" + g[0])),
          x: part.map(function (r) { return Number(r.lon); }), y: part.map(function (r) { return Number(r.lat); }),
          customdata: part.map(function (r) {
            return [plotText(r.name), plotText(r.location_id), plotText(r.type), num(r.occupancy_after_baseline), num(r.occupancy_after_variant),
              (Number(r.occupancy_change) > 0 ? "+" : "") + num(r.occupancy_change), plotText(word("change", r.change)), num(r.capacity_baseline), num(r.capacity_variant)];
          }),
          hovertemplate: "<b>%{customdata[0]}</b> (%{customdata[1]}) %{customdata[2]}<br>" + plotText(t("occupancy_base_variant")) +
            ": %{customdata[3]} \u2192 %{customdata[4]} (%{customdata[5]})<br>" + plotText(t("capacity_base_variant")) + ": %{customdata[7]} \u2192 %{customdata[8]}<br>%{customdata[6]}<extra></extra>",
          marker: g[0] === "same" ? { size: 5, color: "#b0b0b0" } : {
            symbol: g[1], size: part.map(function (r) { return 7 + 26 * Math.sqrt(Math.abs(Number(r.occupancy_change)) / largest); }),
            color: part.map(function (r) { return Number(r.occupancy_change); }), cmin: -largest, cmax: largest, cmid: 0,
            colorscale: "RdBu", reversescale: true, line: { color: "#222", width: 0.6 },
            showscale: g[0] === "changed", colorbar: { title: { text: plotText(t("occupancy_change")) }, len: 0.5, thickness: 12 },
          },
        });
      });
      Plotly.react(mapDiv, traces, mapLayout(t("diffmap_title", { name: which })), MAP_CONFIG).then(function () { mapDiv.setAttribute("data-drawn", "1"); });
    }

    var cs = section("changes", t("sec_changes"));
    var shown = changes.filter(function (r) { return r.change || Number(r.occupancy_change) !== 0; });
    var ccols = ["variant", "location_id", "name", "type", "capacity_baseline", "capacity_variant", "occupancy_after_baseline", "occupancy_after_variant", "occupancy_change", "change"];
    var cnum = ccols.map(function (c) { return /capacity|occupancy/.test(c); });
    cs.appendChild(shown.length ? simpleTable(ccols.map(function (c) { return word("col", c); }), shown.map(function (r) {
      return ccols.map(function (c, i) { return c === "change" ? (r[c] ? word("change", r[c]) : t("diff_changed")) : cnum[i] ? num(r[c]) : r[c]; });
    }), cnum) : el("p", { class: "small", text: t("no_changes") }));
    main.appendChild(cs);

    var cl = section("closures", t("sec_closures"));
    if (moves.length) {
      var mcols = DATA.closure_moves.columns;
      var mnum = mcols.map(function (c) { return c === "persons" || c === "children" || c === "distance_km"; });
      var mt = bigTable({
        name: "closure_moves", n: moves.length, what: t("households_word"),
        value: function (i, key) { var v = moves[i][key]; return mnum[mcols.indexOf(key)] && v !== "" ? Number(v) : v; },
        columns: mcols.map(function (c, i) { return { key: c, label: word("col", c), num: mnum[i], decimals: c === "distance_km" ? 1 : 0, text: /status/.test(c) ? function (j) { return word("status", moves[j][c]); } : undefined }; }),
      });
      cl.appendChild(mt.root);
    } else {
      cl.appendChild(el("p", { class: "small", text: t("no_closure_moves") }));
    }
    main.appendChild(cl);
    main.appendChild(provenance(base));
    if (which) draw();
  }

  // ------------------------------------------------------------------ the outlook of a simulation

  function outlookPage() {
    var K = DATA.kpis;
    var app = document.getElementById("app");
    app.textContent = "";
    var variants = Object.keys(K.variants || {});
    add(app, header(t("outlook_title"), [t("start"), " ", day(K.start), " \u00b7 ", t("weeks_reps", { w: num(K.weeks), r: num(K.replications) }), " \u00b7 seed ", String(K.seed)]));
    add(app, nav([["first", t("sec_first_shortage")], ["fans", t("sec_fans")], ["capacity", t("sec_capacity")], ["differences", t("sec_differences")], ["provenance", t("sec_provenance")]]));
    var main = el("main");
    app.appendChild(main);
    var palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];

    var fs = section("first", t("sec_first_shortage"));
    var types = {};
    variants.forEach(function (v) { Object.keys(K.variants[v].first_shortage_week || {}).forEach(function (ty) { types[ty] = 1; }); });
    var typeList = Object.keys(types).sort();
    function wk(x) { return x === null || x === undefined ? t("never") : t("week_n", { n: x }); }
    var ft = simpleTable([t("col_type")].concat(variants.map(function (v) { return variantLabel(v) + " (p50 / p90)"; })),
      typeList.map(function (ty) { return [ty].concat(variants.map(function (v) { var f = (K.variants[v].first_shortage_week || {})[ty] || {}; return wk(f.p50) + " / " + wk(f.p90); })); }));
    ft.id = "first-shortage";
    fs.appendChild(el("p", { class: "small", text: t("first_shortage_hint") }));
    fs.appendChild(ft);
    if ((K.errors || []).length) fs.appendChild(el("ul", { class: "warnings" }, K.errors.map(function (e) { return el("li", { text: e.variant + " #" + e.replication + ": " + e.error }); })));
    main.appendChild(fs);

    var fans = section("fans", t("sec_fans"));
    fans.appendChild(el("p", { class: "small", text: t("fans_hint") }));
    var grid = el("div", { class: "charts" });
    fans.appendChild(grid);
    main.appendChild(fans);
    var F = DATA.fans;
    var panels = Object.keys(F).filter(function (k) { return k.indexOf("occupancy_") === 0; }).sort().map(function (k) { return [k, t("fan_occupancy", { type: k.slice(10) }), "capacity_" + k.slice(10)]; });
    [["unplaced", t("fan_unplaced")], ["moved_children_cumulative", t("fan_child_moves")], ["arrived_children_cumulative", t("fan_arrived_children")], ["arrived_children_moved_twice_cumulative", t("fan_arrived_children_moved_twice")], ["moved_persons_cumulative", t("fan_moves")], ["linked_cumulative", t("fan_linked")]]
      .forEach(function (p) { if (F[p[0]]) panels.push([p[0], p[1], null]); });
    var drawn = 0;
    panels.forEach(function (p) {
      var div = el("div", { class: "chart", "data-kpi": p[0] });
      grid.appendChild(div);
      var traces = [];
      variants.forEach(function (v, i) {
        var s = F[p[0]][v];
        if (!s) return;
        var c = palette[i % palette.length];
        traces.push({ x: s.week, y: s.p10, type: "scatter", mode: "lines", line: { width: 0, color: c }, showlegend: false, hoverinfo: "skip", legendgroup: v });
        traces.push({ x: s.week, y: s.p90, type: "scatter", mode: "lines", line: { width: 0, color: c }, fill: "tonexty", fillcolor: hexAlpha(c, 0.18), name: plotText(v + " p10\u2013p90"), showlegend: false, legendgroup: v, hovertemplate: "p90 %{y:.0f}<extra>" + plotText(v) + "</extra>" });
        traces.push({ x: s.week, y: s.p50, type: "scatter", mode: "lines", line: { width: 2, color: c }, name: plotText(v), legendgroup: v, hovertemplate: t("week") + " %{x}: p50 %{y:.0f}<extra>" + plotText(v) + "</extra>" });
        if (p[2] && F[p[2]] && F[p[2]][v]) {
          traces.push({ x: F[p[2]][v].week, y: F[p[2]][v].p50, type: "scatter", mode: "lines", line: { width: 1, dash: "dash", color: c }, name: plotText(t("capacity") + " " + v), showlegend: false, legendgroup: v, hovertemplate: t("capacity") + " %{y:.0f}<extra>" + plotText(v) + "</extra>" });
        }
      });
      Plotly.newPlot(div, traces, {
        title: { text: plotText(p[1]), font: { size: 13 }, x: 0.01, xanchor: "left" }, margin: { l: 50, r: 10, t: 34, b: 56 },
        xaxis: { title: { text: plotText(t("week")) }, tickformat: "d", dtick: Math.max(1, Math.ceil((K.weeks || 1) / 13)) },
        legend: { orientation: "h", y: -0.38 }, hovermode: "x",
      }, { displaylogo: false, responsive: true }).then(function () { drawn += 1; if (drawn === panels.length) grid.setAttribute("data-drawn", "1"); });
    });

    var cap = section("capacity", t("sec_capacity"));
    var O = rowsOf(DATA.outlook);
    var weeks = Array.from(new Set(O.map(function (r) { return Number(r.week); }))).sort(function (a, b) { return a - b; });
    var cstate = { variant: variants[0], week: weeks.length ? weeks[weeks.length - 1] : 0 };
    var capTable = el("div", { id: "capacity-table" });
    var capChart = el("div", { class: "chart", id: "beds-short" });
    cap.appendChild(el("div", { class: "controls" },
      select(t("variant"), variants.map(function (v) { return [v, variantLabel(v)]; }), function (v) { cstate.variant = v; drawCap(); }),
      select(t("week"), weeks.slice().reverse().map(function (w) { return [String(w), t("week_n", { n: w })]; }), function (v) { cstate.week = Number(v); drawCap(); }, { id: "pick-week" })));
    cap.appendChild(capTable);
    cap.appendChild(el("p", { class: "small", text: t("spread_key_hint") }));
    cap.appendChild(el("h3", { text: t("beds_short_title") }));
    cap.appendChild(capChart);
    main.appendChild(cap);
    function drawCap() {
      var mine = O.filter(function (r) { return r.variant === cstate.variant && Number(r.week) === cstate.week; });
      var ccols = ["province", "type", "capacity", "occupancy_p50", "occupancy_p90", "beds_short_p50", "beds_short_p90", "spread_key"];
      var cnum = ccols.map(function (c, i) { return i >= 2; });
      capTable.textContent = "";
      capTable.appendChild(simpleTable(ccols.map(function (c) { return word("col", c); }), mine.map(function (r) {
        return ccols.map(function (c, i) { return cnum[i] ? num(r[c]) : c === "type" && r[c] === "all" ? t("all_types") : c === "province" && r[c] === "NL" ? t("national") : r[c] || ""; });
      }), cnum));
      var national = O.filter(function (r) { return r.variant === cstate.variant && r.province === "NL"; });
      var byType = {};
      national.forEach(function (r) { (byType[r.type] = byType[r.type] || []).push(r); });
      var traces = Object.keys(byType).sort().map(function (ty) {
        var rs = byType[ty];
        return { x: rs.map(function (r) { return Number(r.week); }), y: rs.map(function (r) { return Number(r.beds_short_p50); }), type: "bar", name: plotText(ty), marker: { color: TYPE_COLOURS[ty] || OTHER } };
      });
      Plotly.react(capChart, traces, { barmode: "stack", margin: { l: 50, r: 10, t: 10, b: 36 }, xaxis: { title: { text: plotText(t("week")) }, tickformat: "d", dtick: Math.max(1, Math.ceil((K.weeks || 1) / 13)) }, yaxis: { title: { text: plotText(t("beds_short_p50")) } } }, { displaylogo: false, responsive: true });
    }
    if (variants.length) drawCap();

    var ds = section("differences", t("sec_differences"));
    if (variants.length) {
      var totals = Object.keys(K.variants[variants[0]].totals || {});
      var heads = [t("kpi")].concat(variants.map(function (v) { return variantLabel(v) + " (" + t("mean") + ", p10\u2013p90)"; }));
      variants.slice(1).forEach(function (v) { heads.push(t("change_of", { name: v })); });
      var rows = totals.map(function (k) {
        var r = [word("total", k)].concat(variants.map(function (v) { var x = K.variants[v].totals[k] || {}; return num(x.mean, 1) + " (" + num(x.p10) + "\u2013" + num(x.p90) + ")"; }));
        variants.slice(1).forEach(function (v) { var c = (K.variants[v].change || {})[k]; r.push(c === undefined ? "" : (c > 0 ? "+" : "") + num(c, 1)); });
        return r;
      });
      var dt = simpleTable(heads, rows, heads.map(function (h, i) { return i > 0; }));
      dt.id = "totals";
      ds.appendChild(dt);
      ds.appendChild(el("ul", null, variants.map(function (v) { return el("li", null, el("strong", { text: v }), ": ", ((K.changes || {})[v] || []).join("; ") || t("as_given")); })));
    }
    main.appendChild(ds);
    main.appendChild(provenance({}));
  }

  function hexAlpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }

  // ------------------------------------------------------------------ links to gemeenten

  function linksPage() {
    var K = DATA.kpis;
    var app = document.getElementById("app");
    app.textContent = "";
    add(app, header(t("links_title"), [t("planning_date"), " ", day(K.planning_date)], K.status));
    add(app, nav([["summary", t("sec_summary")], ["map", t("sec_map")], ["gemeenten", t("sec_gemeenten")], ["households", t("sec_households")], ["provenance", t("sec_provenance")]]));
    var main = el("main");
    app.appendChild(main);
    var sum = section("summary", t("sec_summary"));
    var keys = ["linked_persons", "unlinked_persons", "family_splits"];
    sum.appendChild(el("div", { class: "tiles" }, tile("status", t("kpi_status"), word("status", K.status), { raw: K.status }),
      keys.filter(function (k) { return k in K; }).map(function (k) {
        return tile(k, word("kpi", k), num(K[k]), { raw: K[k], alert: k === "unlinked_persons" && K[k] > 0 });
      })));
    main.appendChild(sum);

    var G = rowsOf(DATA.gemeenten);
    var ms = section("map", t("sec_map"));
    var mapDiv = el("div", { class: "map", id: "map-plot" });
    ms.appendChild(mapDiv);
    main.appendChild(ms);
    var at = {};
    G.forEach(function (g) { at[g.gemeente_code] = g; });
    var traces = baseMap();
    var segs = DATA.lines.filter(function (l) { return at[l[2]] && at[l[2]].lat !== ""; }).map(function (l) {
      return { x0: l[0], y0: l[1], x1: Number(at[l[2]].lon), y1: Number(at[l[2]].lat), n: l[3], from: "", to: at[l[2]].name };
    });
    if (segs.length) traces = traces.concat(lineTraces(segs, "#6a3d9a", t("map_links"), function (s) { return plotText(t("links_to", { n: num(s.n), name: s.to })); }));
    var largest = 1;
    G.forEach(function (g) { largest = Math.max(largest, Number(g.quota) || 0); });
    var placed = G.filter(function (g) { return g.lat !== ""; });
    traces.push({
      type: "scatter", mode: "markers", name: plotText(t("gemeenten_quota")),
      x: placed.map(function (g) { return Number(g.lon); }), y: placed.map(function (g) { return Number(g.lat); }),
      customdata: placed.map(function (g) { return [plotText(g.name), plotText(g.gemeente_code), num(g.quota), num(g.linked_persons), num(g.remaining)]; }),
      hovertemplate: "<b>%{customdata[0]}</b> (%{customdata[1]})<br>" + plotText(t("col_quota")) + ": %{customdata[2]}<br>" + plotText(t("col_linked_persons")) + ": %{customdata[3]}<br>" + plotText(t("col_remaining")) + ": %{customdata[4]}<extra></extra>",
      marker: { sizemode: "area", sizeref: 2 * largest / (26 * 26), sizemin: 3, size: placed.map(function (g) { return Number(g.quota) || 0; }),
        color: placed.map(function (g) { return Number(g.remaining) === 0 ? "#b3261e" : Number(g.linked_persons) > 0 ? "#2ca02c" : "#9aa5b1"; }), opacity: 0.75, line: { color: "#fff", width: 0.5 } },
    });
    Plotly.newPlot(mapDiv, traces, mapLayout(t("links_map_title")), MAP_CONFIG).then(function () { mapDiv.setAttribute("data-drawn", "1"); });

    var gs = section("gemeenten", t("sec_gemeenten"));
    var gsearch = el("input", { type: "search", id: "gemeente-search", placeholder: t("search_gemeenten") });
    var gq = "";
    var gt = bigTable({
      name: "gemeenten", n: G.length, what: t("gemeenten_word"),
      value: function (i, key) { var v = G[i][key]; return ["quota", "linked_persons", "remaining"].indexOf(key) >= 0 ? Number(v) : v; },
      columns: [{ key: "gemeente_code", label: t("col_gemeente_code") }, { key: "name", label: t("col_name") }, { key: "province", label: t("col_province") },
        { key: "quota", label: t("col_quota"), num: true }, { key: "linked_persons", label: t("col_linked_persons"), num: true }, { key: "remaining", label: t("col_remaining"), num: true }],
    });
    gsearch.addEventListener("input", function () { gq = gsearch.value.trim().toLowerCase(); gt.setFilter(function (i) { return !gq || (G[i].gemeente_code + " " + G[i].name).toLowerCase().indexOf(gq) >= 0; }); });
    gs.appendChild(el("div", { class: "controls" }, gsearch));
    gs.appendChild(gt.root);
    main.appendChild(gs);

    var hs = section("households", t("sec_households"));
    var H = decodeAll(DATA.households);
    var hq = "";
    var hsearch = el("input", { type: "search", id: "household-search", placeholder: t("search_households") });
    var ht = bigTable({
      name: "households", n: H.household_id.length, what: t("households_word"),
      value: function (i, key) { return H[key][i]; },
      columns: [{ key: "household_id", label: t("col_household") }, { key: "persons", label: t("col_persons"), num: true },
        { key: "gemeente_code", label: t("col_gemeente"), text: function (i) { var g = at[H.gemeente_code[i]]; return g ? g.name + " (" + g.gemeente_code + ")" : H.gemeente_code[i] || t("unlinked"); } },
        { key: "distance_km", label: t("col_distance"), num: true, decimals: 1 }, { key: "reason", label: t("col_reason"), wrap: true }],
    });
    hsearch.addEventListener("input", function () { hq = hsearch.value.trim().toLowerCase(); ht.setFilter(function (i) { return !hq || String(H.household_id[i]).toLowerCase() === hq || (!at[hq.toUpperCase()] && (H.household_id[i] + " " + (H.gemeente_code[i] || "")).toLowerCase().indexOf(hq) >= 0) || (H.gemeente_code[i] || "").toLowerCase() === hq; }); });
    hs.appendChild(el("div", { class: "controls" }, hsearch));
    hs.appendChild(ht.root);
    main.appendChild(hs);
    main.appendChild(provenance({}, K));
  }

  // ------------------------------------------------------------------ the capacity plan

  /** A column of evaluation.csv as a planner reads it (the file keeps its names). */
  function evaluationLabel(c) {
    var m = /^first_week_short_(.+)$/.exec(c);
    if (m) return t("eval_first_week_short", { type: m[1] });
    if (Object.prototype.hasOwnProperty.call(T, "eval_" + c)) return T["eval_" + c];
    m = /^(.+)_(mean|p90)$/.exec(c);
    if (m && Object.prototype.hasOwnProperty.call(T, "eval_" + m[1])) return t("eval_" + m[2], { figure: T["eval_" + m[1]] });
    return c;
  }

  function evaluationValue(c, v) {
    if (/^first_week_short_/.test(c)) return v === "" || v === undefined ? t("never") : t("week_n", { n: num(v) });
    if (v === "" || v === undefined) return "";
    var x = Number(v);
    if (isNaN(x)) return v;
    return num(x, /_mean$|_p90$|predicted/.test(c) && Math.round(x) !== x && Math.abs(x) < 100 ? 1 : 0);
  }

  function planPage() {
    var K = DATA.kpis;
    var P = rowsOf(DATA.plan);
    var app = document.getElementById("app");
    app.textContent = "";
    add(app, header(t("plan_title"), [t("start"), " ", day(K.start), " \u00b7 ",
      t("plan_sub", { f: num(K.futures), w: num(K.weeks), c: num(P.length) }), " \u00b7 seed ", String(K.seed)], K.status));
    add(app, nav([["summary", t("sec_summary")], ["map", t("sec_plan_map")], ["fans", t("sec_plan_fans")],
      ["evaluation", t("sec_evaluation")], ["candidates", t("sec_candidates")], ["provenance", t("sec_provenance")]]));
    var main = el("main");
    app.appendChild(main);

    var sum = section("summary", t("sec_summary"));
    var terms = K.objective_terms || {};
    sum.appendChild(el("div", { class: "tiles" },
      tile("status", t("kpi_status"), word("status", K.status), { raw: K.status }),
      tile("objective", t("kpi_expected_cost"), "\u20ac " + num(K.objective), { raw: K.objective }),
      tile("opened", t("kpi_opened"), num(K.opened), { raw: K.opened, note: t("of_candidates", { n: num(P.length) }) }),
      tile("opened_places", t("kpi_opened_places"), num(K.opened_places), { raw: K.opened_places }),
      tile("expected_short_person_nights", t("kpi_short_nights"), num(K.expected_short_person_nights), { raw: K.expected_short_person_nights, alert: K.expected_short_person_nights > 0 })));
    var termTable = simpleTable([t("plan_cost_term"), "\u20ac"], Object.keys(terms).map(function (k) { return [word("plan_term", k), num(terms[k])]; }), [false, true]);
    termTable.id = "cost-terms";
    sum.appendChild(termTable);
    var byTrack = K.expected_short_person_nights_by_track || {};
    var never = K.unrelievable_tracks || {};
    var tracks = Object.keys(byTrack);
    if (tracks.length) {
      sum.appendChild(el("h3", { text: t("plan_by_track") }));
      var trackTable = simpleTable([t("plan_track"), t("plan_track_types"), t("kpi_short_nights"), t("plan_relievable")],
        tracks.map(function (k) {
          return [k, ((K.tracks || {})[k] || []).join(", "), num(byTrack[k]), never[k] ? t("no") : t("yes")];
        }), [false, false, true, false]);
      trackTable.id = "short-by-track";
      sum.appendChild(trackTable);
      var neverNames = Object.keys(never);
      if (neverNames.length) {
        sum.appendChild(el("p", { class: "note", id: "unrelievable", text: t("plan_unrelievable", {
          n: num(K.unrelievable_short_person_nights || 0),
          tracks: neverNames.map(function (k) { return k + ": " + never[k].join(", "); }).join("; ") }) }));
      }
    }
    main.appendChild(sum);

    var ms = section("map", t("sec_plan_map"));
    var mapDiv = el("div", { class: "map", id: "plan-map" });
    ms.appendChild(mapDiv);
    main.appendChild(ms);
    var opened = P.filter(function (r) { return r.open === "true"; });
    var closed = P.filter(function (r) { return r.open !== "true"; });
    function hover(r) { return r.name + " (" + r.candidate_id + "), " + r.type + ", " + num(Number(r.capacity)) + "<br>" + plotText(r.reason); }
    var traces = baseMap().concat([
      { type: "scatter", mode: "markers", name: plotText(t("plan_not_opened")), x: closed.map(function (r) { return Number(r.lon); }),
        y: closed.map(function (r) { return Number(r.lat); }), text: closed.map(hover), hovertemplate: "%{text}<extra></extra>",
        marker: { symbol: "x", size: 9, color: "#888" } },
      { type: "scatter", mode: "markers", name: plotText(t("kpi_opened")), x: opened.map(function (r) { return Number(r.lon); }),
        y: opened.map(function (r) { return Number(r.lat); }), text: opened.map(function (r) { return t("plan_opened_in", { n: r.open_week }) + ": " + hover(r); }),
        hovertemplate: "%{text}<extra></extra>",
        marker: { size: opened.map(function (r) { return 8 + Math.sqrt(Number(r.capacity)); }), color: opened.map(function (r) { return Number(r.open_week); }),
          colorscale: "Viridis", cmin: 0, cmax: K.weeks, showscale: true, colorbar: { title: { text: plotText(t("week")) }, thickness: 12 } } },
    ]);
    Plotly.newPlot(mapDiv, traces, mapLayout(""), MAP_CONFIG).then(function () { mapDiv.setAttribute("data-drawn", "1"); });

    var fans = section("fans", t("sec_plan_fans"));
    fans.appendChild(el("p", { class: "small", text: t("plan_fans_hint") }));
    var grid = el("div", { class: "charts" });
    fans.appendChild(grid);
    main.appendChild(fans);
    var F = DATA.fans;
    var keys = Object.keys(F);
    var drawn = 0;
    keys.forEach(function (ty) {
      var f = F[ty];
      var div = el("div", { class: "chart", "data-type": ty });
      grid.appendChild(div);
      var c = TYPE_COLOURS[ty] || OTHER;
      var tr = [
        { x: f.week, y: f.p10, type: "scatter", mode: "lines", line: { width: 0, color: c }, showlegend: false, hoverinfo: "skip" },
        { x: f.week, y: f.p90, type: "scatter", mode: "lines", line: { width: 0, color: c }, fill: "tonexty", fillcolor: hexAlpha(c, 0.2), showlegend: false, hovertemplate: "p90 %{y:.0f}<extra></extra>" },
        { x: f.week, y: f.p50, type: "scatter", mode: "lines", line: { width: 2, color: c }, name: plotText(t("plan_demand")), hovertemplate: "p50 %{y:.0f}<extra></extra>" },
        { x: f.week, y: f.beds, type: "scatter", mode: "lines", line: { width: 1.5, dash: "dash", color: "#333" }, name: plotText(t("plan_beds_now")), hovertemplate: "%{y:.0f}<extra></extra>" },
        { x: f.week, y: f.plan_beds, type: "scatter", mode: "lines", line: { width: 2, color: "#333" }, name: plotText(t("plan_beds_plan")), hovertemplate: "%{y:.0f}<extra></extra>" },
      ];
      Plotly.newPlot(div, tr, {
        title: { text: plotText(f.types.join(", ")) + "<br><span style=\"font-size:11px\">" + plotText(t("plan_fan_tracks", { tracks: f.tracks.join(", ") })) + "</span>", font: { size: 13 }, x: 0.01, xanchor: "left" },
        margin: { l: 50, r: 10, t: 48, b: 56 }, legend: { orientation: "h", y: -0.38 }, hovermode: "x",
        xaxis: { title: { text: plotText(t("week")) }, tickformat: "d", dtick: Math.max(1, Math.ceil((K.weeks || 1) / 13)) },
      }, { displaylogo: false, responsive: true }).then(function () { drawn += 1; if (drawn === keys.length) grid.setAttribute("data-drawn", "1"); });
    });

    var ev = section("evaluation", t("sec_evaluation"));
    if (DATA.evaluation) {
      var E = rowsOf(DATA.evaluation);
      var figures = DATA.evaluation.columns.filter(function (c) { return c !== "variant"; });
      ev.appendChild(el("p", { class: "small", text: t("plan_evaluation_hint") }));
      var et = simpleTable([t("kpi")].concat(E.map(function (r) { return variantLabel(r.variant); })),
        figures.map(function (c) {
          return [evaluationLabel(c)].concat(E.map(function (r) { return evaluationValue(c, r[c]); }));
        }), [false].concat(E.map(function () { return true; })));
      et.id = "evaluation-table";
      et.table.setAttribute("data-figures", figures.join(" "));
      ev.appendChild(et);    } else {
      ev.appendChild(el("p", { class: "small", text: t("plan_no_evaluation") }));
    }
    main.appendChild(ev);

    var cs = section("candidates", t("sec_candidates"));
    var pcols = ["candidate_id", "name", "type", "capacity", "open_week", "open_date", "cost", "reason"];
    var ct = simpleTable(pcols.map(function (c) { return word("col", c); }), P.map(function (r) {
      return pcols.map(function (c) { return c === "capacity" || c === "cost" ? num(Number(r[c])) : c === "open_date" ? dayOr(r[c]) : r[c]; });
    }), pcols.map(function (c) { return c === "capacity" || c === "cost"; }));
    ct.id = "candidates-table";
    cs.appendChild(ct);
    main.appendChild(cs);
    main.appendChild(provenance({}, K));
  }

  // ------------------------------------------------------------------ start

  var pages = { run: runPage, comparison: comparisonPage, outlook: outlookPage, links: linksPage, plan: planPage };
  try {
    pages[DATA.page]();
    document.documentElement.setAttribute("data-ready", "1");
  } catch (err) {
    var app = document.getElementById("app");
    app.textContent = "";
    app.appendChild(el("div", { class: "failed", text: t("page_failed") + " " + String(err && err.message) }));
    throw err;
  }
})();
