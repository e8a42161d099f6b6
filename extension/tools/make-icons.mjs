// Draws the toolbar icons (a person on a rounded square) and writes them as
// PNGs with Node's built-in zlib only. Run: node extension/tools/make-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "icons");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square; returns [r,g,b,a] (0..1) for a sample point.
function sample(x, y, palette) {
  const inRoundRect = (px, py, x0, y0, x1, y1, r) => {
    const cx = Math.min(Math.max(px, x0 + r), x1 - r);
    const cy = Math.min(Math.max(py, y0 + r), y1 - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r && px >= x0 && px <= x1 && py >= y0 && py <= y1;
  };
  if (!inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22)) return [0, 0, 0, 0];
  const t = y; // vertical gradient
  const bg = palette.top.map((c, i) => c + (palette.bottom[i] - c) * t);
  const head = (x - 0.5) ** 2 + (y - 0.38) ** 2 <= 0.15 ** 2;
  const body = (x - 0.5) ** 2 / 0.3 ** 2 + (y - 0.9) ** 2 / 0.3 ** 2 <= 1 && y <= 0.84;
  if (head || body) return [1, 1, 1, 1];
  return [...bg, 1];
}

function draw(size, palette) {
  const ss = 4;
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy += 1) {
        for (let sx = 0; sx < ss; sx += 1) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, palette);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + px) * 4;
      const n = ss * ss;
      buf[o] = a ? Math.round((r / a) * 255) : 0;
      buf[o + 1] = a ? Math.round((g / a) * 255) : 0;
      buf[o + 2] = a ? Math.round((b / a) * 255) : 0;
      buf[o + 3] = Math.round((a / n) * 255);
    }
  }
  return png(size, buf);
}

const palettes = {
  icon: { top: [0.19, 0.45, 0.93], bottom: [0.11, 0.3, 0.75] },
  "icon-off": { top: [0.62, 0.64, 0.68], bottom: [0.45, 0.47, 0.52] },
};
for (const [name, palette] of Object.entries(palettes)) {
  for (const size of [16, 32, 48, 128]) {
    writeFileSync(join(outDir, `${name}-${size}.png`), draw(size, palette));
  }
}
console.log(`icons written to ${outDir}`);
