// tunesmith web page: builds a CueSpec from the prompt and controls, talks to /v1 with the API key
// from localStorage, polls the job, then plays the mix and stems and draws the timeline.
"use strict";

const GROUPS = ["piano", "strings", "brass", "woodwinds", "guitar", "bass", "drums", "synth", "pad", "choir"];
const $ = (id) => document.getElementById(id);
const state = { job: null, poll: null, urls: [], sheet: null, peaks: null, duration: 0, player: null };
// Exposed for the end-to-end test (tests/server/web_e2e.mjs) and for curious users.
window.tunesmith = { decodedDuration: 0, jobState: "", error: "" };

// --- API ---------------------------------------------------------------------------------------

function apiKey() { return $("api-key").value.trim(); }

async function api(method, path, body) {
  const headers = { Authorization: "Bearer " + apiKey() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await res.json() : null;
  if (!res.ok) {
    const e = (data && data.error) || { message: "HTTP " + res.status };
    const err = new Error(e.message);
    err.status = res.status;
    err.retryAfter = res.headers.get("Retry-After");
    throw err;
  }
  return data;
}

// Files need the key too, so they are fetched as blobs (an <audio src> cannot send headers).
async function fetchFile(url) {
  const res = await fetch(url, { headers: { Authorization: "Bearer " + apiKey() } });
  if (!res.ok) throw new Error("download failed: HTTP " + res.status);
  return res.blob();
}

// --- request -----------------------------------------------------------------------------------

function setupInstruments() {
  for (const g of GROUPS) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "group";
    b.textContent = g;
    b.dataset.group = g;
    b.dataset.mode = "auto";
    b.addEventListener("click", () => {
      const next = { auto: "include", include: "exclude", exclude: "auto" }[b.dataset.mode];
      b.dataset.mode = next;
      b.className = "group " + (next === "auto" ? "" : next);
    });
    $("instruments").appendChild(b);
  }
}

function numberOr(id) {
  const v = $(id).value.trim();
  return v === "" ? undefined : Number(v);
}

// "name start [energy]" per line.
function parseSections(text) {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const [name, start, energy] = line.split(/\s+/);
    const s = { name, start_s: Number(start) };
    if (energy !== undefined) s.energy = Number(energy);
    return s;
  });
}

// "time [kind]" per line or comma.
function parseHits(text) {
  return text.split(/[\n,]/).map((l) => l.trim()).filter(Boolean).map((item) => {
    const [time, kind] = item.split(/[\s:]+/);
    return kind ? { time_s: Number(time), kind } : { time_s: Number(time) };
  });
}

// The CueSpec JSON (only the fields given: the server resolves the rest, like the CLI).
function buildSpec() {
  const spec = {};
  const prompt = $("prompt").value.trim();
  if (prompt) spec.prompt = prompt;
  if ($("key").value.trim()) spec.key = $("key").value.trim();
  if (numberOr("bpm") !== undefined) spec.bpm = numberOr("bpm");
  if ($("meter").value) spec.time_signature = $("meter").value;
  if (numberOr("length") !== undefined) spec.length_s = numberOr("length");
  if (numberOr("seed") !== undefined) spec.seed = numberOr("seed");
  if ($("ending").value) spec.ending = $("ending").value;
  const include = [], exclude = [];
  for (const b of $("instruments").querySelectorAll(".group")) {
    if (b.dataset.mode === "include") include.push(b.dataset.group);
    if (b.dataset.mode === "exclude") exclude.push(b.dataset.group);
  }
  if (include.length || exclude.length) spec.instruments = { include, exclude };
  const sections = parseSections($("sections").value);
  if (sections.length) spec.sections = sections;
  const hits = parseHits($("hits").value);
  if (hits.length) spec.hits = hits;
  return spec;
}

function say(text, isError) {
  $("message").textContent = text;
  $("message").className = isError ? "error" : "";
  if (isError) window.tunesmith.error = text;
}

async function explain() {
  try {
    const r = await api("POST", "/v1/explain", buildSpec());
    $("explained").hidden = false;
    $("explained").textContent = JSON.stringify(r, null, 2);
    say("Resolved: " + r.spec.key + ", " + r.spec.bpm + " bpm, " + r.spec.time_signature + ", " + r.spec.length_s + " s");
  } catch (e) {
    say(e.message, true);
  }
}

