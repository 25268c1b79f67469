// The tripletrec page: plain JS against the server's own API, no build step.
// State is the two lists of item ids and the chosen genre; every change re-asks POST /v1/recommendations
// (fold-in), with the genre as the API's feature filter.
"use strict";

const GENRE = "genre:"; // the item features the genre filter offers: genre:Comedy, ...
const state = { liked: new Map(), disliked: new Map(), genre: "" }; // item id -> title; a feature name or ""
const $ = (id) => document.getElementById(id);
let searchSeq = 0, recsSeq = 0;

function status(msg) { $("status").textContent = msg || ""; }

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({ error: "HTTP " + res.status }));
  if (!res.ok) throw new Error(body.error || "HTTP " + res.status);
  return body;
}

function label(item) { return item.title || "item " + item.item; }

// One list row: title (+ why), thumbs up / down, similar.
function row(item, extra) {
  const li = document.createElement("li");
  li.dataset.item = item.item;
  const title = document.createElement("span");
  title.className = "title";
  title.textContent = label(item);
  if (extra) {
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = extra;
    title.appendChild(why);
  }
  li.appendChild(title);
  if (typeof item.score === "number") {
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = item.score.toFixed(2);
    li.appendChild(score);
  }
  li.appendChild(button("▲", "like", "Like " + label(item), state.liked.has(item.item), () => rate(item, "liked")));
  li.appendChild(button("▼", "dislike", "Dislike " + label(item), state.disliked.has(item.item), () => rate(item, "disliked")));
  li.appendChild(button("similar", "similar", "Movies similar to " + label(item), null, () => similar(item)));
  return li;
}

function button(text, cls, title, pressed, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = cls;
  b.textContent = text;
  b.title = title;
  b.setAttribute("aria-label", title);
  if (pressed !== null) b.setAttribute("aria-pressed", String(!!pressed));
  b.addEventListener("click", onClick);
  return b;
}

function fill(list, items, why) {
  list.replaceChildren(...items.map((it) => row(it, why ? why(it) : null)));
}

// Thumbs up or down; pressing the same thumb again takes it back.
function rate(item, which) {
  const other = which === "liked" ? "disliked" : "liked";
  if (state[which].has(item.item)) {
    state[which].delete(item.item);
  } else {
    state[which].set(item.item, label(item));
    state[other].delete(item.item);
  }
  save();
  renderTaste();
  refreshPressed();
  recommend();
}

function renderTaste() {
  for (const which of ["liked", "disliked"]) {
    const ul = $(which);
    ul.replaceChildren(...[...state[which]].map(([id, title]) => {
      const li = document.createElement("li");
      li.dataset.item = id;
      li.textContent = title;
      li.appendChild(button("×", "remove", "Remove " + title, null, () => {
        state[which].delete(id);
        save(); renderTaste(); refreshPressed(); recommend();
      }));
      return li;
    }));
  }
}

function refreshPressed() {
  document.querySelectorAll(".items li").forEach((li) => {
    const like = li.querySelector("button.like"), dislike = li.querySelector("button.dislike");
    if (like) like.setAttribute("aria-pressed", String(state.liked.has(li.dataset.item)));
    if (dislike) dislike.setAttribute("aria-pressed", String(state.disliked.has(li.dataset.item)));
  });
}

async function recommend() {
  const seq = ++recsSeq;
  const recs = $("recs");
  if (state.liked.size === 0 && state.disliked.size === 0) {
    recs.replaceChildren();
    $("recs-hint").hidden = false;
    $("recs-empty").hidden = true;
    recs.dataset.updates = String(Number(recs.dataset.updates) + 1);
    return;
  }
  const request = { liked: [...state.liked.keys()], disliked: [...state.disliked.keys()], k: 10 };
  if (state.genre) request.feature = [state.genre];
  try {
    const body = await api("v1/recommendations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    if (seq !== recsSeq) return; // a later click already asked again
    $("recs-hint").hidden = true;
    $("recs-empty").hidden = body.items.length > 0 || !state.genre;
    fill(recs, body.items, (it) => it.because && it.because.length
      ? "because you liked " + it.because.map(label).join(", ") : null);
    recs.dataset.updates = String(Number(recs.dataset.updates) + 1);
    status("");
  } catch (e) {
    if (seq === recsSeq) status(e.message);
  }
}

async function search(query) {
  const seq = ++searchSeq;
  if (!query.trim()) { $("results").replaceChildren(); return; }
  try {
    const body = await api("v1/items?limit=15&query=" + encodeURIComponent(query));
    if (seq !== searchSeq) return;
    fill($("results"), body.items);
    status(body.items.length ? "" : "No title matches “" + query + "”.");
  } catch (e) {
    if (seq === searchSeq) status(e.message);
  }
}

async function similar(item) {
  try {
    const body = await api("v1/items/" + encodeURIComponent(item.item) + "/similar?k=10");
    $("similar-title").textContent = label(item);
    fill($("similar"), body.items);
    $("similar-panel").hidden = false;
  } catch (e) {
    status(e.message);
  }
}

// The genre select, when the model has genre:... item features; hidden otherwise. A saved genre the model
// no longer has is dropped, so that the first request is not refused.
async function loadGenres() {
  let features = [];
  try {
    features = (await api("v1/features?prefix=" + encodeURIComponent(GENRE))).features;
  } catch (e) {
    status(e.message);
  }
  const select = $("genre");
  select.replaceChildren(new Option("All genres", ""),
    ...features.map((f) => new Option(f.name.slice(GENRE.length) + " (" + f.items + ")", f.name)));
  if (!features.some((f) => f.name === state.genre)) state.genre = "";
  select.value = state.genre;
  $("genre-filter").hidden = features.length === 0;
}

function save() {
  try {
    localStorage.setItem("tripletrec", JSON.stringify({ liked: [...state.liked], disliked: [...state.disliked],
      genre: state.genre }));
  } catch (e) { /* private mode: the page still works, it just forgets */ }
}

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem("tripletrec") || "{}");
    for (const which of ["liked", "disliked"]) (saved[which] || []).forEach(([id, t]) => state[which].set(id, t));
    if (typeof saved.genre === "string") state.genre = saved.genre;
  } catch (e) { /* ignore a damaged entry */ }
}

let timer;
$("search").addEventListener("input", (e) => { clearTimeout(timer); timer = setTimeout(() => search(e.target.value), 150); });
$("similar-close").addEventListener("click", () => { $("similar-panel").hidden = true; });
$("clear").addEventListener("click", () => {
  state.liked.clear(); state.disliked.clear(); save(); renderTaste(); refreshPressed(); recommend();
});
$("genre").addEventListener("change", (e) => { state.genre = e.target.value; save(); recommend(); });
restore();
renderTaste();
loadGenres().then(recommend);
