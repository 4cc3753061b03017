import { boardToSvg } from '../../shared/picture/svg';
import { pictureWords } from '../../shared/report/labels';
import { reportToMarkdown } from '../../shared/report/markdown';
import { pngWidth, svgToPng } from './png';
import { pictureElements, reportOf, requestedFrame } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

/** SVG is vector (zoomable): every text as letters. PNG: text too small to read at its size as bars. */
function picture(context: ExportContext, forPng: boolean) {
  const frame = requestedFrame(context);
  return boardToSvg(pictureElements(context.input.elements, context.input.meta.locale), { frameId: frame?.id, pixelWidth: forPng ? (w, h) => pngWidth(w, h) : undefined, words: pictureWords(context.input.meta.locale) });
}

export const svgExporter: Exporter = (context: ExportContext): ExportFile => ({ body: picture(context, false).svg, contentType: 'image/svg+xml; charset=utf-8', extension: 'svg' });

export const pngExporter: Exporter = (context: ExportContext): ExportFile => {
  const { svg, width, height } = picture(context, true);
  return { body: svgToPng(svg, width, height).png, contentType: 'image/png', extension: 'png' };
};

export const markdownExporter: Exporter = (context: ExportContext): ExportFile => ({ body: reportToMarkdown(reportOf(context)), contentType: 'text/markdown; charset=utf-8', extension: 'md' });