async function generate() {
  try {
    const body = buildSpec();
    body.audio = $("audio").checked;
    const job = await api("POST", "/v1/cues", body);
    say("Queued.");
    showJob(job);
  } catch (e) {
    say(e.status === 429 ? "The server is busy: retry in " + e.retryAfter + " s." : e.message, true);
  }
}

// --- job ---------------------------------------------------------------------------------------

function showJob(job) {
  clearResults();
  state.job = job;
  $("job").hidden = false;
  $("job-id").textContent = job.id;
  history.replaceState(null, "", "#job=" + job.id);
  renderProgress(job);
  clearInterval(state.poll);
  state.poll = setInterval(pollJob, 400);
}

function renderProgress(job) {
  window.tunesmith.jobState = job.state;
  $("job-state").textContent = job.state;
  const pct = Math.round(job.progress.percent || 0);
  $("progress-bar").style.width = pct + "%";
  $("progress-text").textContent = job.state === "failed"
    ? "Failed: " + (job.error && job.error.message)
    : (job.progress.stage || job.state) + " — " + pct + "%";
  $("cancel").hidden = !(job.state === "queued" || job.state === "running");
}

async function pollJob() {
  if (!state.job) return;
  try {
    const job = await api("GET", "/v1/jobs/" + state.job.id);
    state.job = job;
    renderProgress(job);
    if (job.state === "done" || job.state === "failed" || job.state === "cancelled") {
      clearInterval(state.poll);
      say(job.state === "done" ? "Done." : job.state === "cancelled" ? "Cancelled." : "");
      if (job.state === "done") await showResult(job);
    }
  } catch (e) {
    clearInterval(state.poll);
    say(e.message, true);
  }
}

async function cancelJob() {
  if (!state.job) return;
  try {
    renderProgress(await api("DELETE", "/v1/jobs/" + state.job.id));
  } catch (e) {
    say(e.message, true);
  }
}

function clearResults() {
  for (const u of state.urls) URL.revokeObjectURL(u);
  state.urls = [];
  state.sheet = null;
  state.peaks = null;
  state.player = null;
  $("players").textContent = "";
  $("downloads").textContent = "";
  $("summary").textContent = "";
  drawTimeline();
}

async function showResult(job) {
  const s = job.result.summary || {};
  $("summary").textContent = [s.key, s.time_signature, s.bpm && s.bpm.toFixed(1) + " bpm", s.style,
    s.integrated_lufs !== undefined && s.integrated_lufs.toFixed(1) + " LUFS"].filter(Boolean).join(" · ");
  const files = job.result.files;
  for (const f of files) addDownload(f);
  const sheetFile = files.find((f) => f.name === "cue.json");
  if (sheetFile) state.sheet = JSON.parse(await (await fetchFile(sheetFile.url)).text());
  drawTimeline();
  const mix = files.find((f) => f.name === "mix.wav") || files.find((f) => f.name === "mix.flac");
  if (mix) await addPlayer("mix", mix, true);
  for (const f of files.filter((f) => /^stems\/.*\.(wav)$/.test(f.name)))
    await addPlayer(f.name.slice(6, -4), f, false);
}

function addDownload(file) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = "#";
  a.textContent = file.name + " (" + (file.bytes / 1024).toFixed(0) + " KiB)";
  a.addEventListener("click", async (ev) => {
    ev.preventDefault();
    const url = URL.createObjectURL(await fetchFile(file.url));
    state.urls.push(url);
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name.replace("/", "-");
    link.click();
  });
  li.appendChild(a);
  $("downloads").appendChild(li);
}

async function addPlayer(label, file, isMix) {
  const blob = await fetchFile(file.url);
  const url = URL.createObjectURL(blob);
  state.urls.push(url);
  const row = document.createElement("div");
  row.className = "player";
  const name = document.createElement("span");
  name.textContent = label;
  const audio = document.createElement("audio");
  audio.controls = true;
  audio.preload = "auto";
  audio.src = url;
  if (isMix) {
    audio.id = "mix-player";
    state.player = audio;
    audio.addEventListener("timeupdate", drawTimeline);
    await decodeWaveform(blob);
  }
  row.append(name, audio);
  $("players").appendChild(row);
}

