/* global process, Buffer, console, URL */
// Development-only stand-in for officemates-server, following server/openapi.yaml,
// used to iterate on the pages before the real binary exists and by
// `node tests/web/run.mjs --mock`. The ctest e2e test uses the real server.
//
//   node tests/web/mock-server.mjs --listen 127.0.0.1:8099 --web-root server/web

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const [host, port] = (args.listen || "127.0.0.1:8099").split(":");
const webRoot = path.resolve(args["web-root"] || "server/web");

const groups = [
  { id: 1, name: "営業部", reasons: ["休憩中", "昼食中", "作業中", "外出中"] },
  { id: 2, name: "開発部", reasons: ["会議中"] },
];
// Same people as the real server's --demo seed (server/src/db/seed.cpp).
const people = [
  [1, "管理", "太郎", "カンリ", "タロウ", "4000"],
  [1, "佐藤", "花子", "サトウ", "ハナコ", "4001"],
  [1, "鈴木", "一郎", "スズキ", "イチロウ", "4002"],
  [1, "高橋", "美咲", "タカハシ", "ミサキ", "4003"],
  [1, "田中", "健太", "タナカ", "ケンタ", "4004"],
  [1, "伊藤", "由美", "イトウ", "ユミ", "4005"],
  [1, "渡辺", "大輔", "ワタナベ", "ダイスケ", "4006"],
  [2, "山本", "翔", "ヤマモト", "ショウ", "5001"],
  [2, "中村", "さくら", "ナカムラ", "サクラ", "5002"],
];
const states = [
  "present",
  "offline",
  "present",
  "away",
  "away_manual",
  "camera_unavailable",
  "offline",
  "present",
  "offline",
];
const users = people.map(([group_id, f, g, fk, gk, ext], i) => ({
  id: i + 1,
  email: i === 0 ? "admin@example.com" : `staff${i}@example.com`,
  password: i === 0 ? "admin-pass" : "staff-pass",
  role: i === 0 ? "admin" : "staff",
  group_id,
  family_name: f,
  given_name: g,
  family_name_kana: fk,
  given_name_kana: gk,
  dial_in_number: i < 2 ? `03-1234-${ext}` : "",
  extension_number: ext,
  image: null,
  version: 1,
  presence: {
    state: states[i],
    reason: states[i] === "away_manual" ? "外出中" : "",
    since: Date.now() - i * 600000,
    seq: 0,
  },
}));
const sessions = new Map();
const subscribers = new Map(); // group id -> Set(res)
let eventId = 0;

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

function send(res, status, obj, headers = {}) {
  const body = obj === null ? "" : JSON.stringify(obj);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Security-Policy": CSP, ...headers });
  res.end(body);
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message } });

