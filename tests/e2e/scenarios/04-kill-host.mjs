// Scenario 4: killing the host processes (bridge and agent) → the popup shows
// the disconnection, the worker reconnects, the status is unchanged.
import {
  scenario,
  bootstrap,
  openConsole,
  openPopup,
  popupSetReason,
  waitPopupLabel,
  popupStatus,
  hostProcesses,
  killHostProcesses,
  consoleSelfStatus,
  waitFor,
  check,
  screenshot,
  log,
} from "../lib/harness.mjs";

await scenario("04 host killed → reconnect, status unchanged", async () => {
  const { context, server, runtime } = await bootstrap("s4");
  const consolePage = await openConsole(context, server.url);
  const popup = await openPopup(context);
  await popupSetReason(popup, "休憩中");
  await waitPopupLabel(popup, "休憩中");

  // Record what the popup shows while the host is gone.
  await popup.evaluate(() => {
    window.__conn = [];
    const el = document.querySelector('[data-role="conn"]');
    const banner = document.querySelector('[data-role="problem"]');
    const read = () =>
      window.__conn.push({
        t: Date.now(),
        state: el.dataset.state,
        problem: banner.hidden ? "" : banner.dataset.problem,
      });
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  const procs = hostProcesses(runtime);
  log("host processes:", procs.map((p) => `${p.pid} ${p.cmd}`).join(" | "));
  check(
    procs.some((p) => /agent/.test(p.cmd)),
    "no agent process found for this test",
  );
  check(
    procs.some((p) => /officemates-host /.test(p.cmd) && p.cmd.includes("chrome-extension://")),
    "no bridge process found",
  );
  killHostProcesses(runtime, "SIGKILL");
  log("killed", procs.length, "processes");

  const seen = await waitFor(
    async () => {
      const c = await popup.evaluate(() => window.__conn);
      return c.some((x) => x.state !== "connected" || x.problem) ? c : null;
    },
    { timeout: 5000, what: "the popup to show the disconnection" },
  );
  log("popup showed:", JSON.stringify(seen.filter((x) => x.state !== "connected" || x.problem).slice(0, 3)));
  await waitFor(async () => (await popupStatus(popup)).conn === "connected" && !(await popupStatus(popup)).problem, {
    timeout: 15000,
    what: "the worker to reconnect",
  });
  const after = await popupStatus(popup);
  log("after reconnect:", JSON.stringify(after));
  check(after.label === "休憩中", `status after reconnect: ${after.label}`);
  check(
    hostProcesses(runtime).some((p) => /agent/.test(p.cmd)),
    "the agent was not restarted",
  );
  await waitFor(async () => (await consoleSelfStatus(consolePage))?.text === "休憩中", {
    timeout: 5000,
    what: "console still showing 休憩中",
  });
  await screenshot(popup, "popup-after-host-restart");
});
