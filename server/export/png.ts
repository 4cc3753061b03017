import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { PICTURE_FONT } from '../../shared/picture/svg';
import { FONT_FILES } from './fonts';

/** Largest side of a PNG made from a picture, in pixels: big boards are scaled down to it. */
export const MAX_PNG_SIDE = 4096;

export interface Png {
  png: Buffer;
  width: number;
  height: number;
  /** The PNG's image data (zlib-compressed RGB rows, each after a filter byte, as in its IDAT): a PDF embeds it as it is. */
  rgbDeflated: Buffer;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(type)) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An opaque RGB PNG from RGBA pixels. The pictures have an opaque background, and pdfkit
 * embeds an RGB PNG's data as it is, whereas for RGBA it separates the alpha channel pixel
 * by pixel in JavaScript (seconds for a report's pictures).
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  return encodeOpaque(rgba, width, height).png;
}

function encodeOpaque(rgba: Uint8Array, width: number, height: number): { png: Buffer; rgbDeflated: Buffer } {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    // Filter byte 0 (none) starts each row; then R, G, B of each pixel, alpha dropped.
    let out = y * stride + 1;
    let at = y * width * 4;
    for (let x = 0; x < width; x++, at += 4) {
      raw[out++] = rgba[at]!;
      raw[out++] = rgba[at + 1]!;
      raw[out++] = rgba[at + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const rgbDeflated = zlib.deflateSync(raw, { level: 6 });
  return { png: Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', rgbDeflated), chunk('IEND', Buffer.alloc(0))]), rgbDeflated };
}

/** The width in pixels a picture of this size is rendered at: `target`, at most 2× and MAX_PNG_SIDE high. */
export function pngWidth(width: number, height: number, target = 2000): number {
  return Math.max(1, Math.round(width * Math.min(target / width, MAX_PNG_SIDE / height, 2)));
}

/**
 * PNGs made lately, by their SVG and size: rasterising is most of a report's time, and the
 * same pictures come again and again (the DOCX and then the PDF of a board, the whole room
 * downloading the report at the end of a workshop). The key is the SVG itself (hashed), so
 * any change on the board makes a new picture. Bounded by bytes, oldest out first.
 */
const rendered = new Map<string, Png>();
let renderedBytes = 0;
/** Bytes of PNG kept at most (about three big reports' pictures). */
export const PNG_CACHE_BYTES = 48 * 1024 * 1024;

function remember(key: string, png: Png): Png {
  const size = png.png.length + png.rgbDeflated.length;
  if (size > PNG_CACHE_BYTES / 4) return png;
  rendered.set(key, png);
  renderedBytes += size;
  for (const [old, value] of rendered) {
    if (renderedBytes <= PNG_CACHE_BYTES) break;
    rendered.delete(old);
    renderedBytes -= value.png.length + value.rgbDeflated.length;
  }
  return png;
}

/** Forgets the PNGs made so far (benchmarks measure a cold start with it). */
export function clearPngCache(): void {
  rendered.clear();
  renderedBytes = 0;
}

/**
 * Renders one of our SVG pictures to PNG with resvg (no browser, no system fonts: DejaVu Sans
 * is loaded from the package, so the PNG looks the same on every server). The same SVG at the
 * same size is rendered once (see `rendered`).
 */
export function svgToPng(svg: string, width: number, height: number, targetWidth = 2000): Png {
  const fit = pngWidth(width, height, targetWidth);
  const key = `${fit}:${createHash('sha256').update(svg).digest('base64')}`;
  const known = rendered.get(key);
  if (known) {
    // Most recently used goes last, so the oldest leaves first.
    rendered.delete(key);
    rendered.set(key, known);
    return known;
  }
  return remember(key, render(svg, fit));
}

function render(svg: string, fit: number): Png {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: PICTURE_FONT, sansSerifFamily: PICTURE_FONT },
    fitTo: { mode: 'width', value: fit },
    background: '#f8fafc',
  });
  const image = resvg.render();
  return { ...encodeOpaque(image.pixels, image.width, image.height), width: image.width, height: image.height };
}
