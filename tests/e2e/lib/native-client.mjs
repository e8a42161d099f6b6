// Speaks native messaging to officemates-host exactly as the browser does:
// spawns it with the extension origin as argv[1] and exchanges 4-byte
// native-endian length + UTF-8 JSON frames over its stdin/stdout.
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { endianness } from "node:os";

const LE = endianness() === "LE";

export class NativeClient extends EventEmitter {
  constructor(hostPath, origin, env = process.env) {
    super();
    this.proc = spawn(hostPath, [origin], { stdio: ["pipe", "pipe", "pipe"], env });
    this.nextId = 1;
    this.pending = new Map();
    this.buf = Buffer.alloc(0);
    this.stderr = "";
    this.proc.stdout.on("data", (d) => this.onData(d));
    this.proc.stderr.on("data", (d) => (this.stderr += d));
    this.proc.on("exit", (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`host exited (${code ?? signal})`));
      this.pending.clear();
      this.emit("exit", code, signal);
    });
  }

  onData(d) {
    this.buf = Buffer.concat([this.buf, d]);
    while (this.buf.length >= 4) {
      const len = LE ? this.buf.readUInt32LE(0) : this.buf.readUInt32BE(0);
      if (this.buf.length < 4 + len) break;
      const msg = JSON.parse(this.buf.subarray(4, 4 + len).toString("utf8"));
      this.buf = this.buf.subarray(4 + len);
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg);
        else {
          const e = new Error(`${msg.error?.code}: ${msg.error?.message}`);
          e.code = msg.error?.code;
          p.reject(e);
        }
      } else if (msg.event) {
        this.emit("event", msg);
      }
    }
  }

  request(type, params = {}, timeoutMs = 15000) {
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify({ ...params, v: 1, id, type }), "utf8");
    const head = Buffer.alloc(4);
    if (LE) head.writeUInt32LE(body.length);
    else head.writeUInt32BE(body.length);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${type}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.proc.stdin.write(Buffer.concat([head, body]));
    });
  }

  close() {
    this.proc.stdin.end();
    setTimeout(() => this.proc.kill("SIGTERM"), 1000).unref();
  }
}
