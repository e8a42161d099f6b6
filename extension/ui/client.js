// A runtime port to the service worker, shared by the popup, the options page
// and the content script. Survives the worker being stopped: it reconnects,
// says hello again and the worker answers with a fresh state snapshot.
(() => {
  const OM = (globalThis.OM = globalThis.OM || {});

  OM.connectClient = (role) => {
    const listeners = new Set();
    const pending = new Map();
    let port = null;
    let rid = 0;
    let closed = false;
    let state = null;
    let pingTimer = null;

    function emit(msg) {
      for (const fn of listeners) {
        try {
          fn(msg);
        } catch (e) {
          console.error(e);
        }
      }
    }

    function open() {
      try {
        port = chrome.runtime.connect({ name: role });
      } catch (e) {
        // the extension was reloaded or removed: this page's context is dead
        emit({ op: "dead", error: String(e && e.message) });
        return;
      }
      port.onMessage.addListener((msg) => {
        if (msg.op === "res") {
          const p = pending.get(msg.rid);
          if (!p) return;
          pending.delete(msg.rid);
          clearTimeout(p.timer);
          if (msg.ok) p.resolve(msg.reply);
          else p.reject(msg.error);
          return;
        }
        if (msg.op === "state") state = msg;
        emit(msg);
      });
      port.onDisconnect.addListener(() => {
        port = null;
        for (const p of pending.values()) {
          clearTimeout(p.timer);
          p.reject({ code: "NOT_CONNECTED", message: "the extension's worker restarted" });
        }
        pending.clear();
        if (!closed) setTimeout(open, 300);
      });
      port.postMessage({ op: "hello", role });
    }

    open();
    // Messages keep the MV3 worker alive and detect a stopped worker early.
    pingTimer = setInterval(() => {
      if (port) {
        try {
          port.postMessage({ op: "ping" });
        } catch {
          // onDisconnect reconnects
        }
      }
    }, 20000);

    return {
      get state() {
        return state;
      },
      on(fn) {
        listeners.add(fn);
        if (state) fn(state);
        return () => listeners.delete(fn);
      },
      request(type, params = {}, timeoutMs = 15000) {
        return new Promise((resolve, reject) => {
          if (!port) {
            reject({ code: "NOT_CONNECTED", message: "worker not connected" });
            return;
          }
          rid += 1;
          const id = rid;
          const timer = setTimeout(() => {
            pending.delete(id);
            reject({ code: "TIMEOUT", message: `${type}: no answer` });
          }, timeoutMs + 2000);
          pending.set(id, { resolve, reject, timer });
          port.postMessage({ op: "req", rid: id, type, params, timeoutMs });
        });
      },
      close() {
        closed = true;
        clearInterval(pingTimer);
        if (port) port.disconnect();
      },
    };
  };
})();
