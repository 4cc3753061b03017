import type { ToolId } from '../editor/editor';
import { ConnectorTool, PenTool, ShapeTool } from './create-tools';
import { SelectTool } from './select-tool';
import type { Tool } from './types';

/** A fresh state machine for each tool; the hand tool pans in the canvas itself. */
export function createTool(id: ToolId): Tool | null {
  switch (id) {
    case 'select':
      return new SelectTool();
    case 'note':
    case 'text':
    case 'rect':
    case 'ellipse':
    case 'frame':
      return new ShapeTool(id);
    case 'pen':
      return new PenTool();
    case 'connector':
      return new ConnectorTool();
    case 'hand':
      return null;
  }
}

export type { Tool, ToolContext, PointerInfo, Preview } from './types';
