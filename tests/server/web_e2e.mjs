// End-to-end test of the web page: starts `tunesmith serve` on a free loopback port with a fresh
// data folder and key, drives the page in headless Chromium over the DevTools protocol (node's
// built-in WebSocket), generates a 6-second cue, plays it, and checks the decoded length and that
// playback advances. Exit 0 pass, 1 fail, 77 skipped (no chromium).
// Usage: node --experimental-websocket web_e2e.mjs /path/to/tunesmith
// (TUNESMITH_E2E_SCREENSHOT=page.png also saves a screenshot of the finished page.)
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SKIP = 77;
const tunesmith = process.argv[2];
const CUE_SECONDS = 6;

function findChromium() {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", "command -v " + name], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await sleep(250);
  }
}

// A minimal DevTools client: one WebSocket to a page target, request/response by id.
class DevTools {
  constructor(url) {
    this.ws = new WebSocket(url);
    this.next = 1;
    this.pending = new Map();
    this.ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    };
  }
  open() { return new Promise((resolve, reject) => { this.ws.onopen = resolve; this.ws.onerror = reject; }); }
  send(method, params = {}) {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
  async eval(expression) {
    const r = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
    return r.result.value;
  }
  close() { this.ws.close(); }
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.log("SKIP: chromium is not installed (apt-get install chromium, or scripts/setup)");
    return SKIP;
  }
  if (!tunesmith || !fs.existsSync(tunesmith)) throw new Error("usage: web_e2e.mjs /path/to/tunesmith");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tunesmith-web-e2e-"));
  const children = [];
  try {
    const data = path.join(work, "data");
    const created = spawnSync(tunesmith, ["keys", "create", "--data", data, "--name", "e2e"], { encoding: "utf8" });
    if (created.status !== 0) throw new Error("keys create failed: " + created.stderr);
    const key = created.stdout.trim();
    const port = await freePort();
    const server = spawn(tunesmith, ["serve", "--port", String(port), "--data", data, "--workers", "1",
                                     // hermetic and quick: no decoded-font cache in the user's home
                                     "--soundfont-cache", "off"],
                         { stdio: ["ignore", "inherit", "inherit"] });
    children.push(server);
    const base = "http://127.0.0.1:" + port;
    await waitFor("the server", async () => (await fetch(base + "/v1/health")).ok, 30);

    const profile = path.join(work, "profile");
    const browser = spawn(chromium, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0", "--user-data-dir=" + profile,
      "about:blank"], { stdio: ["ignore", "ignore", "ignore"] });
    children.push(browser);
    const portFile = path.join(profile, "DevToolsActivePort");
    const devtoolsPort = await waitFor("chromium", async () => fs.existsSync(portFile) &&
      fs.readFileSync(portFile, "utf8").split("\n")[0], 30);
    const targets = await waitFor("a page target", async () => {
      const list = await (await fetch("http://127.0.0.1:" + devtoolsPort + "/json/list")).json();
      return list.find((t) => t.type === "page") && list;
    }, 15);
    const page = new DevTools(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
    await page.open();
    await page.send("Runtime.enable");
    await page.send("Page.enable");
    await page.send("Page.navigate", { url: base + "/" });
    await waitFor("the page", () => page.eval("!!(window.tunesmith && document.getElementById('generate'))"), 15);

    // Fill the form as a user would and press Generate.
    await page.eval(`(() => {
      const key = document.getElementById('api-key');
      key.value = ${JSON.stringify(key)};
      key.dispatchEvent(new Event('change'));
      document.getElementById('prompt').value = 'calm piano and strings';
      document.getElementById('length').value = '${CUE_SECONDS}';
      document.getElementById('hits').value = '3 hit';
      document.getElementById('generate').click();
      return true;
    })()`);
    const state = await waitFor("the job to finish", async () => {
      const s = await page.eval("window.tunesmith.jobState");
      const err = await page.eval("window.tunesmith.error");
      if (err) throw new Error("page error: " + err);
      return (s === "done" || s === "failed" || s === "cancelled") && s;
    }, 240);
    if (state !== "done") throw new Error("job ended " + state);
    const duration = await waitFor("the decoded mix", () => page.eval("window.tunesmith.decodedDuration"), 60);
    console.log("decoded duration: " + duration.toFixed(3) + " s");
    if (Math.abs(duration - CUE_SECONDS) > 0.05) throw new Error("decoded duration " + duration + " != " + CUE_SECONDS);
    const stored = await page.eval("localStorage.getItem('tunesmith.key')");
    if (stored !== key) throw new Error("the API key was not kept in localStorage");
    // Stem players are added one by one after the mix is decoded: wait for them, do not race them.
    const countPlayers = () => page.eval("document.querySelectorAll('#players audio').length");
    await waitFor("a mix player and at least one stem player", async () => (await countPlayers()) >= 2, 30);
    const players = await countPlayers();
    const downloads = await page.eval("document.querySelectorAll('#downloads li').length");
    console.log("players: " + players + ", downloads: " + downloads);
    await page.eval("document.getElementById('mix-player').play().then(() => true)");
    const played = await waitFor("playback", () => page.eval("document.getElementById('mix-player').currentTime > 0.2 &&" +
      " document.getElementById('mix-player').currentTime"), 20);
    console.log("mix currentTime after play: " + played.toFixed(3) + " s");
    const pixels = await page.eval(`(() => {
      const c = document.getElementById('timeline');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 2] > 200 && d[i] > 120 && d[i] < 200) lit++;
      return lit;
    })()`);
    console.log("waveform pixels: " + pixels);
    if (pixels < 500) throw new Error("the timeline shows no waveform");
    if (process.env.TUNESMITH_E2E_SCREENSHOT) {  // for looking at the page by eye
      await page.send("Emulation.setDeviceMetricsOverride", { width: 1100, height: 1300, deviceScaleFactor: 1, mobile: false });
      const shot = await page.send("Page.captureScreenshot", { format: "png" });
      fs.writeFileSync(process.env.TUNESMITH_E2E_SCREENSHOT, Buffer.from(shot.data, "base64"));
    }
    page.close();
    console.log("PASS");
    return 0;
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await sleep(500);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => { console.error("FAIL: " + e.message); process.exit(1); });
