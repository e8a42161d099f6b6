// Scenario 7: the admin changes the group's reasons in the admin page (離席事由設定)
// → the popup's drop-down shows the new list, nothing reinstalled.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { join } from "node:path";
import {
  scenario,
  bootstrap,
  openPopup,
  popupStatus,
  waitFor,
  check,
  screenshot,
  log,
  api,
  ADMIN,
  SOURCE_DIR,
  CHROMIUM,
  onCleanup,
} from "../lib/harness.mjs";

const NEW_REASONS = ["休憩中", "昼食中", "会議中", "来客対応中"];

await scenario("07 admin edits reasons → popup drop-down", async () => {
  const { context, server } = await bootstrap("s7");
  let popup = await openPopup(context);
  await waitFor(async () => (await popupStatus(popup)).options.includes("昼食中"), {
    timeout: 15000,
    what: "initial reasons in the popup",
  });
  const before = (await popupStatus(popup)).options;
  log("before:", before.join(", "));
  await popup.close();

  const adminPage = join(SOURCE_DIR, "server", "web", "admin", "reasons.html");
  check(existsSync(adminPage), `dependency missing: the admin page ${adminPage} is not there yet`);
  // The admin works in their own browser (no extension, no host): the staff
  // profile's extension would restore the staff session on /login.
  const adminBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ja"],
    env: { ...process.env, LANGUAGE: "ja" },
  });
  onCleanup(() => adminBrowser.close());
  const adminContext = await adminBrowser.newContext({ locale: "ja-JP", viewport: { width: 1200, height: 800 } });
  const page = await adminContext.newPage();
  await page.goto(`${server.url}/login?next=/admin/reasons`);
  await page.fill("#email", ADMIN.email);
  await page.fill("#password", ADMIN.password);
  await page.click("#login-submit");
  await page.waitForURL(/\/admin\/reasons/, { timeout: 10000 });
  await driveReasonsPage(page, NEW_REASONS);
  await screenshot(page, "admin-reasons-updated");

  // Server side truth, checked through the API with the admin session.
  const cookie = (await adminContext.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
  const groups = await api(server.url, "GET", "/api/v1/admin/groups", { cookie });
  const g = groups.json.items.find((x) => x.name === "営業部");
  const stored = await api(server.url, "GET", `/api/v1/admin/groups/${g.id}/reasons`, { cookie });
  check(
    JSON.stringify(stored.json.reasons) === JSON.stringify(NEW_REASONS),
    `server has ${JSON.stringify(stored.json)}`,
  );

  popup = await openPopup(context);
  const after = await waitFor(
    async () => {
      const o = (await popupStatus(popup)).options;
      return o.includes("来客対応中") ? o : null;
    },
    { timeout: 10000, what: "the new reasons in the popup's drop-down" },
  );
  log("after:", after.join(", "));
  check(JSON.stringify(after) === JSON.stringify(["在席中", ...NEW_REASONS]), `drop-down shows ${after.join(", ")}`);
  await screenshot(popup, "popup-new-reasons");
});

/** 離席事由設定: pick 営業部, 検索, edit the rows to `reasons`, 更新 → 更新が完了しました。 */
async function driveReasonsPage(page, reasons) {
  const groupSelect = page.locator("#group-select");
  await groupSelect.waitFor({ timeout: 10000 });
  await waitFor(async () => (await groupSelect.locator("option").count()) > 0, { what: "group list" });
  const labels = await groupSelect.locator("option").allTextContents();
  await groupSelect.selectOption({ label: labels.find((l) => l.includes("営業部")) });
  await page.click("#group-search");
  const rows = () => page.locator("#reasons-body input[data-reason]");
  await waitFor(async () => (await rows().count()) > 0, { what: "reason rows" });
  await screenshot(page, "admin-reasons-before");
  while ((await rows().count()) < reasons.length) await page.click("#add-row");
  const n = await rows().count();
  for (let i = 0; i < n; i += 1)
    await rows()
      .nth(i)
      .fill(reasons[i] || "");
  await page.click("#reasons-update");
  await page.getByText("更新が完了しました。").waitFor({ timeout: 10000 });
  log("admin page: 更新が完了しました。");
}
