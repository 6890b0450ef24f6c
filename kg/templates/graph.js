// The interactive claim graph: reads its data from #kg-data (JSON), draws it with vis-network
// at fixed positions (physics off), and fills the side panel with DOM text nodes only.
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  timing.parsed = performance.now();
  function short(text) {
    text = String(text).replace(/\s+/g, " ").trim();
    return text.length <= D.labelMax ? text : text.slice(0, D.labelMax - 1) + "\u2026";
  }
  // Compact lists from Python: nodes [iri, kind, title, x, y, contest step]; edges [from, to,
  // kind] by index.
  D.nodes = D.nodes.map(function (a) {
    return { id: a[0], kind: a[1], title: a[2], label: short(a[2]), x: a[3], y: a[4], contest: a[5] };
  });
  D.edges = D.edges.map(function (a) {
    return { from: D.nodes[a[0]].id, to: D.nodes[a[1]].id, kind: a[2], f: a[0], t: a[1], statement: a[3] };
  });
  D.index = {};
  D.nodes.forEach(function (n, i) { D.index[n.id] = i; });
  // Large graphs: small dots without boxes (labels appear when zoomed in), "about" edges off.
  var big = D.nodes.length > D.bigGraph;
  var panel = document.getElementById("panel");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(text, href) {
    var a = el("a", text);
    if (typeof href === "string" && (/^https?:\/\//i.test(href) || /^[a-z0-9._\/-]+\.html(#[a-z0-9._-]+)?$/i.test(href))) {
      a.setAttribute("href", href);
    }
    return a;
  }
  function agentLabel(iri) {
    var a = D.agents[iri];
    if (!a) return "";
    return a.labels && Object.keys(a.labels).length ? pick(a.labels) : a.label;
  }
  function pick(texts) {
    if (!texts) return "";
    return texts[D.lang] || texts.en || texts[Object.keys(texts).sort()[0]] || "";
  }

  // Legend swatches take their colours from data attributes (no inline style in the markup).
  Array.prototype.forEach.call(document.querySelectorAll(".sw"), function (s) {
    s.style.background = s.getAttribute("data-color");
    if (s.getAttribute("data-dashes") === "yes") {
      s.style.background = "repeating-linear-gradient(90deg," + s.getAttribute("data-color") + " 0 4px, transparent 4px 7px)";
    }
  });

  // Per-kind looks live in vis "groups" and global defaults: per-item options are slow to parse.
  // How contested a claim is (denials and disputes answering it, Python's contest step) picks
  // its group: a bigger dot (large graphs) or a wider box margin, with a red border.
  var groups = {};
  Object.keys(D.nodeStyles).forEach(function (kind) {
    var s = D.nodeStyles[kind];
    var shape = big && s.shape === "box" ? "dot" : s.shape;
    groups[kind] = { shape: shape, color: s.color, font: { color: s.font },
                     size: big && kind === "claim" ? D.dot[0] : 12 };
  });
  for (var step = 1; step <= D.contestMax; step++) {
    groups["claim-" + step] = {
      shape: groups.claim.shape, font: groups.claim.font, borderWidth: Math.min(1 + step, 4),
      color: { background: D.nodeStyles.claim.color, border: "#c62828" },
      size: big ? D.dot[0] + D.dot[1] * step : 12,
      margin: D.box[0] + D.box[1] * step
    };
  }
  // vis-network items for D.nodes (or those at ``indexes``), in the current language.
  function visNodes(indexes) {
    return (indexes ? indexes.map(function (k) { return D.nodes[k]; }) : D.nodes).map(function (n) {
      var node = { id: n.id, title: n.title, x: n.x, y: n.y,
                   group: n.kind === "claim" && n.contest ? "claim-" + n.contest : n.kind };
      if (!big || n.kind !== "claim") node.label = n.label;
      if (filteredOut[n.id]) node.hidden = true;
      return node;
    });
  }
  var filteredOut = {};  // nodes the filters hide (kept for nodes made later, lazy)
  // A collapsed story as vis-network draws it: [label, x, y, claims, member indexes].
  function storyLook(s, i) {
    return { id: "story:" + i, label: s[0], title: s[0], x: s[1], y: s[2], shape: "dot", size: 16,
             color: "#ffd54f", borderWidth: 2, font: { size: 14 } };
  }
  // Large graphs open with their stories collapsed, and a story there is a plain node: the
  // nodes inside it are made only when it opens (making and clustering thousands of vis nodes
  // before the first frame took seconds). Smaller graphs use vis-network clustering.
  var lazy = !!(big && D.stories && D.stories.length);
  var opened = {};  // lazy: story index -> its nodes are in the data set
  var nodes = new vis.DataSet(lazy ? D.stories.map(storyLook) : visNodes());
  function drawn(e) { return !(big && D.bigSkip.indexOf(e.kind) >= 0); }
  // Large graphs: vis-network gets no edge objects (building 10,000 of them takes seconds); the
  // page strokes them itself under the nodes, one path per kind, at the fixed positions.
  var edgeHidden = new Uint8Array(D.edges.length);
  var edgeList = [];
  D.edges.forEach(function (e, i) {
    if (!drawn(e) || big) return;
    var s = D.edgeStyles[e.kind];
    var edge = { id: i, from: e.from, to: e.to, color: s.color };
    if (s.width !== 1) edge.width = s.width;
    if (!big) { edge.dashes = s.dashes; edge.title = s.label; }
    edgeList.push(edge);
  });
  var edges = new vis.DataSet(edgeList);
  timing.datasets = performance.now();
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false, stabilization: { enabled: false } },
    layout: { improvedLayout: false },
    groups: groups,
    edges: { smooth: false, width: 1, arrows: { to: { enabled: !big } }, color: { inherit: false } },
    // Label font and wrap width match the boxes kg/export/overlap.py keeps apart.
    // Semantic zoom: a label is never drawn smaller than 8 px; zoom in and it appears.
    nodes: { widthConstraint: { maximum: 220 }, font: { size: 14, face: "arial" },
             scaling: { label: { drawThreshold: 8 } } },
    interaction: { hover: !big, tooltipDelay: 150, dragNodes: !big }
  });
  if (big) {
    var byKind = {};
    D.edges.forEach(function (e, i) { if (drawn(e)) (byKind[e.kind] = byKind[e.kind] || []).push(i); });
    network.on("beforeDrawing", function (ctx) {
      if (lazy && !Object.keys(opened).length) return;  // only the stories are drawn
      Object.keys(byKind).forEach(function (kind) {
        var s = D.edgeStyles[kind];
        ctx.beginPath();
        byKind[kind].forEach(function (i) {
          var e = D.edges[i];
          if (edgeHidden[i]) return;
          if (lazy ? !(opened[storyOf[e.from]] && opened[storyOf[e.to]])
                   : grouped && network.clustering.clusteredNodes[e.from]) return;
          var a = D.nodes[D.edges[i].f], b = D.nodes[D.edges[i].t];
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        });
        ctx.strokeStyle = s.color;
        ctx.lineWidth = s.width;
        ctx.globalAlpha = 0.6;
        ctx.stroke();
        ctx.globalAlpha = 1;
      });
    });
  }
  timing.network = performance.now();

  // The same citation as kg/view/cite.py: plain text and Markdown.
  function mdEscape(text) { return String(text).replace(/[\\\[\]*_`<>]/g, function (c) { return "\\" + c; }); }
  function citation(id) {
    var st = D.statements[id], src = D.sources[st.source] || {};
    var words = String(st.exact || "").split(/\s+/).filter(Boolean).join(" ");
    var day = st.day || st.date || "", url = src.url || "", title = src.title || "", outlet = src.publisher || "";
    var where = [title ? "\"" + title + "\"" : "", outlet, day].filter(Boolean).join(", ");
    var text = st.claimantLabel + ": \"" + words + "\" \u2014 " + where + "." + (url ? " " + url : "") +
               " (claimgraph: " + id + ")";
    var mdUrl = url.replace(/\(/g, "%28").replace(/\)/g, "%29");
    var linked = title && url ? "[" + mdEscape(title) + "](" + mdUrl + ")" : mdEscape(title);
    var mdWhere = [linked, mdEscape(outlet), day].filter(Boolean).join(", ");
    var md = "**" + mdEscape(st.claimantLabel) + "**: \"" + mdEscape(words) + "\" \u2014 " + mdWhere +
             ". ([claimgraph](" + id + "))";
    return { text: text, markdown: md };
  }
  function copyButton(label, text) {
    var b = el("button", label, "copy");
    b.type = "button";
    b.setAttribute("data-copy", text);
    b.addEventListener("click", function () {
      function done() { b.textContent = "copied"; setTimeout(function () { b.textContent = label; }, 1500); }
      function fallback() {
        var t = el("textarea"); t.value = text; document.body.appendChild(t); t.select();
        try { document.execCommand("copy"); } finally { t.remove(); }
        done();
      }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
    return b;
  }

  function statementBlock(id, showClaim) {
    var st = D.statements[id];
    var box = el("div", null, "statement " + st.stance);
    var head = el("div");
    head.appendChild(el("strong", D.agents[st.claimant] ? agentLabel(st.claimant) : st.claimantLabel));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", st.stance, "stance"));
    if (st.date) head.appendChild(el("span", " · " + st.date, "meta"));
    box.appendChild(head);
    if (showClaim) {
      (st.claims || []).forEach(function (c) {
        var p = el("div", null, "meta");
        p.appendChild(link(pick(D.claims[c].text), D.site + "claim/" + D.claims[c].slug + ".html"));
        box.appendChild(p);
      });
    }
    var q = el("blockquote", null, "sentence");
    q.appendChild(document.createTextNode(st.before || ""));
    q.appendChild(el("mark", st.exact));
    q.appendChild(document.createTextNode(st.after || ""));
    box.appendChild(q);
    var meta = [];
    if (st.quote) meta.push("direct quote");
    if (st.verb) meta.push("verb: " + st.verb);
    if (st.hedged) meta.push("hedged" + (st.hedge ? ": " + st.hedge : ""));
    if (meta.length) box.appendChild(el("div", meta.join(" · "), "meta"));
    var src = D.sources[st.source];
    if (src) {
      var p = el("div", "in ", "meta");
      p.appendChild(link(src.title, D.site + "source/" + src.slug + ".html#" + st.anchor));
      if (src.url) { p.appendChild(document.createTextNode(" · ")); p.appendChild(link("original", src.url)); }
      box.appendChild(p);
    }
    var cite = citation(id), row = el("div", null, "meta");
    row.appendChild(copyButton("copy citation", cite.text));
    row.appendChild(document.createTextNode(" "));
    row.appendChild(copyButton("as Markdown", cite.markdown));
    box.appendChild(row);
    return box;
  }

  function showClaim(iri) {
    var c = D.claims[iri];
    panel.replaceChildren();
    panel.appendChild(el("div", "claim", "meta"));
    panel.appendChild(el("h2", pick(c.text)));
    var others = Object.keys(c.text).sort().filter(function (lang) { return c.text[lang] !== pick(c.text); });
    if (others.length) {  // the other languages only on demand
      var more = el("details", null, "meta other-langs");
      more.appendChild(el("summary", "in " + others.join(", ")));
      others.forEach(function (lang) { var p = el("p", c.text[lang]); p.lang = lang; more.appendChild(p); });
      panel.appendChild(more);
    }
    if (c.time) panel.appendChild(el("p", "time: " + c.time, "meta"));
    panel.appendChild(link("claim page", D.site + "claim/" + c.slug + ".html"));
    D.stanceOrder.forEach(function (stance) {
      var ids = c.statements.filter(function (s) { return D.statements[s].stance === stance; });
      if (!ids.length) return;
      panel.appendChild(el("h3", stance + " (" + ids.length + ")"));
      ids.forEach(function (s) { panel.appendChild(statementBlock(s, false)); });
    });
    panel.appendChild(el("h3", "Reviews (" + c.reviews.length + ")"));
    c.reviews.forEach(function (r) {
      var p = el("p", (r.rating || "review") + " — " + (r.author || "") + (r.date ? " · " + r.date : ""));
      if (r.url) { p.appendChild(document.createTextNode(" ")); p.appendChild(link("review", r.url)); }
      panel.appendChild(p);
    });
  }

  function showAgent(iri) {
    var a = D.agents[iri];
    panel.replaceChildren();
    panel.appendChild(el("div", a.kind, "meta"));
    panel.appendChild(el("h2", agentLabel(iri)));
    if (a.names && a.names.length) panel.appendChild(el("p", "also: " + a.names.join(", "), "meta"));
    if (a.slug) panel.appendChild(link("agent page", D.site + "agent/" + a.slug + ".html"));
    D.stanceOrder.forEach(function (stance) {
      var ids = a.statements.filter(function (s) { return D.statements[s].stance === stance; });
      if (!ids.length) return;
      panel.appendChild(el("h3", stance + " (" + ids.length + ")"));
      ids.forEach(function (s) { panel.appendChild(statementBlock(s, true)); });
    });
  }

  function showSource(iri) {
    var s = D.sources[iri];
    panel.replaceChildren();
    panel.appendChild(el("div", "source", "meta"));
    panel.appendChild(el("h2", s.title));
    panel.appendChild(link("article with every claim highlighted", D.site + "source/" + s.slug + ".html"));
    if (s.url) { panel.appendChild(el("br")); panel.appendChild(link("original", s.url)); }
  }

  var reviewOf = {};
  D.edges.forEach(function (e) { if (e.kind === "reviews") reviewOf[e.from] = e.to; });

  function show(iri) {
    if (D.claims[iri]) showClaim(iri);
    else if (D.agents[iri]) showAgent(iri);
    else if (D.sources[iri]) showSource(iri);
    else if (reviewOf[iri]) return show(reviewOf[iri]);
    else return false;
    panel.setAttribute("data-shown", iri);
    return true;
  }

  // ---- stories: collapse each into one node (vis-network clustering); a click expands it
  var storyOf = {};
  (D.stories || []).forEach(function (s, i) { s[4].forEach(function (k) { storyOf[D.nodes[k].id] = i; }); });
  var grouped = false;
  // lazy: open the stories at ``which`` (their nodes replace their story nodes), or close them
  function openLazy(which) {
    which = which.filter(function (i) { return !opened[i]; });
    if (!which.length) return;
    nodes.remove(which.map(function (i) { return "story:" + i; }));
    nodes.add(visNodes([].concat.apply([], which.map(function (i) { return D.stories[i][4]; }))));
    which.forEach(function (i) { opened[i] = true; });
  }
  function closeLazy() {
    var which = Object.keys(opened).map(Number);
    if (!which.length) return;
    nodes.remove([].concat.apply([], which.map(function (i) {
      return D.stories[i][4].map(function (k) { return D.nodes[k].id; });
    })));
    nodes.add(which.map(function (i) { return storyLook(D.stories[i], i); }));
    opened = {};
  }
  function groupStories(on) {
    if (on === grouped) return;
    grouped = on;
    document.getElementById("group").checked = on;
    if (lazy) {
      if (on) closeLazy();
      else openLazy(D.stories.map(function (s, i) { return i; }));
      network.fit({ animation: false });
    } else if (on) {
      // one "_dataChanged" for all stories, not one per story (each rebuilds the node lists)
      D.stories.forEach(function (s, i) {
        network.cluster({
          joinCondition: function (n) { return storyOf[n.id] === i && !n.hidden; },
          clusterNodeProperties: Object.assign(storyLook(s, i), { allowSingleNodeCluster: true })
        }, false);
      });
      network.body.emitter.emit("_dataChanged");
      network.fit({ animation: false });
    } else {
      D.stories.forEach(function (s, i) { if (isStory("story:" + i)) release("story:" + i); });
      network.fit({ animation: false });
    }
    network.redraw();
  }
  // Opening a cluster puts its nodes back where Python laid them out (vis-network's default
  // moves every one of them onto the cluster's own spot).
  function home(centre, positions) {
    var out = {};
    Object.keys(positions).forEach(function (id) {
      var n = D.nodes[D.index[id]];
      out[id] = n ? { x: n.x, y: n.y } : positions[id];
    });
    return out;
  }
  function release(id) { network.openCluster(id, { releaseFunction: home }); }
  function isStory(id) {
    if (lazy) return /^story:/.test(id) && !!nodes.get(id);
    return !!network.body.nodes[id] && network.isCluster(id);
  }
  function openStory(id) {
    var i = Number(id.slice(6)), ids = D.stories[i][4].map(function (k) { return D.nodes[k].id; });
    if (lazy) openLazy([i]);
    else release(id);
    network.fit({ nodes: ids, animation: false });
  }
  document.getElementById("group").addEventListener("change", function (ev) { groupStories(ev.target.checked); });

  network.on("click", function (params) {
    if (params.nodes.length && isStory(params.nodes[0])) {
      openStory(params.nodes[0]);
      return;
    }
    if (params.nodes.length) {
      timing.click = performance.now();
      show(params.nodes[0]);
      timing.shown = performance.now();
    }
  });

  // ---- search and filters
  var names = {};
  D.nodes.forEach(function (n) {
    var more = D.claims[n.id] ? Object.keys(D.claims[n.id].text).map(function (k) { return D.claims[n.id].text[k]; })
             : D.agents[n.id] ? D.agents[n.id].names : [];
    names[n.id] = (n.title + " " + more.join(" ")).toLowerCase();
  });
  var adj = {};
  D.edges.forEach(function (e) {
    (adj[e.from] = adj[e.from] || []).push(e);
    (adj[e.to] = adj[e.to] || []).push(e);
  });

  // A claim's status: contested (denied or disputed as well as asserted), reviewed.
  function status(c) {
    var claim = D.claims[c], kinds = {};
    claim.statements.forEach(function (s) { kinds[D.statements[s].stance] = true; });
    return {
      contested: !!((kinds.denies || kinds.disputes) && (kinds.asserts || kinds.supports || kinds.accuses)),
      reviewed: claim.reviews.length > 0
    };
  }
  var statusOf = {};
  Object.keys(D.claims).forEach(function (c) { statusOf[c] = status(c); });

  function value(id) { return document.getElementById(id).value; }
  // Filters keep the statements that pass; an edge is shown if a kept statement stands behind
  // it, and a node is shown only if one of its edges is (nodes that lose every edge are hidden).
  function applyFilters() {
    groupStories(false);
    var stances = {}, allStances = true;
    Array.prototype.forEach.call(document.querySelectorAll(".stance-filter"), function (c) {
      stances[c.value] = c.checked;
      if (!c.checked) allStances = false;
    });
    var f = { claimant: value("claimant"), source: value("source"), lang: value("language"),
              from: value("date-from"), to: value("date-to"), status: value("status") };
    var active = !allStances || Object.keys(f).some(function (k) { return f[k]; });
    function claimOk(c) {
      var st = statusOf[c];
      if (!st) return false;
      if (f.status === "contested") return st.contested;
      if (f.status === "uncontested") return !st.contested;
      if (f.status === "reviewed") return st.reviewed;
      if (f.status === "unreviewed") return !st.reviewed;
      return true;
    }
    function statementOk(id) {
      var st = D.statements[id];
      if (!stances[st.stance]) return false;
      if (f.claimant && st.claimant !== f.claimant) return false;
      if (f.source && st.source !== f.source) return false;
      if (f.lang && st.lang !== f.lang) return false;
      if ((f.from || f.to) && !st.day) return false;
      if (f.from && st.day < f.from) return false;
      if (f.to && st.day > f.to) return false;
      return (st.claims || []).some(claimOk);
    }
    var keptBy = {}, keptIn = {};  // claim -> true; claim + " " + source -> true
    Object.keys(D.statements).forEach(function (id) {
      if (!statementOk(id)) return;
      var st = D.statements[id];
      (st.claims || []).forEach(function (c) {
        if (!claimOk(c)) return;
        keptBy[c] = true;
        keptIn[c + " " + st.source] = true;
      });
    });
    var visible = {}, shown = 0;
    D.edges.forEach(function (e, i) {
      var on = true;
      if (active) {
        if (e.statement) on = statementOk(e.statement) && !!keptBy[e.to];
        else if (e.kind === "reported-in") on = !!keptIn[e.from + " " + e.to];
        else if (e.kind === "about") on = !!keptBy[e.from];
        else if (e.kind === "reviews") on = !!keptBy[e.to];
      }
      edgeHidden[i] = on && drawn(e) ? 0 : 1;
      if (on) { visible[e.from] = true; visible[e.to] = true; }
    });
    filteredOut = {};
    var updates = D.nodes.map(function (n) {
      var on = !active || !!visible[n.id];
      if (on) shown += 1;
      else filteredOut[n.id] = true;
      return { id: n.id, hidden: !on };
    });
    nodes.update(updates);
    if (!big) {
      var changes = [];
      D.edges.forEach(function (e, i) { if (drawn(e)) changes.push({ id: i, hidden: !!edgeHidden[i] }); });
      edges.update(changes);
    }
    var ids = updates.filter(function (u) { return !u.hidden; }).map(function (u) { return u.id; });
    document.getElementById("filter-note").textContent =
      active ? shown + " of " + D.nodes.length + " nodes shown" : "";
    if (ids.length) network.fit({ nodes: ids, animation: false });
    network.redraw();
    return shown;
  }
  Array.prototype.forEach.call(
    document.querySelectorAll(".stance-filter, #claimant, #source, #language, #date-from, #date-to, #status"),
    function (c) { c.addEventListener("change", applyFilters); });

  function find(text) {
    var q = String(text).toLowerCase().trim();
    if (!q) return [];
    return D.nodes.filter(function (n) { return (n.kind === "claim" || n.kind === "agent") && names[n.id].indexOf(q) >= 0; })
                  .map(function (n) { return n.id; });
  }
  function focus(iri) {
    if (lazy && storyOf[iri] !== undefined) openLazy([storyOf[iri]]);
    var path = network.findNode(iri);
    if (path.length > 1) release(path[0]);
    network.selectNodes([iri]);
    network.focus(iri, { scale: 1.0, animation: false });
    show(iri);
  }
  var intro = Array.prototype.slice.call(panel.childNodes);
  document.getElementById("search").addEventListener("input", function (ev) {
    if (!String(ev.target.value).trim()) {  // cleared: back to the first view's panel
      panel.replaceChildren.apply(panel, intro);
      panel.removeAttribute("data-shown");
      network.unselectAll();
      return;
    }
    var hits = find(ev.target.value);
    panel.replaceChildren();
    panel.appendChild(el("h2", hits.length + " match" + (hits.length === 1 ? "" : "es")));
    var ul = el("ul"); ul.id = "results";
    hits.slice(0, 200).forEach(function (iri) {
      var li = el("li", D.nodes[D.index[iri]].title);
      li.addEventListener("click", function () { focus(iri); });
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    network.selectNodes(hits.filter(function (iri) { return !!network.body.nodes[iri]; }).slice(0, 500));
  });

  // Language switch: claim texts and agent labels on the graph and in the panel.
  function setLang(code) {
    D.lang = code;
    document.documentElement.lang = code;
    var changes = [];
    D.nodes.forEach(function (n) {
      var text = D.claims[n.id] ? pick(D.claims[n.id].text) : D.agents[n.id] ? agentLabel(n.id) : null;
      if (text === null) return;
      n.title = text; n.label = short(text);
      var u = { id: n.id, title: text };
      if (!big || n.kind !== "claim") u.label = n.label;
      changes.push(u);
    });
    // lazy: nodes of closed stories are not in the data set (they take the language when made)
    nodes.update(lazy ? changes.filter(function (u) { return opened[storyOf[u.id]]; }) : changes);
    var shown = panel.getAttribute("data-shown");
    if (shown) show(shown);
  }
  var langSelect = document.getElementById("ui-lang");
  langSelect.value = D.lang;
  langSelect.addEventListener("change", function () { setLang(langSelect.value); });

  // Deep links: graph.html#claim=SLUG (or #agent=, #source=) opens with that node focused.
  var bySlug = { claim: {}, agent: {}, source: {} };
  Object.keys(D.claims).forEach(function (iri) { bySlug.claim[D.claims[iri].slug] = iri; });
  Object.keys(D.agents).forEach(function (iri) { bySlug.agent[D.agents[iri].slug] = iri; });
  Object.keys(D.sources).forEach(function (iri) {
    if (D.index[iri] !== undefined) bySlug.source[D.sources[iri].slug] = iri;
  });
  function fromHash() {
    var m = /^#(claim|agent|source)=(.+)$/.exec(location.hash);
    if (!m) return null;
    var slug;
    try { slug = decodeURIComponent(m[2]); } catch (e) { return null; }
    var iri = Object.prototype.hasOwnProperty.call(bySlug[m[1]], slug) ? bySlug[m[1]][slug] : null;
    if (iri && D.index[iri] !== undefined) { focus(iri); return iri; }
    panel.replaceChildren(el("p", "No " + m[1] + " “" + slug + "” in this graph.", "meta"));
    return null;
  }
  function hashFor(iri) {
    var kind = D.claims[iri] ? "claim" : D.agents[iri] ? "agent" : D.sources[iri] ? "source" : null;
    var slug = kind === "claim" ? D.claims[iri].slug : kind === "agent" ? D.agents[iri].slug
             : kind === "source" ? D.sources[iri].slug : null;
    return kind && slug ? "#" + kind + "=" + encodeURIComponent(slug) : null;
  }
  network.on("click", function (params) {
    var h = params.nodes.length ? hashFor(params.nodes[0]) : null;
    if (h && history.replaceState) history.replaceState(null, "", h);
  });
  window.addEventListener("hashchange", fromHash);

  window.claimgraph = { network: network, show: show, find: find, focus: focus, data: D, timing: timing,
                        filter: applyFilters, citation: citation, setLang: setLang, group: groupStories };
  function ready() {
    fromHash();
    document.body.setAttribute("data-ready", "1");
  }
  if (lazy) {  // thousands of claims open as stories
    grouped = true;
    document.getElementById("group").checked = true;
    network.fit({ animation: false });
  }
  network.once("afterDrawing", function () {
    timing.drawn = performance.now();
    ready();
  });
})();
