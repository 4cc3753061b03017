import { useContext } from 'react';
import { Group, Rect } from 'react-konva';
import { FRAME_TITLE_BOARD_PX } from '../../../../shared/geometry/frame-titles';
import type { ElementOf } from '../../../../shared/schema/elements';
import { FrameTitlesOnScreen } from '../../board/FrameTitles';
import { FactorRanking } from '../../methods/factors/FactorRanking';
import { boxText } from '../card-text';
import { paintBox, placed, ZoomSteadyText } from '../shared-views';
import type { ElementUtil, ElementViewProps } from '../types';

function FrameView({ editor, element, detailed }: ElementViewProps<ElementOf<'frame'>>) {
  // Zoomed out, the title is drawn at screen size on the overlay (FrameTitles.tsx).
  const titleOnScreen = useContext(FrameTitlesOnScreen);
  return (
    <>
      <Group {...placed(element)} listening={false}>
        <Rect width={element.w} height={element.h} fill={element.fill} stroke="#94a3b8" strokeWidth={1.5} cornerRadius={8} perfectDrawEnabled={false} />
        {!titleOnScreen && <ZoomSteadyText y={-26} text={element.title || ' '} fontSize={FRAME_TITLE_BOARD_PX} fontStyle="bold" fill="#334155" perfectDrawEnabled={false} />}
      </Group>
      {/* A factors frame draws its ranking chart beside the cards. */}
      {element.method === 'factors' && detailed && <FactorRanking editor={editor} frame={element} />}
    </>
  );
}

/** A frame: an area holding a method or a group, typed in by its title above the top edge. */
export const frameUtil: ElementUtil<'frame'> = {
  type: 'frame',
  View: FrameView,
  paintOverview: (ctx, e, { hairline }) => paintBox(ctx, e, e.fill, '#94a3b8', 1.5 * hairline),
  text: boxText({
    box: (e) => ({ x: e.x, y: e.y - 30, w: e.w, h: 28 }),
    // The title is what is typed: come close to its bar, not to the whole frame.
    readable: (e) => ({ x: e.x, y: e.y - 32, w: Math.min(e.w, 600), h: 32 }),
    align: 'left',
  }),
};
