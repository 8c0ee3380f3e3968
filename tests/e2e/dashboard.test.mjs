// End-to-end tests of the dashboard, as an analyst would use it: a real
// `rasd serve` over a database built from the fixture articles (posted
// through the API), driven in Debian's headless Chromium by playwright-core.
//
// Run (from the repository root, after `cargo build -p rasd`):
//   (cd tests/e2e && npm ci) && node --test tests/e2e/
// Environment: RASD_BIN (default target/debug/rasd), CHROMIUM
// (default /usr/bin/chromium). Screenshots go to target/e2e-screenshots/.
// With no chromium or no rasd binary the tests are skipped with a message.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const rasdBin = process.env.RASD_BIN || join(root, "target/debug/rasd");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const fixtures = join(root, "crates/rasd-server/tests/fixtures/articles.jsonl");
const shots = join(root, "target/e2e-screenshots");
const TOKEN = "e2e-token";

const missing = [
  [rasdBin, "the rasd binary (cargo build -p rasd)"],
  [chromiumPath, "chromium (apt-get install chromium)"],
].filter(([path]) => !existsSync(path)).map(([, what]) => what);
let chromium = null;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  missing.push("playwright-core (npm ci in tests/e2e)");
}
const skip = missing.length ? `skipped: missing ${missing.join(", ")}` : false;
if (skip) console.log(`# dashboard e2e ${skip}`);

let server, base, context, page, workDir;

async function startServer() {
  workDir = mkdtempSync(join(tmpdir(), "rasd-e2e-"));
  const child = spawn(rasdBin, [
    "serve", "--db", join(workDir, "e2e.db"), "--bind", "127.0.0.1:0", "--token", TOKEN,
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const address = await new Promise((resolveAddress, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`rasd serve did not start: ${log}`)), 60000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[\d.:]+) /.exec(log);
      if (m) { clearTimeout(timer); resolveAddress(m[1]); }
    });
    child.on("exit", (code) => reject(new Error(`rasd serve exited with ${code}: ${log}`)));
  });
  return { child, address };
}

async function screenshot(name) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, name), fullPage: false });
}