function me(u, csrf) {
  const g = groups.find((x) => x.id === u.group_id);
  const { password, image, version, ...rest } = u;
  void password;
  void version;
  return { ...rest, group_name: g.name, has_image: !!image, csrf: csrf || "" };
}
function member(u) {
  const { id, family_name, given_name, family_name_kana, given_name_kana, extension_number, presence } = u;
  return {
    id,
    family_name,
    given_name,
    family_name_kana,
    given_name_kana,
    extension_number,
    has_image: !!u.image,
    presence,
  };
}
function adminUser(u) {
  const { password, image, presence, ...rest } = u;
  void password;
  void presence;
  return { ...rest, group_name: groups.find((g) => g.id === u.group_id).name, has_image: !!image };
}
function publish(groupId, event, data) {
  eventId++;
  for (const res of subscribers.get(groupId) || [])
    res.write(`id: ${eventId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
const cp = (s) => [...s].length;
const trim = (s) => String(s ?? "").replace(/^[\s\u3000]+|[\s\u3000]+$/gu, "");

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

function serveStatic(req, res, pathname) {
  let p = decodeURIComponent(pathname);
  if (p === "/") {
    res.writeHead(303, { Location: "/console" });
    return res.end();
  }
  if (p.includes("..")) return fail(res, 404, "NOT_FOUND", "not found");
  if (!path.extname(p)) p += ".html";
  const file = path.join(webRoot, p);
  fs.readFile(file, (err, data) => {
    if (err) return fail(res, 404, "NOT_FOUND", "not found");
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
    });
    res.end(data);
  });
}

function pngInfo(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig)) return null;
  if (buf.readUInt32BE(8) !== 13 || buf.toString("latin1", 12, 16) !== "IHDR") return { bad: true };
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  if (!p.startsWith("/api/")) return serveStatic(req, res, p);
  const cookie = /om_session=([^;]+)/.exec(req.headers.cookie || "");
  const sess = cookie && sessions.get(cookie[1]);
  const user = sess && users.find((u) => u.id === sess.userId);
  const m = (re) => re.exec(p);
  let mm;

  if (p === "/api/v1/auth/login" && req.method === "POST") {
    const b = JSON.parse((await readBody(req)).toString() || "{}");
    const u = users.find((x) => x.email === b.email && x.password === b.password);
    if (!u) return fail(res, 401, "LOGIN_FAILED", "wrong email or password");
    const token = crypto.randomBytes(16).toString("hex");
    const csrf = crypto.randomBytes(16).toString("hex");
    sessions.set(token, { userId: u.id, csrf });
    return send(
      res,
      200,
      { user: me(u, csrf), csrf },
      { "Set-Cookie": `om_session=${token}; HttpOnly; SameSite=Strict; Path=/` },
    );
  }
  if (!user) return fail(res, 401, "UNAUTHORIZED", "no session");
  if (req.method !== "GET" && req.headers["x-om-csrf"] !== sess.csrf) return fail(res, 403, "CSRF_FAILED", "bad csrf");

  if (p === "/api/v1/auth/logout") {
    sessions.delete(cookie[1]);
    res.writeHead(204, { "Set-Cookie": "om_session=; Max-Age=0; Path=/" });
    return res.end();
  }
  if (p === "/api/v1/me") return send(res, 200, me(user, sess.csrf));
  if (p === "/api/v1/me/away") {
    if (req.method === "PUT") {
      const b = JSON.parse((await readBody(req)).toString());
      const reason = trim(b.reason);
      if (!groups.find((g) => g.id === user.group_id).reasons.includes(reason))
        return fail(res, 422, "VALIDATION", "reason: not one of the group reasons");
      user.presence = { ...user.presence, state: "away_manual", reason, since: Date.now() };
    } else user.presence = { ...user.presence, state: "present", reason: "", since: Date.now() };
    publish(user.group_id, "presence", { user_id: user.id, ...user.presence });
    return send(res, 200, user.presence);
  }
  const imagePut = async (target, max) => {
    const buf = await readBody(req);
    if (buf.length > max) return fail(res, 413, "TOO_LARGE", `image over ${max} bytes`);
    const info = pngInfo(buf);
    if (!info) return fail(res, 415, "UNSUPPORTED_MEDIA_TYPE", "not a PNG");
    if (info.bad || info.w > 300 || info.h > 300)
      return fail(res, 422, "VALIDATION", "image: width and height must be at most 300");
    target.image = buf;
    res.writeHead(204);
    return res.end();
  };
  if (p === "/api/v1/me/image") return imagePut(user, 2 * 1024 * 1024);
  if ((mm = m(/^\/api\/v1\/users\/(\d+)\/image$/))) {
    const u = users.find((x) => x.id === Number(mm[1]));
    if (!u || !u.image) return fail(res, 404, "NOT_FOUND", "no image");
    res.writeHead(200, { "Content-Type": "image/png" });
    return res.end(u.image);
  }
  if ((mm = m(/^\/api\/v1\/groups\/(\d+)\/(members|reasons|events)$/))) {
    const g = groups.find((x) => x.id === Number(mm[1]));
    if (!g) return fail(res, 404, "NOT_FOUND", "no group");
    if (g.id !== user.group_id && user.role !== "admin") return fail(res, 403, "FORBIDDEN", "other group");
    if (mm[2] === "members")
      return send(res, 200, {
        group_id: g.id,
        group_name: g.name,
        members: users.filter((u) => u.group_id === g.id).map(member),
      });
    if (mm[2] === "reasons") return send(res, 200, { group_id: g.id, reasons: g.reasons });
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.write(": hello\n\n");
    if (!subscribers.has(g.id)) subscribers.set(g.id, new Set());
    subscribers.get(g.id).add(res);
    req.on("close", () => subscribers.get(g.id).delete(res));
    return;
  }
  if (p.startsWith("/api/v1/admin/") && user.role !== "admin") return fail(res, 403, "FORBIDDEN", "admin only");
  if (p === "/api/v1/admin/groups")
    return send(res, 200, {
      items: groups.map((g) => ({
        id: g.id,
        name: g.name,
        member_count: users.filter((u) => u.group_id === g.id).length,
      })),
    });
  if (p === "/api/v1/admin/users") {
    const q = url.searchParams;
    const like = (v, k) => !q.get(k) || String(v).includes(q.get(k));
    const all = users
      .map(adminUser)
      .filter(
        (u) =>
          like(u.group_name, "group_name") &&
          like(u.email, "email") &&
          like(u.family_name, "family_name") &&
          like(u.family_name_kana, "family_name_kana"),
      );
    const page = Number(q.get("page") || 1);
    const per = Number(q.get("per_page") || 20);
    return send(res, 200, { items: all.slice((page - 1) * per, page * per), total: all.length, page, per_page: per });
  }
  if ((mm = m(/^\/api\/v1\/admin\/users\/(\d+)(\/image)?$/))) {
    const u = users.find((x) => x.id === Number(mm[1]));
    if (!u) return fail(res, 404, "NOT_FOUND", "no user");
    if (mm[2]) return imagePut(u, 5 * 1024 * 1024);
    if (req.method === "GET") return send(res, 200, adminUser(u));
    const b = JSON.parse((await readBody(req)).toString());
    if (b.version !== u.version) return fail(res, 409, "CONFLICT", "stale version");
    for (const k of ["password", "family_name", "given_name", "extension_number"])
      if (!trim(b[k])) return fail(res, 422, "VALIDATION", `${k}: required`);
    if (cp(b.password) < 8) return fail(res, 422, "VALIDATION", "password: 8-128 code points");
    if (!/^\d{2,10}$/.test(b.extension_number)) return fail(res, 422, "VALIDATION", "extension_number: 2-10 digits");
    if (users.some((x) => x.id !== u.id && x.group_id === u.group_id && x.extension_number === b.extension_number))
      return fail(res, 409, "EXTENSION_TAKEN", "extension_number taken");
    for (const k of [
      "family_name",
      "given_name",
      "family_name_kana",
      "given_name_kana",
      "dial_in_number",
      "extension_number",
    ])
      u[k] = trim(b[k]);
    u.password = b.password;
    u.version++;
    return send(res, 200, adminUser(u));
  }
  if ((mm = m(/^\/api\/v1\/admin\/groups\/(\d+)\/reasons$/))) {
    const g = groups.find((x) => x.id === Number(mm[1]));
    if (!g) return fail(res, 404, "NOT_FOUND", "no group");
    if (req.method === "GET") return send(res, 200, { group_id: g.id, reasons: g.reasons });
    const b = JSON.parse((await readBody(req)).toString());
    const list = (b.reasons || []).map(trim);
    for (const r of list)
      if (cp(r) < 1 || cp(r) > 10) return fail(res, 422, "VALIDATION", `reasons: "${r}" must be 1-10 code points`);
    if (new Set(list).size !== list.length) return fail(res, 422, "VALIDATION", "reasons: duplicate");
    g.reasons = list;
    publish(g.id, "reasons", { group_id: g.id, reasons: list });
    return send(res, 200, { group_id: g.id, reasons: list });
  }
  return fail(res, 404, "NOT_FOUND", "no route");
});

server.listen(Number(port), host, () => console.log(`mock listening on http://${host}:${port}`));
