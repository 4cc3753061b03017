import { boardToSvg } from '../../shared/picture/svg';
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

/** A frame's picture for a document: PNG bytes and its size in pixels. */
export interface FramePicture {
  png: Buffer;
  width: number;
  height: number;
}

/** Pictures of the frames the report's sections describe, by frame id (made once per export). */
export function framePictures(context: ExportContext, report: Report, pixelWidth = 1400): Map<string, FramePicture> {
  const pictures = new Map<string, FramePicture>();
  for (const section of report.sections) {
    if (!section.frameId || pictures.has(section.frameId)) continue;
    const picture = boardToSvg(context.input.elements, { frameId: section.frameId, pixelWidth: (w, h) => pngWidth(w, h, pixelWidth) });
    pictures.set(section.frameId, svgToPng(picture.svg, picture.width, picture.height, pixelWidth));
  }
  return pictures;
}