// --- timeline ----------------------------------------------------------------------------------

async function decodeWaveform(blob) {
  try {
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const buffer = await context.decodeAudioData(await blob.arrayBuffer());
    context.close();
    const width = $("timeline").width;
    const peaks = new Float32Array(width);
    const channels = [];
    for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(buffer.getChannelData(c));
    const per = Math.max(1, Math.floor(buffer.length / width));
    for (let x = 0; x < width; x++) {
      let peak = 0;
      for (const data of channels)
        for (let i = x * per, end = Math.min(buffer.length, i + per); i < end; i++) peak = Math.max(peak, Math.abs(data[i]));
      peaks[x] = peak;
    }
    state.peaks = peaks;
    state.duration = buffer.duration;
    window.tunesmith.decodedDuration = buffer.duration;
    drawTimeline();
  } catch (e) {
    say("Could not decode the mix for the waveform: " + e.message, true);
  }
}

const SECTION_COLOURS = ["#2b3a67", "#3c5a3b", "#5b3a5e", "#665522", "#2e5e66", "#663333"];

function drawTimeline() {
  const canvas = $("timeline");
  const g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height;
  g.fillStyle = "#10141c";
  g.fillRect(0, 0, w, h);
  const plan = state.sheet && state.sheet.plan;
  const length = (plan && plan.length_s) || state.duration;
  if (!length) return;
  const x = (t) => (t / length) * w;
  if (plan) {
    plan.sections.forEach((s, i) => {
      g.fillStyle = SECTION_COLOURS[i % SECTION_COLOURS.length];
      g.fillRect(x(s.start_s), 0, x(s.end_s) - x(s.start_s), h);
      g.fillStyle = "#fff";
      g.font = "12px sans-serif";
      g.fillText(s.name + " (" + s.bars + " bars)", x(s.start_s) + 4, 14);
    });
  }
  if (state.peaks) {
    g.fillStyle = "#9fc3ff";
    const mid = h / 2 + 8, scale = (h - 30) / 2;
    for (let i = 0; i < state.peaks.length; i++) {
      const px = (i / state.peaks.length) * x(state.duration);
      const a = state.peaks[i] * scale;
      g.fillRect(px, mid - a, Math.max(1, w / state.peaks.length), 2 * a);
    }
  }
  if (plan) {
    for (const hit of plan.hits || []) {
      const t = hit.time_s !== undefined ? hit.time_s : hit.start_s;
      g.strokeStyle = "#ffcc33";
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(x(t), 18);
      g.lineTo(x(t), h);
      g.stroke();
      g.fillStyle = "#ffcc33";
      g.fillText(hit.kind || "hit", x(t) + 3, h - 4);
    }
  }
  if (state.player && state.player.currentTime > 0) {
    g.fillStyle = "#fff";
    g.fillRect(x(state.player.currentTime), 0, 2, h);
  }
}

// Clicking the timeline seeks the mix.
function seek(ev) {
  if (!state.player || !state.duration) return;
  const rect = $("timeline").getBoundingClientRect();
  const length = (state.sheet && state.sheet.plan && state.sheet.plan.length_s) || state.duration;
  state.player.currentTime = Math.min(state.duration, ((ev.clientX - rect.left) / rect.width) * length);
  state.player.play();
}

// --- start -------------------------------------------------------------------------------------

function start() {
  setupInstruments();
  $("api-key").value = localStorage.getItem("tunesmith.key") || "";
  $("api-key").addEventListener("change", () => localStorage.setItem("tunesmith.key", apiKey()));
  $("explain").addEventListener("click", explain);
  $("generate").addEventListener("click", generate);
  $("cancel").addEventListener("click", cancelJob);
  $("timeline").addEventListener("click", seek);
  const m = location.hash.match(/job=([0-9a-f]{32})/);
  if (m && apiKey()) api("GET", "/v1/jobs/" + m[1]).then(showJob).catch((e) => say(e.message, true));
}

start();
