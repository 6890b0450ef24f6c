// The interactive claim graph: reads its data from #kg-data (JSON), draws it with vis-network
// at fixed positions (physics off), and fills the side panel with DOM text nodes only.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
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

  var nodes = new vis.DataSet(D.nodes.map(function (n) {
    var s = D.nodeStyles[n.kind];
    return { id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, shape: s.shape,
             color: s.color, font: { color: s.font }, kind: n.kind };
  }));
  var edges = new vis.DataSet(D.edges.map(function (e, i) {
    var s = D.edgeStyles[e.kind];
    return { id: i, from: e.from, to: e.to, kind: e.kind, color: { color: s.color, highlight: s.color, hover: s.color },
             dashes: s.dashes, width: s.width, arrows: "to", title: s.label };
  }));
  var big = D.nodes.length > 1500;
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    edges: { smooth: false },
    nodes: { widthConstraint: { maximum: 220 } },
    interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big }
  });

  function statementBlock(id, showClaim) {
    var st = D.statements[id];
    var box = el("div", null, "statement " + st.stance);
    var head = el("div");
    head.appendChild(el("strong", st.claimantLabel));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", st.stance, "stance"));
    if (st.date) head.appendChild(el("span", " · " + st.date, "meta"));
    box.appendChild(head);
    if (showClaim) {
      st.claims.forEach(function (c) {
        var p = el("div", null, "meta");
        p.appendChild(link(pick(D.claims[c].text), D.site + "claim/" + D.claims[c].slug + ".html"));
        box.appendChild(p);
      });
    }
    var q = el("blockquote", null, "sentence");
    q.appendChild(document.createTextNode(st.before));
    q.appendChild(el("mark", st.exact));
    q.appendChild(document.createTextNode(st.after));
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
    return box;
  }

  function showClaim(iri) {
    var c = D.claims[iri];
    panel.replaceChildren();
    panel.appendChild(el("div", "claim", "meta"));
    panel.appendChild(el("h2", pick(c.text)));
    Object.keys(c.text).sort().forEach(function (lang) {
      if (c.text[lang] !== pick(c.text)) panel.appendChild(el("p", lang + ": " + c.text[lang], "meta"));
    });
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
    panel.appendChild(el("h2", a.label));
    if (a.names.length) panel.appendChild(el("p", "also: " + a.names.join(", "), "meta"));
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

  function show(iri) {
    if (D.claims[iri]) showClaim(iri);
    else if (D.agents[iri]) showAgent(iri);
    else if (D.sources[iri]) showSource(iri);
    else return false;
    panel.setAttribute("data-shown", iri);
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { show(params.nodes[0]); }
  });

  // ---- search and filters
  var names = {};
  D.nodes.forEach(function (n) { names[n.id] = (n.title + " " + n.names).toLowerCase(); });
  var adj = {};
  D.edges.forEach(function (e) {
    (adj[e.from] = adj[e.from] || []).push(e);
    (adj[e.to] = adj[e.to] || []).push(e);
  });

  function applyFilters() {
    var stances = {};
    Array.prototype.forEach.call(document.querySelectorAll(".stance-filter"), function (c) { stances[c.value] = c.checked; });
    var claimant = document.getElementById("claimant").value;
    var source = document.getElementById("source").value;
    var keepClaims = null;
    if (claimant || source) {
      keepClaims = {};
      Object.keys(D.claims).forEach(function (c) {
        var ok = D.claims[c].statements.some(function (s) {
          var st = D.statements[s];
          return (!claimant || st.claimant === claimant) && (!source || st.source === source) && stances[st.stance];
        });
        if (ok) keepClaims[c] = true;
      });
    }
    var visible = {};
    D.nodes.forEach(function (n) {
      if (n.kind === "claim") visible[n.id] = keepClaims ? !!keepClaims[n.id] : true;
    });
    D.nodes.forEach(function (n) {
      if (n.kind !== "claim") {
        visible[n.id] = !keepClaims || (adj[n.id] || []).some(function (e) {
          var other = e.from === n.id ? e.to : e.from;
          return keepClaims[other] && (D.stances.indexOf(e.kind) < 0 || stances[e.kind]);
        });
      }
    });
    nodes.update(D.nodes.map(function (n) { return { id: n.id, hidden: !visible[n.id] }; }));
    edges.update(D.edges.map(function (e, i) {
      return { id: i, hidden: (D.stances.indexOf(e.kind) >= 0 && !stances[e.kind]) || !visible[e.from] || !visible[e.to] };
    }));
  }
  Array.prototype.forEach.call(document.querySelectorAll(".stance-filter, #claimant, #source"), function (c) {
    c.addEventListener("change", applyFilters);
  });

  function find(text) {
    var q = String(text).toLowerCase().trim();
    if (!q) return [];
    return D.nodes.filter(function (n) { return (n.kind === "claim" || n.kind === "agent") && names[n.id].indexOf(q) >= 0; })
                  .map(function (n) { return n.id; });
  }
  function focus(iri) {
    network.selectNodes([iri]);
    network.focus(iri, { scale: 1.0, animation: false });
    show(iri);
  }
  document.getElementById("search").addEventListener("input", function (ev) {
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
    network.selectNodes(hits.slice(0, 500));
  });

  window.claimgraph = { network: network, show: show, find: find, focus: focus, data: D };
  network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "1"); });
})();
