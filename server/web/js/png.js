// Browser-side PNG checks mirroring the server: signature, IHDR, size, dimensions.
// The server checks again; this only saves a round trip and explains the limit.

import { t } from './i18n.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const MAX_SIDE = 300;
export const OWN_MAX_BYTES = 2 * 1024 * 1024; // 2 MiB (staff, own image)
export const ADMIN_MAX_BYTES = 5 * 1024 * 1024; // 5 MiB (admin)

export function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 2 : 0)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/**
 * Checks a File against the limits. Resolves to
 * {ok:true, bytes:ArrayBuffer, width, height, dataUrl, summary} or {ok:false, error}.
 */
export async function checkPng(file, maxBytes) {
  if (file.size > maxBytes) {
    return { ok: false, error: t('png.tooLarge', { size: formatBytes(file.size), max: formatBytes(maxBytes) }) };
  }
  const bytes = await file.arrayBuffer();
  const u8 = new Uint8Array(bytes);
  if (u8.length < 8 || SIGNATURE.some((b, i) => u8[i] !== b)) return { ok: false, error: t('png.notPng') };
  // First chunk must be IHDR with length 13: [len:4][type:4][width:4][height:4]...
  if (u8.length < 33) return { ok: false, error: t('png.badHeader') };
  const view = new DataView(bytes);
  const type = String.fromCharCode(u8[12], u8[13], u8[14], u8[15]);
  if (view.getUint32(8) !== 13 || type !== 'IHDR') return { ok: false, error: t('png.badHeader') };
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return { ok: false, error: t('png.badHeader') };
  if (width > MAX_SIDE || height > MAX_SIDE) return { ok: false, error: t('png.tooWide', { w: width, h: height }) };
  const dataUrl = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  return {
    ok: true,
    bytes,
    width,
    height,
    dataUrl,
    summary: t('png.ok', { w: width, h: height, size: formatBytes(file.size) })
  };
}
