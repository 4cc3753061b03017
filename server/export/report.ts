import { boardToSvg } from '../../shared/picture/svg';
import { mapStrings, replaceMissingGlyphs } from '../../shared/report/glyphs';
import { pictureWords } from '../../shared/report/labels';
import type { Locale } from '../../shared/schema/doc';
import type { Element } from '../../shared/schema/elements';
import { fontCovers } from './fonts';
import { buildReport, reportForFrame } from '../../shared/report/model';
import type { Report } from '../../shared/report/types';
import { pngWidth, svgToPng } from './png';
import { ExportRequestError, type ExportContext } from './types';

/** Checks `options.frameId` names a frame of this board; returns it (undefined when none asked). */
export function requestedFrame(context: ExportContext) {
  const { frameId } = context.options;
  if (frameId === undefined) return undefined;
  const frame = context.input.elements.find((e) => e.id === frameId);
  if (!frame || frame.type !== 'frame') throw new ExportRequestError(`no frame ${frameId} on this board`);
  return frame;
}

/** The report model for this export, limited to the requested frame if any. */
export function reportOf(context: ExportContext): Report {
  const report = buildReport(context.input);
  const frame = requestedFrame(context);
  return frame ? reportForFrame(report, context.input.elements, frame.id) : report;
}

/**
 * The board's elements as pictures draw them: characters DejaVu Sans lacks (emoji) replaced by
 * their names (shared/report/glyphs.ts), so resvg draws no empty boxes and the SVG reads the
 * same wherever it is opened.
 */
export function pictureElements(elements: readonly Element[], locale: Locale): Element[] {
  return mapStrings([...elements], (text) => replaceMissingGlyphs(text, fontCovers, locale));
}

/** A frame's picture for a document: PNG bytes and its size in pixels. */
export interface FramePicture {
  png: Buffer;
  width: number;
  height: number;
  /** The PNG's compressed RGB data (server/export/png.ts), which the PDF embeds without decoding the PNG. */
  rgbDeflated?: Buffer;
}

/**
 * Frames pictured in one report, at most: each picture is a few tenths of a second of the export
 * thread and up to a megabyte of document, and a board with hundreds of frames would otherwise
 * hold the thread (every board's exports) for minutes. Later sections keep their text and tables.
 */
export const MAX_REPORT_PICTURES = 40;

/** The frames to picture, in the report's order, each once, at most `max`. */
export function picturedFrames(report: Report, max = MAX_REPORT_PICTURES): string[] {
  const ids = new Set<string>();
  for (const section of report.sections) {
    if (ids.size >= max) break;
    if (section.frameId) ids.add(section.frameId);
  }
  return [...ids];
}

/** Pictures of the frames the report's sections describe, by frame id (made once per export). */
export function framePictures(context: ExportContext, report: Report, pixelWidth = 1400): Map<string, FramePicture> {
  const pictures = new Map<string, FramePicture>();
  const elements = pictureElements(context.input.elements, report.locale);
  const frames = picturedFrames(report);
  for (const [i, frameId] of frames.entries()) {
    // Pictures are most of a report's work: from 5 % to 60 % of its progress.
    context.progress?.(0.05 + (0.55 * i) / frames.length);
    const picture = boardToSvg(elements, { frameId, pixelWidth: (w, h) => pngWidth(w, h, pixelWidth), words: pictureWords(report.locale) });
    pictures.set(frameId, svgToPng(picture.svg, picture.width, picture.height, pixelWidth));
  }
  return pictures;
}