before(async () => {
  if (skip) return;
  ({ child: server, address: base } = await startServer());
  const posted = await fetch(`${base}/api/articles`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/x-ndjson" },
    body: readFileSync(fixtures),
  });
  assert.equal(posted.status, 201, await posted.clone().text());
  context = await chromium.launchPersistentContext(join(workDir, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] || (await context.newPage());
  // Nothing but this server may be reached: the map must work offline.
  await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
  page.on("pageerror", (e) => { throw e; });
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill("SIGTERM");
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function openDashboard() {
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
}

/** Events on the map: single markers plus the counts of clusters. */
async function eventsOnMap() {
  return page.evaluate(() => {
    const singles = document.querySelectorAll("#markers .marker").length;
    const clustered = [...document.querySelectorAll("#markers .cluster")]
      .reduce((sum, c) => sum + Number(c.dataset.count), 0);
    return singles + clustered;
  });
}

// The map redraws on the next animation frame, after the list: wait for
// its markers before counting them.
async function waitForEventsOnMap(n) {
  await page.waitForFunction((want) => {
    const singles = document.querySelectorAll("#markers .marker").length;
    const clustered = [...document.querySelectorAll("#markers .cluster")]
      .reduce((sum, c) => sum + Number(c.dataset.count), 0);
    return singles + clustered === want;
  }, n, { timeout: 10000 });
}

test("the map shows a marker for every placed event", { skip }, async () => {
  await openDashboard();
  await page.waitForFunction(() => document.querySelectorAll("#markers g").length > 0);
  assert.equal(await eventsOnMap(), 7);
  const listed = await page.locator("#event-list li").count();
  assert.equal(listed, 7);
  // the base map is drawn: the canvas has land-coloured pixels
  const drawn = await page.evaluate(() => {
    const c = document.getElementById("basemap");
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let land = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) land++;
    return land;
  });
  assert.ok(drawn > 1000, `country outlines drawn (${drawn} pixels)`);
  await screenshot("dashboard.png");
});

test("filtering by country keeps only that country's events", { skip }, async () => {
  await openDashboard();
  await page.selectOption("#filters select[name=country]", "IQ");
  await page.waitForFunction(() => document.getElementById("map").dataset.events === "2");
  await waitForEventsOnMap(2);
  const rows = await page.locator("#event-list li").allTextContents();
  assert.equal(rows.length, 2);
  for (const row of rows) assert.match(row, /Iraq/);
  assert.equal(await eventsOnMap(), 2);
  await screenshot("filter-iraq.png");
});

test("the timeline brush filters the list and the map", { skip }, async () => {
  await openDashboard();
  const box = await page.locator("#timeline").boundingBox();
  // drag across the first fifth of the period (January–February 2024)
  await page.mouse.move(box.x + 6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector("#brush-clear");
  const dates = await page.locator("#event-list li .date").allTextContents();
  assert.ok(dates.length >= 1 && dates.length < 7, `brushed list: ${dates}`);
  for (const d of dates) assert.ok(d < "2024-03-01", d);
  await waitForEventsOnMap(dates.length);
  assert.equal(await eventsOnMap(), dates.length);
  await page.click("#brush-clear");
  await page.waitForFunction(() => document.getElementById("map").dataset.events === "7");
  assert.equal(await page.locator("#event-list li").count(), 7);
});

test("an event opens with its evidence highlighted in the Arabic text", { skip }, async () => {
  await openDashboard();
  const events = await (await fetch(`${base}/api/articles/fx-sy-shuhayl-1`)).json();
  const id = events.events[0].event_id;
  await page.click(`#event-list li[data-event-id="${id}"]`);
  await page.waitForSelector("#panel:not([hidden]) mark.ev");
  const detail = await (await fetch(`${base}/api/events/${encodeURIComponent(id)}`)).json();

  const article = page.locator("#panel .article-text");
  assert.equal(await article.getAttribute("dir"), "rtl");
  // every evidence span the API gives is highlighted, with exactly its text
  const marks = await page.locator("#panel mark.ev").evaluateAll((nodes) =>
    nodes.map((n) => ({ fields: n.dataset.fields.split(" "), text: [...n.childNodes].filter((c) => c.nodeName !== "SUP").map((c) => c.textContent).join(""), label: n.querySelector("sup").textContent })));
  for (const ev of detail.evidence) {
    const mark = marks.find((m) => m.fields.includes(ev.field) && m.text === ev.text);
    assert.ok(mark, `evidence for ${ev.field} is highlighted`);
    assert.equal(mark.text, ev.text);
  }
  const labels = new Set(marks.flatMap((m) => m.label.split(" · ")));
  for (const label of ["actor", "place", "date", "figure"]) assert.ok(labels.has(label), `a ${label} span`);
  // the place and the date as the article wrote them
  assert.ok(marks.some((m) => m.label.includes("date") && m.text.includes("الثلاثاء")), JSON.stringify(marks));
  assert.ok(marks.some((m) => m.label.includes("figure") && m.text.includes("12")), JSON.stringify(marks));
  // the claims, with their claimant
  const claims = await page.locator("#panel .claims li").allTextContents();
  assert.ok(claims.some((c) => /12 killed .*claimed by SDF/.test(c)), claims.join(" | "));
  // the other article of the same incident
  const reports = await page.locator("#panel .reports li").allTextContents();
  assert.ok(reports.some((r) => r.includes("صحيفة الفرات")), reports.join(" | "));
  await screenshot("event-panel.png");
});

test("article text with markup, entities and bidi controls is shown as text", { skip }, async () => {
  await openDashboard();
  const stored = await (await fetch(`${base}/api/articles/fx-sy-kafranbel-escaping`)).json();
  await page.click(`#event-list li[data-event-id="${stored.events[0].event_id}"]`);
  await page.waitForSelector("#panel:not([hidden]) .article-text");
  assert.equal(await page.evaluate(() => window.__rasdInjected), undefined);
  const text = await page.locator("#panel .article-text").textContent();
  assert.ok(text.includes("<script>window.__rasdInjected = true</script>"), text);
  assert.ok(text.includes("&amp; ناشطون") && text.includes("&lt;b&gt;"), text);
  assert.ok(text.includes('<img src=x onerror="window.__rasdInjected=true">'), text);
  // the right-to-left override is made visible, not obeyed
  assert.ok(text.includes("U+202E") && !text.includes("\u202e"), text);
  assert.equal(await page.locator("#panel img, #panel script, #panel b").count(), 0);
  const title = await page.locator("#panel .article-title").textContent();
  assert.ok(title.includes("<script>"), title);
  const heading = await page.locator("#panel h3").allTextContents();
  assert.ok(heading.some((h) => h.includes("<b>مرصد</b> & شركاه")), heading.join(" | "));
  // a javascript: URL is not made into a link
  assert.equal(await page.locator('#panel a[href^="javascript"]').count(), 0);
  await screenshot("escaping.png");
});

test("an article pasted into the ingest box shows its events", { skip }, async () => {
  await openDashboard();
  await page.click("#ingest summary");
  await page.fill("#ingest-form input[name=published]", "2024-08-04");
  await page.fill("#ingest-form input[name=source]", "اختبار");
  await page.fill("#ingest-form textarea[name=text]",
    "قتل ثلاثة عناصر من الجيش اللبناني أمس السبت في اشتباك مع مسلحين قرب بلدة عرسال في البقاع اللبناني، بحسب بيان للجيش.");
  await page.fill("#ingest-form input[name=token]", TOKEN);
  await page.click("#ingest-form button[type=submit]");
  await page.waitForSelector("#ingest-result ul.ingested li");
  const result = await page.locator("#ingest-result").textContent();
  assert.match(result, /new, 1 event/);
  assert.match(result, /2024-08-03/);
  await page.waitForFunction(() => document.getElementById("map").dataset.events === "8");
  await screenshot("ingest.png");
});

test("a wrong token is refused with the server's message", { skip }, async () => {
  await openDashboard();
  await page.click("#ingest summary");
  await page.fill("#ingest-form textarea[name=text]", "تظاهر العشرات في مدينة صور.");
  await page.fill("#ingest-form input[name=token]", "not-the-token");
  await page.click("#ingest-form button[type=submit]");
  await page.waitForSelector("#ingest-result .error");
  assert.match(await page.locator("#ingest-result .error").textContent(), /wrong token/);
});
