// The single native messaging port (DESIGN.md section 7). Owns request ids,
// matches replies, times requests out, reconnects with backoff while anyone
// wants the connection, and reports what went wrong in a way the UI can explain.
import { HOST_NAME, Problem, classifyDisconnect, errorOf } from "./errors.js";

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 15000];
const DEFAULT_TIMEOUT_MS = 10000;

export class HostConnection {
  /**
   * @param {object} hooks
   * @param {(event: object) => void} hooks.onEvent unsolicited host events
   * @param {(conn: object) => void} hooks.onConnChange connection snapshot changed
   * @param {() => Promise<void>} hooks.onReady called after every successful hello
   */
  constructor({ onEvent, onConnChange, onReady }) {
    this.onEvent = onEvent;
    this.onConnChange = onConnChange;
    this.onReady = onReady;
    this.port = null;
    this.nextId = 1;
    this.pending = new Map();
    this.wanted = false;
    this.state = "idle"; // idle | connecting | connected | down
    this.problem = null; // Problem.* or null
    this.detail = "";
    this.hello = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.sawForbiddenReply = false;
    this.readyWaiters = [];
  }

  snapshot() {
    return {
      state: this.state,
      problem: this.problem,
      detail: this.detail,
      hello: this.hello,
      retryInMs: this.retryAt ? Math.max(0, this.retryAt - Date.now()) : 0,
    };
  }

  setWanted(wanted) {
    this.wanted = wanted;
    if (wanted && !this.port && !this.retryTimer) this.connect();
    if (!wanted && this.port) this.close();
  }

  /** Reconnect now (user pressed 再接続, or a client woke the worker up). */
  retryNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    if (!this.port) this.connect();
  }

  connect() {
    this.retryTimer = null;
    this.retryAt = 0;
    this.sawForbiddenReply = false;
    this.setState("connecting");
    let port;
    try {
      port = chrome.runtime.connectNative(HOST_NAME);
    } catch (e) {
      this.handleDrop(String(e && e.message));
      return;
    }
    this.port = port;
    port.onMessage.addListener((msg) => this.handleMessage(msg));
    port.onDisconnect.addListener(() => {
      const message = chrome.runtime.lastError ? chrome.runtime.lastError.message : "";
      if (this.port === port) this.handleDrop(message);
    });
    this.greet(port);
  }

  /** hello round trip: only it proves the host (and its agent) answers. */
  greet(port) {
    this.send("hello", { client: "officemates-extension", version: chrome.runtime.getManifest().version }, 8000)
      .then(async (reply) => {
        this.hello = reply;
        this.attempt = 0;
        this.problem = null;
        this.detail = "";
        this.setState("connected");
        this.readyWaiters.splice(0).forEach((w) => w.resolve());
        await this.onReady();
      })
      .catch((err) => {
        if (this.port !== port || !err || err.code === "NOT_CONNECTED") return; // onDisconnect reports it
        if (err.code === "FORBIDDEN_ORIGIN") {
          this.sawForbiddenReply = true;
          this.problem = Problem.FORBIDDEN;
        } else if (err.code === "AGENT_UNAVAILABLE" || err.code === "TIMEOUT") {
          this.problem = Problem.AGENT_UNAVAILABLE;
          setTimeout(() => this.port === port && this.state !== "connected" && this.greet(port), 2000);
        } else {
          this.problem = Problem.HOST_ERROR;
        }
        this.detail = err.message;
        this.setState("connecting");
      });
  }

  close() {
    const port = this.port;
    this.port = null;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = 0;
    this.failPending("NOT_CONNECTED", "closed");
    if (port) port.disconnect();
    this.problem = null;
    this.setState("idle");
  }

  handleDrop(message) {
    this.port = null;
    this.hello = null;
    let problem = classifyDisconnect(message);
    if (this.sawForbiddenReply) problem = Problem.FORBIDDEN;
    this.problem = problem;
    this.detail = message;
    this.failPending("NOT_CONNECTED", message || "disconnected");
    this.readyWaiters.splice(0).forEach((w) => w.reject(errorOf("NOT_CONNECTED", message)));
    if (this.wanted) {
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
      this.attempt += 1;
      this.retryAt = Date.now() + delay;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    }
    this.setState("down");
  }

  handleMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.id !== undefined && msg.id !== null && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg);
      else {
        const error = msg.error || errorOf("INTERNAL", "malformed error reply");
        if (error.code === "FORBIDDEN_ORIGIN") this.sawForbiddenReply = true;
        p.reject(errorOf(error.code, error.message));
      }
      return;
    }
    if (typeof msg.event === "string") {
      if (msg.event === "agent") {
        if (msg.connected === false) {
          this.problem = Problem.AGENT_UNAVAILABLE;
          this.setState(this.state);
        } else if (msg.connected === true && this.problem === Problem.AGENT_UNAVAILABLE) {
          if (this.state === "connected") {
            this.problem = null;
            this.setState("connected");
            this.onReady().catch(() => {});
          } else if (this.port) {
            this.greet(this.port);
          }
        }
      }
      this.onEvent(msg);
      return;
    }
    if (msg.ok === false && msg.error) {
      // an error without a known id (e.g. the host refused the caller at start)
      if (msg.error.code === "FORBIDDEN_ORIGIN") {
        this.sawForbiddenReply = true;
        this.problem = Problem.FORBIDDEN;
        this.detail = msg.error.message;
        this.setState(this.state);
      }
    }
  }

  setState(state) {
    this.state = state;
    this.onConnChange(this.snapshot());
  }

  failPending(code, message) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(errorOf(code, message));
    }
    this.pending.clear();
  }

  waitReady(timeoutMs) {
    if (this.state === "connected") return Promise.resolve();
    if (!this.wanted) return Promise.reject(errorOf("NOT_CONNECTED", "not connected"));
    if (!this.port && !this.retryTimer) this.connect();
    return new Promise((resolve, reject) => {
      const w = { resolve, reject };
      this.readyWaiters.push(w);
      setTimeout(() => {
        const i = this.readyWaiters.indexOf(w);
        if (i >= 0) {
          this.readyWaiters.splice(i, 1);
          reject(errorOf("NOT_CONNECTED", this.detail || "not connected"));
        }
      }, timeoutMs);
    });
  }

  /** Sends a request once the host is ready; resolves with the ok reply. */
  async request(type, params = {}, timeoutMs = DEFAULT_TIMEOUT_MS) {
    await this.waitReady(Math.min(timeoutMs, 5000));
    return this.send(type, params, timeoutMs);
  }

  send(type, params, timeoutMs) {
    const port = this.port;
    if (!port) return Promise.reject(errorOf("NOT_CONNECTED", this.detail || "not connected"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(errorOf("TIMEOUT", `no reply to ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        port.postMessage({ ...params, v: 1, id, type });
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(errorOf("NOT_CONNECTED", String(e && e.message)));
      }
    });
  }
}
