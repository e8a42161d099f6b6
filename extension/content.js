// Content script on the cloud office pages (server/web/README.md contract).
// Console page: monitor.start/stop through the worker (it counts the tabs), a
// live status chip on the user's own icon, and the OfficeMates dialog in a
// shadow root when the user clicks that icon. Login page: if the host is
// logged in to this server, trade its device token for a one-time console
// ticket so clearing cookies never forces a new login.
(() => {
  const OM = globalThis.OM;
  if (!OM || globalThis.__officematesContent) return;
  globalThis.__officematesContent = true;

  const page = document.body && document.body.dataset.omPage;
  if (page !== "console" && page !== "login") return;

  document.documentElement.dataset.omExtension = "1";
  document.dispatchEvent(
    new CustomEvent("officemates:enhanced", { detail: { version: chrome.runtime.getManifest().version } }),
  );

  if (page === "login") {
    restoreSession();
    return;
  }

  const client = OM.connectClient("console");
  let status = null;
  let chipHost = null;
  let chip = null;
  let dialogHost = null;
  let dialog = null;
  let lastFocus = null;

  client.on((msg) => {
    if (msg.op === "state") {
      if (msg.status) status = msg.status;
      renderChip(msg.conn);
    } else if (msg.op === "event" && msg.event.event === "status") {
      status = OM.pickStatus(msg.event) || status;
      renderChip(client.state && client.state.conn);
    } else if (msg.op === "dead") {
      if (chipHost) chipHost.remove();
    }
  });

  /** The own member element: [data-om-self="true"]. */
  const selfEl = () => document.querySelector('[data-om-self="true"]');

  function ensureChip() {
    const own = selfEl();
    if (!own) return null;
    if (chipHost && chipHost.isConnected && own.contains(chipHost)) return chip;
    chipHost = document.createElement("officemates-chip");
    chipHost.setAttribute("data-om-extension-chip", "");
    const shadow = chipHost.attachShadow({ mode: "closed" });
    adopt(shadow);
    chip = document.createElement("span");
    chip.className = "om-chip";
    chip.setAttribute("role", "status");
    chip.title = OM.t("chip_title");
    shadow.append(chip);
    const anchor = own.querySelector("[data-om-status]");
    if (anchor && anchor.parentElement) anchor.parentElement.insertBefore(chipHost, anchor.nextSibling);
    else own.append(chipHost);
    return chip;
  }

  function renderChip(conn) {
    const c = ensureChip();
    if (!c) return;
    const broken = conn && (conn.state === "down" || (conn.problem && conn.problem !== "agent_unavailable"));
    if (broken) {
      c.dataset.tone = "offline";
      c.textContent = `OfficeMates: ${OM.t("status_disconnected")}`;
    } else {
      c.dataset.tone = OM.statusTone(status);
      // the page shows the server's view; the chip adds how this PC decided it
      const how = status ? OM.t(status.origin === "manual" ? "chip_manual" : "chip_auto") : "";
      c.textContent = status ? `${OM.statusLabel(status)} · ${how}` : OM.statusLabel(status);
    }
    chipHost.dataset.omState = status ? status.state : "";
  }

  function adopt(root) {
    try {
      OM.adoptStyles(root);
    } catch {
      const style = document.createElement("style");
      style.textContent = OM.DIALOG_CSS;
      root.append(style);
    }
  }

  function openDialog() {
    if (dialogHost) return;
    lastFocus = document.activeElement;
    dialogHost = document.createElement("officemates-dialog");
    dialogHost.setAttribute("data-om-extension-dialog", "");
    const shadow = dialogHost.attachShadow({ mode: "open" });
    adopt(shadow);
    const overlay = document.createElement("div");
    overlay.className = "om-root om-overlay";
    overlay.addEventListener("mousedown", (e) => {
      if (e.target === overlay) closeDialog();
    });
    shadow.append(overlay);
    dialog = OM.createDialog(overlay, client, { mode: "console", onClose: closeDialog });
    document.documentElement.append(dialogHost);
    dialog.focus();
  }

  function closeDialog() {
    if (!dialogHost) return;
    dialog.destroy();
    dialogHost.remove();
    dialogHost = null;
    dialog = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  // Capture phase: our dialog replaces the page's own one for the user's icon.
  document.addEventListener(
    "click",
    (e) => {
      const own = selfEl();
      if (!own || !(e.target instanceof Node) || !own.contains(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      openDialog();
    },
    true,
  );

  // The roster re-renders (SSE, resync): put the chip back when it goes.
  new MutationObserver(() => {
    if (!chipHost || !chipHost.isConnected) renderChip(client.state && client.state.conn);
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("officemates:ready", () => renderChip(client.state && client.state.conn));

  async function restoreSession() {
    const params = new URLSearchParams(location.search);
    if (params.get("error") === "ticket") return; // a ticket just failed: let the user log in
    const client = OM.connectClient("login");
    try {
      const reply = await client.request("console.ticket", {}, 20000);
      const url = new URL(reply.url, location.origin);
      if (url.origin !== location.origin) return;
      const next = params.get("next");
      if (next && next.startsWith("/") && !next.startsWith("//")) url.searchParams.set("next", next);
      location.replace(url.href);
    } catch (err) {
      // not logged in, other server, host missing: the normal login form stays
      console.info("OfficeMates: no session restore:", err && (err.code || err.message));
    } finally {
      client.close();
    }
  }
})();
