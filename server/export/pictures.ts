import { boardToSvg } from '../../shared/picture/svg';
import { REPORT_LABELS, pictureWords } from '../../shared/report/labels';
import { MAX_PNG_SIDE, pngWidth, svgToPng } from './png';
import { pictureElements, requestedFrame } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

/** Most pixels a PNG picture has: a wide board gets up to MAX_PNG_SIDE wide within this. */
const MAX_PNG_PIXELS = 8_000_000;

/** Width of a board's PNG: 2000 px, or wider (up to 2× and MAX_PNG_SIDE) while that stays within MAX_PNG_PIXELS, so more of its text is readable. */
export function boardPngWidth(width: number, height: number): number {
  const byArea = Math.sqrt((MAX_PNG_PIXELS * width) / height);
  return pngWidth(width, height, Math.max(2000, Math.min(MAX_PNG_SIDE, byArea)));
}

/**
 * SVG is vector (zoomable): every text as letters. PNG: text too small to read at its size
 * as bars, and then a band across the top says the picture is an overview and where to read it.
 */
function picture(context: ExportContext, forPng: boolean) {
  const frame = requestedFrame(context);
  const locale = context.input.meta.locale;
  return boardToSvg(pictureElements(context.input.elements, locale), {
    frameId: frame?.id,
    // A frame reads well at 2000 px; the whole board gets as many pixels as is reasonable.
    pixelWidth: forPng ? (frame ? (w: number, h: number) => pngWidth(w, h) : boardPngWidth) : undefined,
    words: pictureWords(locale),
    overviewNote: forPng ? REPORT_LABELS[locale].chart.overview : undefined,
  });
}

export const svgExporter: Exporter = (context: ExportContext): ExportFile => ({ body: picture(context, false).svg, contentType: 'image/svg+xml; charset=utf-8', extension: 'svg' });

export const pngExporter: Exporter = (context: ExportContext): ExportFile => {
  const { svg, width, height } = picture(context, true);
  return { body: svgToPng(svg, width, height, requestedFrame(context) ? undefined : boardPngWidth(width, height)).png, contentType: 'image/png', extension: 'png' };
};
