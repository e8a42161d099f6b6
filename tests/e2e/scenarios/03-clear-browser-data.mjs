// Scenario 3: clearing cookies and site data (CDP) and reloading keeps status
// and reason, and needs no new login: the extension trades the host's device
// token for a one-time console ticket on the login page.
import {
  scenario,
  bootstrap,
  openConsole,
  openPopup,
  popupSetReason,
  waitPopupLabel,
  consoleSelfStatus,
  waitFor,
  check,
  screenshot,
  log,
} from "../lib/harness.mjs";

await scenario("03 clearing cookies and cache loses nothing", async () => {
  const { context, server } = await bootstrap("s3");
  const consolePage = await openConsole(context, server.url);
  const popup = await openPopup(context);
  await popupSetReason(popup, "外出中");
  await waitPopupLabel(popup, "外出中");
  await waitFor(async () => (await consoleSelfStatus(consolePage))?.text === "外出中", {
    timeout: 5000,
    what: "console showing 外出中 before clearing",
  });

  const cdp = await context.newCDPSession(consolePage);
  await cdp.send("Network.clearBrowserCookies");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Storage.clearDataForOrigin", { origin: server.url, storageTypes: "all" });
  const cookies = await context.cookies(server.url);
  check(cookies.length === 0, `cookies still there: ${JSON.stringify(cookies)}`);
  log("cookies and site data cleared; reloading");

  const typed = [];
  consolePage.on("request", (r) => {
    if (r.url().endsWith("/api/v1/auth/login")) typed.push(r.url());
  });
  const tickets = [];
  consolePage.on("request", (r) => {
    if (r.url().includes("/auth/ticket/")) tickets.push(r.url());
  });
  await consolePage.reload();
  // No credentials are typed: the login page (if the console bounced there) restores the session itself.
  await consolePage.waitForSelector('[data-om-self="true"] [data-om-status]', { timeout: 15000 });
  const s = await waitFor(
    async () => {
      const st = await consoleSelfStatus(consolePage);
      return st && st.text === "外出中" ? st : null;
    },
    { timeout: 5000, what: "console showing 外出中 after clearing" },
  );
  log("after reload:", JSON.stringify(s), "tickets used:", tickets.length);
  check(typed.length === 0, "a password login happened");
  check(tickets.length >= 1, "the session was not restored through a console ticket");
  check(s.state === "away_manual" && s.reason === "外出中", `status changed: ${JSON.stringify(s)}`);
  await popup.reload();
  await waitPopupLabel(popup, "外出中");
  await screenshot(consolePage, "console-after-clearing-data");
});
