/* The release page's script: map, incident table with filters, and each incident's
   timeline, drawn from the JSON embedded in the page. Every value reaches the page as
   text (textContent), never as markup; links are made only for http(s) addresses. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("page-data").textContent);
  const basemap = JSON.parse(document.getElementById("basemap").textContent);
  const PAGE_SIZE = 50;
  const UNMAPPED_LISTED = 200;
  const COLOURS = {
    unattributed: "#7a7f87", single_account: "#2b6cb0", consistent: "#2f855a", contested: "#c05621",
  };
  /* How far, in degrees, a location of each precision may lie from its coordinates;
     0 means a point. Areas are drawn as areas, never as an exact point. */
  const SPREAD = {
    exact: 0, near: 0.05, settlement: 0.05, at_sea: 0, approximate: 0.15,
    several_sites: 0.3, admin2: 0.4, admin1: 1.5, region: 3, country: 5,
  };
  const PRECISION_WORDS = {
    exact: "the exact site", near: "near the point (within a few km)",
    settlement: "the settlement named", approximate: "approximately",
    several_sites: "several sites around the point", admin2: "somewhere in the district",
    admin1: "somewhere in the province", region: "somewhere in the region",
    country: "somewhere in the country", at_sea: "at sea",
  };

  function columns(names) {
    const index = {};
    names.forEach(function (name, i) { index[name] = i; });
    return index;
  }
  /* Each table arrives column by column (smaller to build and to parse); rows are
     made here once. */
  function rows(table) {
    const count = table.length ? table[0].length : 0;
    const out = new Array(count);
    for (let i = 0; i < count; i += 1) {
      const row = new Array(table.length);
      for (let c = 0; c < table.length; c += 1) row[c] = table[c][i];
      out[i] = row;
    }
    return out;
  }
  const I = columns(data.incident_fields);
  const C = columns(data.claim_fields);
  const S = columns(data.source_fields);
  const incidents = rows(data.incidents);
  const claims = rows(data.claims);
  const sources = new Map(rows(data.sources).map(function (s) { return [s[S.id], s]; }));
  const claimsOf = new Map();
  claims.forEach(function (claim) {
    const row = claim[C.incident];
    if (!claimsOf.has(row)) claimsOf.set(row, []);
    claimsOf.get(row).push(claim);
  });
  const claimById = new Map(claims.map(function (c) { return [c[C.id], c]; }));

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return a < b ? -1 : 1;
  }
  const order = incidents.map(function (_, i) { return i; }).sort(function (a, b) {
    return compare(incidents[a][I.date_start], incidents[b][I.date_start]) ||
      compare(incidents[a][I.id], incidents[b][I.id]);
  });

  /* ---- small DOM helpers: text only ---- */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "className") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }
  function link(url, text) {
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return el("a", { href: url, rel: "noopener noreferrer", text: text });
    }
    return el("span", { text: text });
  }
  function actorName(id) {
    return Object.prototype.hasOwnProperty.call(data.actors, id) ? data.actors[id] : id;
  }
  function names(ids) {
    return (ids || []).map(actorName).join(", ");
  }
  function dateText(row) {
    const start = row[I.date_start];
    const end = row[I.date_end];
    if (!start) return "date unknown";
    return end && end !== start ? start + " – " + end : start;
  }
  function place(row) {
    return [row[I.location_name], row[I.admin1], row[I.country]].filter(Boolean).join(", ");
  }

  /* ---- filters ---- */
  const controls = {
    text: document.getElementById("f-text"), status: document.getElementById("f-status"),
    from: document.getElementById("f-from"), to: document.getElementById("f-to"),
    country: document.getElementById("f-country"), event: document.getElementById("f-event"),
    target: document.getElementById("f-target"),
  };
  let haystacks = null;
  function haystack(row) {
    if (haystacks === null) haystacks = new Array(incidents.length);
    if (haystacks[row] === undefined) {
      const r = incidents[row];
      haystacks[row] = [r[I.id], r[I.title], r[I.summary], r[I.location_name], r[I.admin1], r[I.country]]
        .filter(Boolean).join("\n").toLowerCase();
    }
    return haystacks[row];
  }
  function matches(row, f) {
    const r = incidents[row];
    if (f.status && r[I.attribution_status] !== f.status) return false;
    if (f.country && r[I.country] !== f.country) return false;
    if (f.event && r[I.event_type] !== f.event) return false;
    if (f.target && (r[I.target_types] || []).indexOf(f.target) < 0) return false;
    const last = r[I.date_end] || r[I.date_start];
    if (f.from && !(last && last >= f.from)) return false;
    if (f.to && !(r[I.date_start] && r[I.date_start] <= f.to)) return false;
    if (f.text && haystack(row).indexOf(f.text) < 0) return false;
    return true;
  }
  let shown = order;
  let page = 0;
  let selected = null;
  function applyFilters() {
    const f = {
      text: controls.text.value.trim().toLowerCase(), status: controls.status.value,
      from: controls.from.value, to: controls.to.value, country: controls.country.value,
      event: controls.event.value, target: controls.target.value,
    };
    const any = Object.keys(f).some(function (k) { return f[k]; });
    shown = any ? order.filter(function (row) { return matches(row, f); }) : order;
    page = 0;
    renderTable();
    drawMap();
    renderUnmapped();
  }

  /* ---- the table ---- */
  const tbody = document.getElementById("rows");
  function renderTable() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const rows = shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const fragment = document.createDocumentFragment();
    rows.forEach(function (row) {
      const r = incidents[row];
      const open = el("button", { type: "button", className: "open", "data-row": String(row), text: r[I.title] });
      open.addEventListener("click", function () { select(row, true); });
      const status = r[I.attribution_status] || "";
      const tr = el("tr", { "data-id": r[I.id] }, [
        el("td", { text: dateText(r) }),
        el("td", null, [open, r[I.status] === "withdrawn" ? el("span", { className: "muted", text: " (withdrawn)" }) : null]),
        el("td", { text: place(r) }),
        el("td", { text: r[I.event_type] || "" }),
        el("td", null, [el("span", { className: "status status-" + status, text: status })]),
        el("td", { className: "num", text: r[I.killed_best] === null ? "" : String(r[I.killed_best]) }),
      ]);
      if (row === selected) tr.className = "selected";
      fragment.appendChild(tr);
    });
    tbody.replaceChildren(fragment);
    const partial = data.total_incidents > incidents.length
      ? " (this page holds the latest " + incidents.length + " of the release's " +
        data.total_incidents + " incidents; the files hold them all)"
      : "";
    document.getElementById("shown").textContent = (shown.length === incidents.length
      ? incidents.length + " incidents"
      : shown.length + " of " + incidents.length + " incidents match the filters") + partial;
    document.getElementById("page-of").textContent = "page " + (page + 1) + " of " + pages;
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
  }

  /* ---- the map ---- */
  const canvas = document.getElementById("map");
  const located = order.filter(function (row) {
    return incidents[row][I.latitude] !== null && incidents[row][I.longitude] !== null;
  });
  const view = (function () {
    let west = 180, east = -180, south = 90, north = -90;
    located.forEach(function (row) {
      const lat = incidents[row][I.latitude], lon = incidents[row][I.longitude];
      const spread = SPREAD[incidents[row][I.geo_precision]] || 0;
      west = Math.min(west, lon - spread); east = Math.max(east, lon + spread);
      south = Math.min(south, lat - spread); north = Math.max(north, lat + spread);
    });
    if (!located.length) { west = -180; east = 180; south = -60; north = 85; }
    const pad = Math.max(2, (east - west) * 0.1, (north - south) * 0.1);
    west -= pad; east += pad; south -= pad; north += pad;
    const aspect = canvas.width / canvas.height;
    const midLon = (west + east) / 2, midLat = (south + north) / 2;
    let width = Math.max(east - west, 8), height = Math.max(north - south, 4.5);
    if (width / height < aspect) width = height * aspect; else height = width / aspect;
    width = Math.min(width, 360); height = Math.min(height, 180);
    return { west: midLon - width / 2, east: midLon + width / 2, south: midLat - height / 2, north: midLat + height / 2 };
  })();
  canvas.setAttribute("data-view", [view.west, view.south, view.east, view.north].join(","));
  function x(lon) { return (lon - view.west) / (view.east - view.west) * canvas.width; }
  function y(lat) { return (view.north - lat) / (view.north - view.south) * canvas.height; }
  const pixelsPerDegree = canvas.height / (view.north - view.south);

  function drawBasemap(ctx) {
    ctx.fillStyle = "#d9e8f5";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.beginPath();
    basemap.countries.forEach(function (rings) {
      rings.forEach(function (ring) {
        for (let i = 0; i < ring.length; i += 2) {
          const px = x(ring[i] / 100), py = y(ring[i + 1] / 100);
          if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
        ctx.closePath();
      });
    });
    ctx.fillStyle = "#f6f3ec";
    ctx.fill("evenodd");
    ctx.strokeStyle = "#a7a39a";
    ctx.lineWidth = 0.7;
    ctx.stroke();
  }

  let onMap = [];
  function drawMap() {
    const ctx = canvas.getContext("2d");
    drawBasemap(ctx);
    onMap = shown.filter(function (row) {
      return incidents[row][I.latitude] !== null && incidents[row][I.longitude] !== null;
    });
    const areas = {}, points = {};
    onMap.forEach(function (row) {
      const r = incidents[row];
      const status = r[I.attribution_status] || "unattributed";
      const target = (SPREAD[r[I.geo_precision]] || 0) > 0.1 ? areas : points;
      (target[status] = target[status] || []).push(row);
    });
    Object.keys(areas).forEach(function (status) {
      ctx.beginPath();
      areas[status].forEach(function (row) {
        const r = incidents[row];
        const radius = Math.max(5, SPREAD[r[I.geo_precision]] * pixelsPerDegree);
        const px = x(r[I.longitude]), py = y(r[I.latitude]);
        ctx.moveTo(px + radius, py);
        ctx.arc(px, py, radius, 0, 2 * Math.PI);
      });
      ctx.fillStyle = COLOURS[status] + "26";
      ctx.fill();
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = COLOURS[status];
      ctx.lineWidth = 1.2;
      ctx.stroke();
      ctx.setLineDash([]);
    });
    Object.keys(points).forEach(function (status) {
      const rings = new Path2D(), dots = new Path2D();
      points[status].forEach(function (row) {
        const r = incidents[row];
        const px = x(r[I.longitude]), py = y(r[I.latitude]);
        dots.moveTo(px + 4, py);
        dots.arc(px, py, 4, 0, 2 * Math.PI);
        const spread = SPREAD[r[I.geo_precision]] || 0;
        if (spread > 0) {
          const radius = Math.max(7, spread * pixelsPerDegree);
          rings.moveTo(px + radius, py);
          rings.arc(px, py, radius, 0, 2 * Math.PI);
        }
      });
      ctx.fillStyle = COLOURS[status];
      ctx.fill(dots);
      ctx.strokeStyle = COLOURS[status];
      ctx.lineWidth = 1;
      ctx.stroke(rings);
    });
    if (selected !== null && incidents[selected][I.latitude] !== null) {
      const r = incidents[selected];
      ctx.beginPath();
      ctx.arc(x(r[I.longitude]), y(r[I.latitude]), 9, 0, 2 * Math.PI);
      ctx.strokeStyle = "#f0b429";
      ctx.lineWidth = 3;
      ctx.stroke();
    }
    canvas.setAttribute("data-markers", String(onMap.length));
    document.getElementById("map-caption").textContent = onMap.length + " of the " + shown.length +
      " incidents shown have coordinates and are on the map; select one on the map or in the table to see its accounts.";
    renderLegend(onMap);
  }

  function renderLegend(rows) {
    const counts = {};
    rows.forEach(function (row) {
      const status = incidents[row][I.attribution_status] || "unattributed";
      counts[status] = (counts[status] || 0) + 1;
    });
    const items = Object.keys(COLOURS).map(function (status) {
      const swatch = el("span", { className: "swatch" });
      swatch.style.background = COLOURS[status];
      return el("li", null, [swatch, status + " (" + (counts[status] || 0) + ")"]);
    });
    items.push(el("li", null, [el("span", { className: "swatch point" }), "dot: the site itself; a ring around it: near it or the settlement"]));
    items.push(el("li", null, [el("span", { className: "ring" }), "dashed area: only the district, province, region or country is known, drawn at its rough size"]));
    document.getElementById("legend").replaceChildren.apply(document.getElementById("legend"), items);
  }

  canvas.addEventListener("click", function (event) {
    const box = canvas.getBoundingClientRect();
    const cx = (event.clientX - box.left) * canvas.width / box.width;
    const cy = (event.clientY - box.top) * canvas.height / box.height;
    let best = null, bestDistance = 64;
    onMap.forEach(function (row) {
      const r = incidents[row];
      const d = Math.pow(x(r[I.longitude]) - cx, 2) + Math.pow(y(r[I.latitude]) - cy, 2);
      if (d < bestDistance) { best = row; bestDistance = d; }
    });
    if (best !== null) select(best, true);
  });

  function renderUnmapped() {
    const rows = shown.filter(function (row) {
      const r = incidents[row];
      return r[I.latitude] === null || r[I.longitude] === null || r[I.geo_precision] === "at_sea";
    });
    document.getElementById("unmapped-count").textContent = rows.length
      ? rows.length + " incident(s) shown are at sea or have no coordinates:"
      : "Every incident shown has coordinates on land.";
    const items = rows.slice(0, UNMAPPED_LISTED).map(function (row) {
      const r = incidents[row];
      const open = el("button", { type: "button", className: "open", text: r[I.title] });
      open.addEventListener("click", function () { select(row, true); });
      const where = r[I.geo_precision] === "at_sea" ? "at sea" + (r[I.maritime_zone] ? " (" + r[I.maritime_zone] + ")" : "") : "no coordinates";
      return el("li", null, [open, " — " + where + (place(r) ? ", " + place(r) : "")]);
    });
    if (rows.length > UNMAPPED_LISTED) {
      items.push(el("li", { className: "muted", text: "and " + (rows.length - UNMAPPED_LISTED) + " more: narrow the filters to list them" }));
    }
    document.getElementById("unmapped-list").replaceChildren.apply(document.getElementById("unmapped-list"), items);
  }

  /* ---- one incident and its accounts ---- */
  function sourceItem(id, seen) {
    const s = sources.get(id);
    const title = s[S.title] || s[S.url] || s[S.id];
    const parts = [link(s[S.url], title)];
    const about = [s[S.publisher], s[S.published_on], s[S.source_type]].filter(Boolean).join(", ");
    if (about) parts.push(" (" + about + ")");
    if (s[S.archive_url]) {
      parts.push(" · ");
      parts.push(link(s[S.archive_url], "archived copy" + (s[S.archived_at] ? " of " + s[S.archived_at] : "")));
    }
    const relayed = (s[S.relays] || []).filter(function (r) { return sources.has(r) && !seen.has(r); });
    const li = el("li", { "data-source": s[S.id] }, parts);
    if (relayed.length) {
      seen.add(id);
      const chain = el("ul", { className: "relays" }, relayed.map(function (r) {
        const inner = sourceItem(r, seen);
        inner.insertBefore(document.createTextNode("relaying: "), inner.firstChild);
        return inner;
      }));
      li.appendChild(chain);
    }
    return li;
  }
  function sourceList(ids, withheld) {
    const items = (ids || []).filter(function (id) { return sources.has(id); })
      .map(function (id) { return sourceItem(id, new Set([id])); });
    if (withheld) items.push(el("li", { className: "muted", text: withheld + " restricted source(s), not published" }));
    return el("ul", { className: "sources" }, items);
  }
  const VERBS = {
    responsibility_claim: function () { return "claimed responsibility"; },
    attribution: function (c) { return "attributed it to " + (names(c[C.attributed_to]) || "someone unnamed"); },
    denial: function (c) {
      const named = (c[C.attributed_to] || []).filter(function (id) { return id !== c[C.claimant]; });
      return named.length ? "denied that " + names(named) + " did it" : "denied responsibility";
    },
    assessment: function (c) { return c[C.attributed_to] && c[C.attributed_to].length ? "assessed that " + names(c[C.attributed_to]) + " did it" : "gave an assessment"; },
  };
  function timelineEntries(row) {
    const entries = [];
    (claimsOf.get(row) || []).forEach(function (c) {
      entries.push({ date: c[C.made_on], kind: c[C.claim_type], claim: c, step: 0 });
      if (c[C.retracted_on]) entries.push({ date: c[C.retracted_on], kind: "retraction", claim: c, step: 1 });
    });
    entries.sort(function (a, b) {
      return compare(a.date, b.date) || compare(a.claim[C.id], b.claim[C.id]) || a.step - b.step;
    });
    return entries;
  }
  function entryItem(entry) {
    const c = entry.claim;
    const who = actorName(c[C.claimant]);
    const body = [el("span", { className: "when", text: entry.date || "date not stated" }), " "];
    if (entry.kind === "retraction") {
      body.push(who + " retracted the claim " + c[C.id] + " (made " + (c[C.made_on] || "on an unstated date") + ")");
    } else {
      body.push(who + " " + (VERBS[entry.kind] ? VERBS[entry.kind](c) : entry.kind));
      const notes = [];
      if (c[C.method]) notes.push("method: " + c[C.method]);
      (c[C.disputes] || []).forEach(function (id) {
        const other = claimById.get(id);
        notes.push("disputes " + (other ? actorName(other[C.claimant]) + "'s account " : "") + id);
      });
      if (c[C.supersedes]) notes.push("replaces " + c[C.supersedes]);
      if (c[C.credibility]) notes.push("credibility: " + c[C.credibility]);
      if (notes.length) body.push(el("span", { className: "muted", text: " — " + notes.join("; ") }));
    }
    body.push(el("span", { className: "muted", text: " [" + c[C.id] + "]" }));
    const item = el("li", { className: "kind-" + entry.kind, "data-claim": c[C.id], "data-kind": entry.kind }, [el("p", null, body)]);
    if (entry.kind !== "retraction") {
      if (c[C.statement]) item.appendChild(el("blockquote", { text: c[C.statement] }));
      if (c[C.stated_motive]) item.appendChild(el("p", { className: "muted", text: "Stated motive: " + c[C.stated_motive] }));
      item.appendChild(sourceList(c[C.source_ids], c[C.withheld_sources]));
    }
    return item;
  }
  function select(row, focus) {
    selected = row;
    const r = incidents[row];
    const detail = document.getElementById("detail");
    const facts = [
      ["Id", r[I.id]],
      ["When", dateText(r) + (r[I.date_precision] ? " (precision: " + r[I.date_precision] + ")" : "")],
      ["Where", (place(r) || "place unknown") + (r[I.geo_precision] ? " — " + (PRECISION_WORDS[r[I.geo_precision]] || r[I.geo_precision]) : "")],
      ["Event type", r[I.event_type] || ""],
      ["Attribution", (r[I.attribution_status] || "") + "; responsibility: " + (r[I.responsibility_status] || "")],
      ["Casualties", "killed " + (r[I.killed_best] === null ? "unknown" : r[I.killed_best]) + ", injured " + (r[I.injured_best] === null ? "unknown" : r[I.injured_best])],
      ["Record", r[I.status] || ""],
    ];
    const dl = el("dl", null, []);
    facts.forEach(function (pair) { dl.appendChild(el("dt", { text: pair[0] })); dl.appendChild(el("dd", { text: pair[1] })); });
    const entries = timelineEntries(row);
    detail.replaceChildren(
      el("h3", { text: r[I.title] }),
      dl,
      r[I.summary] ? el("p", { text: r[I.summary] }) : el("p", { className: "muted", text: "No summary." }),
      el("h4", { text: "Accounts, in date order" }),
      entries.length
        ? el("ol", { className: "timeline", "aria-label": "Accounts of who did it" }, entries.map(entryItem))
        : el("p", { className: "muted", text: "No one has claimed, attributed or denied it in this dataset." }),
      el("h4", { text: "Sources of the record" }),
      sourceList(r[I.source_ids], r[I.withheld_sources])
    );
    detail.hidden = false;
    renderTable();
    drawMap();
    if (focus) detail.focus();
  }

  /* ---- wiring ---- */
  let pending = null;
  function soon() {
    clearTimeout(pending);
    pending = setTimeout(applyFilters, 120);
  }
  controls.text.addEventListener("input", soon);
  ["status", "from", "to", "country", "event", "target"].forEach(function (name) {
    controls[name].addEventListener("change", applyFilters);
  });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); applyFilters(); });
  document.getElementById("f-reset").addEventListener("click", function () { setTimeout(applyFilters, 0); });
  document.getElementById("prev").addEventListener("click", function () { page -= 1; renderTable(); });
  document.getElementById("next").addEventListener("click", function () { page += 1; renderTable(); });

  applyFilters();
  // When the page became usable, for the tests and the load-time benchmark.
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "true");
})();
