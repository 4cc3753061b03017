import { describe, expect, it } from 'vitest';
import { MAX_REPORT_PICTURES, picturedFrames } from '../../server/export/report';
import type { Report, ReportSection } from '../../shared/report/types';

function reportWith(frameIds: (string | null)[]): Report {
  const sections = frameIds.map((frameId, i) => ({ kind: 'ideas', title: `Sekcja ${i}`, frameId, rows: [] }) as unknown as ReportSection);
  return { sections } as unknown as Report;
}

describe('pictures in a report', () => {
  it('pictures each described frame once, in the report order', () => {
    expect(picturedFrames(reportWith(['a', null, 'b', 'a', 'c']))).toEqual(['a', 'b', 'c']);
  });

  it('stops at the limit: a board of hundreds of frames cannot hold the export thread for minutes', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `f${i}`);
    const pictured = picturedFrames(reportWith(ids));
    expect(pictured).toHaveLength(MAX_REPORT_PICTURES);
    expect(pictured).toEqual(ids.slice(0, MAX_REPORT_PICTURES));
    expect(picturedFrames(reportWith(ids), 3)).toEqual(['f0', 'f1', 'f2']);
  });
});
