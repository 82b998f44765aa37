// Tests the browser build as a student on a locked-down laptop would meet it: serves web/dist
// on 127.0.0.1, opens it in headless Chromium (Debian's), checks the title screen is drawn (a
// screenshot that is not blank), plays a whole solo session from the keyboard to the debrief,
// saves it in the browser's storage and downloads the session file and the report. The session
// file is written to OUT_DIR for the desktop `joined-up replay` to check.
//
//   NODE_PATH=~/.cache/joined-up-npm/node_modules node tools/web-test.mjs web/dist OUT_DIR
//
// Exits 0 when everything worked; otherwise prints what did not and exits 1.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const { PNG } = require("pngjs");

const [dist, outDir] = process.argv.slice(2);
if (!dist || !outDir) {
  console.error("usage: node tools/web-test.mjs DIST OUT_DIR");
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".png": "image/png" };
const server = http.createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
  const file = path.join(dist, path.normalize(name));
  if (!file.startsWith(path.resolve(dist)) && !file.startsWith(dist)) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/`;

const fail = async (msg) => {
  console.error(`web test failed: ${msg}`);
  try {
    await page.screenshot({ path: path.join(outDir, "failure.png") });
  } catch {}
  await browser.close();
  server.close();
  process.exit(1);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
const page = await context.newPage();
const problems = [];
page.on("pageerror", (e) => {
  if (!String(e).includes("Using exceptions for control flow")) problems.push(String(e));
});
page.on("console", (m) => {
  if (m.type() === "error") problems.push(m.text());
});

/// Waits until the window's title (which follows the screen) is `want`.
async function screen(want, seconds = 120) {
  try {
    await page.waitForFunction((t) => document.title === t, `Joined Up: ${want}`, { timeout: seconds * 1000 });
  } catch {
    await fail(`the ${want} screen never came (the title is "${await page.title()}"); errors: ${problems.join(" | ")}`);
  }
}

/// A screenshot that is not blank: many shades (antialiased text) and dark ink on a light page.
async function shot(name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  const png = PNG.sync.read(fs.readFileSync(file));
  const colours = new Set();
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 100 && g < 100 && b < 100) dark += 1;
  }
  if (colours.size <= 20 || dark <= 500) await fail(`${name} looks blank: ${colours.size} colours, ${dark} dark pixels`);
  console.log(`${name}: ${colours.size} colours, ${dark} dark pixels`);
}

async function key(k) {
  await page.keyboard.press(k);
  await page.waitForTimeout(250);
}

await page.goto(url);
await screen("Title", 180);
await page.waitForTimeout(1500);
await shot("web-title.png");
await page.click("#joined-up");
await key("Digit1"); // Start
await screen("Picker");
await key("Digit1"); // the first case
await screen("Setup");
await key("Digit1"); // solo, as the GP
await screen("Briefing");
await key("Digit1"); // begin
await screen("Play");
await shot("web-play.png");
// End every half-day; the computer colleague plays its own.
const start = Date.now();
while ((await page.title()) !== "Joined Up: Debrief") {
  if (Date.now() - start > 300_000) await fail("the session did not reach the debrief in 5 minutes");
  await key("KeyE");
}
await page.waitForTimeout(1500);
await shot("web-debrief.png");

// Save: into the browser's storage.
await key("Digit1");
await page.waitForTimeout(500);
const saved = await page.evaluate(() =>
  Object.keys(localStorage).filter((k) => k.startsWith("joined-up/files/") && k.endsWith(".session.ron")));
if (saved.length !== 1) await fail(`expected one session in the browser's storage, found ${JSON.stringify(saved)}`);
const text = await page.evaluate((k) => localStorage.getItem(k), saved[0]);
fs.writeFileSync(path.join(outDir, "stored.session.ron"), text);

// Download the report and the session file.
for (const [digit, name] of [["Digit2", "downloaded.html"], ["Digit3", "downloaded.session.ron"]]) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), key(digit)]);
  await download.saveAs(path.join(outDir, name));
}
const report = fs.readFileSync(path.join(outDir, "downloaded.html"), "utf8");
if (!report.includes("Reactions: what happened")) await fail("the downloaded report is not a debrief");

if (problems.length) console.log(`browser messages: ${problems.join(" | ")}`);
console.log(`web test passed: ${url}`);
await browser.close();
server.close();
