// The OfficeMates dialog (REFERENCE.md: 離席事由, プロフィール画像, 閉じる /
// 離席事由解除 / 保存), shared by the toolbar popup and the console page (inside
// a shadow root there). Popup mode adds the face enrolment panel and footer.
(() => {
  const OM = (globalThis.OM = globalThis.OM || {});
  const t = (...a) => OM.t(...a);

  const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
  const MAX_IMAGE_SIDE = 300;
  const PREVIEW_INTERVAL_MS = 333;
  const ENROL_FRAMES = 20;

  /** h("button", {class: "x", onclick}, "text", child) */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) el.append(c);
    return el;
  }

  /**
   * Checks a PNG the way the server will (signature, IHDR size) before upload.
   * Resolves {ok, width, height, bytes, base64} or {ok:false, message}.
   */
  OM.checkPng = async (file) => {
    const buf = new Uint8Array(await file.arrayBuffer());
    const isPng = buf.length >= 24 && PNG_SIGNATURE.every((b, i) => buf[i] === b);
    const isIhdr = isPng && String.fromCharCode(...buf.slice(12, 16)) === "IHDR";
    if (!isPng || !isIhdr) return { ok: false, message: t("img_not_png") };
    if (buf.length > MAX_IMAGE_BYTES) return { ok: false, message: t("img_too_big", OM.formatBytes(buf.length)) };
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const width = dv.getUint32(16);
    const height = dv.getUint32(20);
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width === 0 || height === 0) {
      return { ok: false, message: t("img_too_large_dim", width, height) };
    }
    let bin = "";
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return { ok: true, width, height, bytes: buf.length, base64: btoa(bin) };
  };

  /**
   * Builds the dialog into `container` and wires it to `client` (OM.connectClient).
   * options.mode: "popup" | "console"; options.onClose: called by 閉じる / Escape.
   * Returns {element, destroy, focus}.
   */
  OM.createDialog = (container, client, { mode = "popup", onClose = () => {} } = {}) => {
    const uid = `om${Math.random().toString(36).slice(2, 8)}`;
    let status = null;
    let conn = null;
    let reasons = [];
    let reasonsLoaded = false;
    let userTouchedReason = false;
    let image = null; // checked PNG waiting for 保存
    let busy = false;
    let previewTimer = null;
    let previewInFlight = false;
    let enrolling = false;
    let extensionId = "";

    const el = {};
    el.conn = h("span", { class: "om-conn", "data-role": "conn", "aria-live": "polite" });
    el.bannerTitle = h("p", { class: "om-banner-title" });
    el.bannerFix = h("p", { class: "om-banner-fix" });
    el.bannerCode = h("code", { "data-role": "install-command" });
    el.copyBtn = h("button", { class: "om-btn om-btn-small", type: "button", onclick: copyCommand }, t("btn_copy"));
    el.bannerCmd = h("div", { class: "om-cmd" }, el.bannerCode, el.copyBtn);
    el.retryBtn = h(
      "button",
      { class: "om-btn om-btn-small", type: "button", "data-role": "retry", onclick: retry },
      t("btn_retry"),
    );
    el.banner = h(
      "div",
      { class: "om-banner", role: "alert", "data-role": "problem", hidden: true },
      el.bannerTitle,
      el.bannerFix,
      el.bannerCmd,
      h("div", { class: "om-row" }, el.retryBtn),
    );
    el.statusLabel = h("div", { class: "om-status-label", "data-role": "status-label" }, t("status_unknown"));
    el.since = h("div", { class: "om-since", "data-role": "since" });
    el.status = h(
      "div",
      { class: "om-status", "data-role": "status", "data-tone": "unknown", role: "status", "aria-live": "polite" },
      h("span", { class: "om-dot", "aria-hidden": "true" }),
      h("div", {}, el.statusLabel, el.since),
    );
    el.select = h("select", { class: "om-select", id: `${uid}-reason`, "data-role": "reason" });
    el.select.addEventListener("change", () => {
      userTouchedReason = true;
    });
    el.thumb = h("img", { class: "om-thumb", alt: "", hidden: true });
    el.fileInput = h("input", {
      type: "file",
      accept: "image/png,.png",
      "data-role": "image-input",
      "aria-describedby": `${uid}-imghint`,
      onchange: onFile,
    });
    el.fileName = h("span", { class: "om-file-name" }, t("img_none"));
    el.imgMsg = h("p", { class: "om-msg", "data-role": "image-message", role: "status" });
    el.msg = h("p", { class: "om-msg", "data-role": "message", role: "status", "aria-live": "polite" });
    el.closeBtn = h(
      "button",
      { class: "om-btn", type: "button", "data-role": "close", onclick: () => onClose() },
      t("btn_close"),
    );
    el.clearBtn = h(
      "button",
      { class: "om-btn", type: "button", "data-role": "clear", onclick: clearReason },
      t("btn_clear"),
    );
    el.saveBtn = h(
      "button",
      { class: "om-btn om-btn-primary", type: "button", "data-role": "save", onclick: save },
      t("btn_save"),
    );

    const body = h(
      "div",
      { class: "om-body" },
      el.banner,
      el.status,
      h(
        "div",
        { class: "om-field" },
        h("label", { class: "om-label", for: `${uid}-reason` }, t("label_reason")),
        el.select,
      ),
      h(
        "div",
        { class: "om-field", role: "group", "aria-labelledby": `${uid}-imglabel` },
        h("span", { class: "om-label", id: `${uid}-imglabel` }, t("label_profile_image")),
        h(
          "div",
          { class: "om-image-row" },
          el.thumb,
          h("label", { class: "om-file" }, t("img_choose"), el.fileInput),
          el.fileName,
        ),
        h("p", { class: "om-hint", id: `${uid}-imghint` }, t("profile_hint")),
        el.imgMsg,
      ),
    );

    if (mode === "popup") body.append(buildEnrolment());
    body.append(el.msg);

    const dialog = h(
      "section",
      {
        class: "om-dialog",
        role: mode === "console" ? "dialog" : "main",
        "aria-modal": mode === "console" ? "true" : null,
        "aria-labelledby": `${uid}-title`,
        "data-role": "dialog",
      },
      h(
        "header",
        { class: "om-head" },
        h("span", { class: "om-logo", "aria-hidden": "true" }),
        h("h1", { class: "om-title", id: `${uid}-title` }, t("dialogTitle")),
        el.conn,
      ),
      body,
      h("footer", { class: "om-actions" }, el.closeBtn, el.clearBtn, el.saveBtn),
    );
    if (mode === "popup") dialog.append(buildFooter());
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      }
    });
    container.append(dialog);

    function buildEnrolment() {
      el.preview = h("div", { class: "om-preview", "data-role": "preview" }, t("preview_off"));
      el.progress = h("progress", {
        class: "om-progress",
        max: String(ENROL_FRAMES),
        value: "0",
        "data-role": "enrol-progress",
        "aria-label": t("enroll_title"),
      });
      el.progressText = h("span", { class: "om-progress-text", "data-role": "enrol-progress-text" });
      el.enrolStart = h(
        "button",
        {
          class: "om-btn om-btn-small om-btn-primary",
          type: "button",
          "data-role": "enrol-start",
          onclick: enrolStart,
        },
        t("enroll_start"),
      );
      el.enrolCancel = h(
        "button",
        {
          class: "om-btn om-btn-small",
          type: "button",
          "data-role": "enrol-cancel",
          onclick: enrolCancel,
          disabled: true,
        },
        t("enroll_cancel"),
      );
      el.enrolClear = h(
        "button",
        { class: "om-btn om-btn-small", type: "button", "data-role": "enrol-clear", onclick: enrolClear },
        t("enroll_clear"),
      );
      el.enrolMsg = h("p", { class: "om-msg", "data-role": "enrol-message", role: "status" });
      el.enrol = h(
        "details",
        { class: "om-enrol", "data-role": "enrolment" },
        h("summary", {}, t("enroll_title")),
        h(
          "div",
          { class: "om-enrol-body" },
          h("p", { class: "om-hint" }, t("enroll_hint")),
          el.preview,
          el.progress,
          h("div", { class: "om-row" }, el.enrolStart, el.enrolCancel, el.enrolClear, el.progressText),
          el.enrolMsg,
        ),
      );
      el.enrol.addEventListener("toggle", () => (el.enrol.open ? startPreview() : stopPreview()));
      return el.enrol;
    }

    function buildFooter() {
      el.sync = h("span", { "data-role": "sync" });
      const settings = h(
        "a",
        {
          href: chrome.runtime.getURL("options.html"),
          "data-role": "open-settings",
          onclick: (e) => {
            e.preventDefault();
            chrome.runtime.openOptionsPage();
          },
        },
        t("open_settings"),
      );
      return h("div", { class: "om-foot" }, el.sync, settings);
    }

    function say(target, kind, text) {
      target.dataset.kind = kind;
      target.textContent = text;
    }

    function renderStatus() {
      const down = conn && conn.state === "down";
      el.statusLabel.textContent = status
        ? OM.statusLabel(status)
        : down
          ? t("status_disconnected")
          : t("status_unknown");
      el.status.dataset.tone = OM.statusTone(status);
      el.status.dataset.state = status ? status.state : "";
      el.since.textContent = status ? OM.formatSince(OM.sinceMs(status)) : "";
      el.clearBtn.disabled = busy || !status || status.state !== "away_manual";
      if (!userTouchedReason) syncSelect();
    }

    function renderConn() {
      const c = conn || { state: "connecting" };
      el.conn.dataset.state = c.state;
      el.conn.textContent =
        c.state === "connected"
          ? t("conn_connected")
          : c.state === "down"
            ? t("status_disconnected")
            : t("conn_connecting");
      const p = c.problem ? OM.problemText(c.problem, extensionId || chrome.runtime.id) : null;
      el.banner.hidden = !p;
      el.banner.dataset.problem = c.problem || "";
      if (p) {
        el.banner.dataset.kind = c.problem === "not_installed" || c.problem === "forbidden" ? "error" : "warn";
        el.bannerTitle.textContent = p.title;
        el.bannerFix.textContent = p.fix;
        el.bannerFix.hidden = !p.fix;
        el.bannerCode.textContent = p.command;
        el.bannerCmd.hidden = !p.command;
      }
      const usable = c.state === "connected" && !c.problem;
      for (const b of [el.saveBtn, el.select]) b.disabled = busy || !usable;
      el.clearBtn.disabled = busy || !usable || !status || status.state !== "away_manual";
    }

    function renderSync(sync) {
      if (!el.sync) return;
      if (!sync) el.sync.textContent = "";
      else el.sync.textContent = sync.ok ? t("sync_ok") : t("sync_queued", sync.queued || 0);
    }

    function syncSelect() {
      const current = status && status.state === "away_manual" ? status.reason : "";
      const values = ["", ...reasons];
      if (current && !values.includes(current)) values.push(current);
      const existing = [...el.select.options].map((o) => o.value);
      if (JSON.stringify(existing) !== JSON.stringify(values)) {
        el.select.replaceChildren(...values.map((v) => h("option", { value: v }, v === "" ? t("status_present") : v)));
      }
      el.select.value = current;
    }

    async function loadReasons() {
      try {
        const reply = await client.request("reasons.get");
        reasons = Array.isArray(reply.reasons) ? reply.reasons.filter((r) => typeof r === "string") : [];
        reasonsLoaded = true;
        syncSelect();
        if (reply.cached) say(el.msg, "info", t("reasons_offline"));
      } catch (err) {
        syncSelect();
        say(el.msg, "error", OM.errorText(err));
      }
    }

    async function withBusy(fn) {
      if (busy) return;
      busy = true;
      renderConn();
      try {
        await fn();
      } finally {
        busy = false;
        renderConn();
        renderStatus();
      }
    }

    function save() {
      return withBusy(async () => {
        const wanted = el.select.value;
        const current = status && status.state === "away_manual" ? status.reason : "";
        const done = [];
        try {
          if (image) {
            say(el.imgMsg, "info", "…");
            await client.request("profile.image.set", { png_base64: image.base64 }, 30000);
            say(el.imgMsg, "ok", t("img_saved"));
            image = null;
            el.fileInput.value = "";
            done.push(t("img_saved"));
          }
          if (wanted !== current) {
            if (wanted === "") {
              setStatusLocal(OM.pickStatus(await client.request("away.clear")));
              done.push(t("cleared"));
            } else {
              setStatusLocal(OM.pickStatus(await client.request("away.set", { reason: wanted })));
              done.push(t("saved_reason", wanted));
            }
          }
          userTouchedReason = false;
          say(el.msg, "ok", done.length ? done.join(" ") : t("nothing_to_save"));
          if (mode === "console" && done.length) setTimeout(() => onClose(), 600);
        } catch (err) {
          say(el.msg, "error", OM.errorText(err));
          if (image && el.imgMsg.dataset.kind === "info") say(el.imgMsg, "error", OM.errorText(err));
        }
      });
    }

    function clearReason() {
      return withBusy(async () => {
        try {
          setStatusLocal(OM.pickStatus(await client.request("away.clear")));
          userTouchedReason = false;
          el.select.value = "";
          say(el.msg, "ok", t("cleared"));
        } catch (err) {
          say(el.msg, "error", OM.errorText(err));
        }
      });
    }

    function setStatusLocal(next) {
      if (next) {
        status = next;
        renderStatus();
      }
    }

    async function onFile() {
      image = null;
      const file = el.fileInput.files && el.fileInput.files[0];
      el.fileName.textContent = file ? file.name : t("img_none");
      if (!file) {
        el.imgMsg.textContent = "";
        return;
      }
      const checked = await OM.checkPng(file);
      if (!checked.ok) {
        say(el.imgMsg, "error", checked.message);
        el.thumb.hidden = true;
        el.fileInput.value = "";
        return;
      }
      image = checked;
      el.thumb.src = `data:image/png;base64,${checked.base64}`;
      el.thumb.hidden = false;
      say(el.imgMsg, "info", t("img_ok", checked.width, checked.height, OM.formatBytes(checked.bytes)));
    }

    async function copyCommand() {
      try {
        await navigator.clipboard.writeText(el.bannerCode.textContent);
        el.copyBtn.textContent = t("copied");
        setTimeout(() => (el.copyBtn.textContent = t("btn_copy")), 1500);
      } catch {
        // clipboard refused: the command is selectable text anyway
      }
    }

    function retry() {
      client.request("worker.retry").catch(() => {});
    }

    // --- enrolment (popup only) ---
    function startPreview() {
      stopPreview();
      if (el.enrol.dataset.unavailable === "true") return;
      const tick = async () => {
        if (previewInFlight) return;
        previewInFlight = true;
        try {
          const reply = await client.request("preview.frame", {}, 3000);
          const b64 = reply.jpeg_base64 || reply.jpeg || reply.image || reply.frame;
          if (b64) {
            let img = el.preview.querySelector("img");
            if (!img) {
              img = h("img", { alt: t("preview_alt") });
              el.preview.replaceChildren(img);
            }
            img.src = `data:image/jpeg;base64,${b64}`;
          }
        } catch (err) {
          el.preview.replaceChildren(t("preview_off"));
          if (!enrolling) say(el.enrolMsg, "error", OM.errorText(err));
        } finally {
          previewInFlight = false;
        }
      };
      tick();
      previewTimer = setInterval(tick, PREVIEW_INTERVAL_MS);
    }

    function stopPreview() {
      clearInterval(previewTimer);
      previewTimer = null;
    }

    function setEnrolling(on) {
      enrolling = on;
      el.enrolStart.disabled = on;
      el.enrolCancel.disabled = !on;
      el.enrolClear.disabled = on;
    }

    function showProgress(done, total) {
      el.progress.max = total || ENROL_FRAMES;
      el.progress.value = done || 0;
      el.progressText.textContent = t("enroll_progress", done || 0, total || ENROL_FRAMES);
    }

    async function enrolStart() {
      setEnrolling(true);
      showProgress(0, ENROL_FRAMES);
      el.enrolMsg.textContent = "";
      try {
        const reply = await client.request("enroll.start", { frames: ENROL_FRAMES }, 180000);
        // The host answers at once ({frames}); enroll.progress events follow,
        // the last one with complete:true. A host that answers at the end says so.
        if (reply.complete || reply.enrolled) finishEnrol();
      } catch (err) {
        setEnrolling(false);
        say(el.enrolMsg, "error", OM.errorText(err));
      }
    }

    function finishEnrol() {
      setEnrolling(false);
      say(el.enrolMsg, "ok", t("enroll_done"));
    }

    async function enrolCancel() {
      try {
        await client.request("enroll.cancel");
        say(el.enrolMsg, "info", t("enroll_cancelled"));
      } catch (err) {
        say(el.enrolMsg, "error", OM.errorText(err));
      }
      setEnrolling(false);
    }

    async function enrolClear() {
      try {
        await client.request("enroll.clear");
        showProgress(0, ENROL_FRAMES);
        say(el.enrolMsg, "ok", t("enroll_cleared"));
      } catch (err) {
        say(el.enrolMsg, "error", OM.errorText(err));
      }
    }

    /** Verbs this host build cannot serve (hello.unavailable): say so instead of failing later. */
    function renderCapabilities(hello) {
      if (!el.enrol || !hello || !Array.isArray(hello.unavailable)) return;
      const missing = hello.unavailable.includes("enroll.start");
      el.enrol.dataset.unavailable = missing ? "true" : "";
      if (missing && !enrolling) {
        el.enrolStart.disabled = true;
        el.enrolClear.disabled = true;
        say(el.enrolMsg, "info", OM.errorText({ code: "UNAVAILABLE", message: t("enroll_title") }));
      }
    }

    function onEvent(ev) {
      if (ev.event === "enroll.progress" && el.progress) {
        showProgress(ev.done, ev.total);
        if (ev.message || ev.skipped_reason) say(el.enrolMsg, "info", ev.message || ev.skipped_reason);
        if (ev.error) say(el.enrolMsg, "error", OM.errorText(ev.error));
        if (ev.error) setEnrolling(false);
        else if (ev.complete) finishEnrol();
      } else if (ev.event === "camera.error") {
        // CAMERA_UNAVAILABLE, NOT_ENROLLED, MODEL_MISSING…: say what to do, where the user looks
        const text = OM.errorText({ code: ev.code || "CAMERA_UNAVAILABLE", message: ev.message });
        say(el.enrolMsg && el.enrol.open ? el.enrolMsg : el.msg, "error", text);
      } else if (ev.event === "reasons" && Array.isArray(ev.reasons)) {
        reasons = ev.reasons;
        syncSelect();
      } else if (ev.event === "server.sync") {
        renderSync({ ok: !!ev.ok, queued: ev.queued || 0 });
      }
    }

    let wasConnected = false;
    const off = client.on((msg) => {
      if (msg.op === "state") {
        extensionId = msg.extensionId || extensionId;
        conn = msg.conn;
        if (msg.status) status = msg.status;
        renderConn();
        renderStatus();
        renderSync(msg.sync);
        const ready = conn.state === "connected" && !conn.problem;
        renderCapabilities(conn.hello);
        if (ready && (!wasConnected || !reasonsLoaded)) loadReasons();
        if (ready && !wasConnected && el.enrol && el.enrol.open) startPreview();
        wasConnected = ready;
      } else if (msg.op === "event") {
        onEvent(msg.event);
      }
    });
    const clock = setInterval(() => status && (el.since.textContent = OM.formatSince(OM.sinceMs(status))), 30000);
    renderConn();
    renderStatus();

    return {
      element: dialog,
      focus: () => el.select.focus(),
      reload: () => loadReasons(),
      destroy() {
        off();
        stopPreview();
        clearInterval(clock);
        dialog.remove();
      },
    };
  };
})();
