// Extra: the host manifest does not allow this extension's ID → the popup says
// "forbidden" (not "not installed") and shows the command that fixes it.
import {
  scenario,
  tempDir,
  launchBrowser,
  openPopup,
  popupStatus,
  waitFor,
  check,
  screenshot,
  log,
  EXTENSION_ID,
} from "../lib/harness.mjs";

await scenario("08 host forbids this extension", async () => {
  const dir = tempDir("s8");
  // The host is registered for some other extension only (as a stale install would be).
  const { context } = await launchBrowser({
    dir,
    allowedOrigins: ["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"],
  });
  const popup = await openPopup(context);
  const s = await waitFor(
    async () => {
      const st = await popupStatus(popup);
      return st.problem === "forbidden" ? st : null;
    },
    { timeout: 20000, what: "the popup to report forbidden" },
  );
  log("popup:", JSON.stringify(s));
  const cmd = await popup.locator('[data-role="install-command"]').textContent();
  check(cmd.includes(`--extension-id ${EXTENSION_ID}`), `fix command does not name this ID: ${cmd}`);
  await screenshot(popup, "popup-host-forbidden");
});
