import { Shape } from 'react-konva';
import { IDEA_STATUS_COLOURS } from '../methods/ideas/IdeaCard';
import type { Context } from 'konva/lib/Context';
import { connectorPath } from '../../../shared/geometry/elements';
import type { Editor } from '../editor/editor';
import { isFoldedAway } from '../methods/tree/tree-index';
import { TREE_COLOURS } from '../methods/tree/TreeNodeView';
import { useStoreVersion } from '../editor/hooks';

/**
 * The board seen from afar: below the text threshold every visible element is drawn by one
 * canvas shape in one pass (boxes, outlines, lines), with no node or component per element.
 * This is what keeps zoom-to-fit of a 10,000-element board fast.
 */
export function OverviewShape({ editor, ids, scale }: { editor: Editor; ids: readonly string[]; scale: number }) {
  useStoreVersion(editor);
  const draw = (context: Context) => {
    const ctx = context._context;
    const hairline = 1 / scale;
    for (const id of ids) {
      const e = editor.store.get(id);
      if (!e) continue;
      switch (e.type) {
        case 'frame':
          ctx.fillStyle = e.fill;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          ctx.strokeStyle = '#94a3b8';
          ctx.lineWidth = 1.5 * hairline;
          ctx.strokeRect(e.x, e.y, e.w, e.h);
          break;
        case 'note':
          ctx.fillStyle = e.color;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          break;
        case 'rect':
          ctx.fillStyle = e.fill;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          ctx.strokeStyle = e.stroke;
          ctx.lineWidth = Math.max(e.strokeWidth, hairline);
          ctx.strokeRect(e.x, e.y, e.w, e.h);
          break;
        case 'ellipse':
          ctx.beginPath();
          ctx.ellipse(e.x + e.w / 2, e.y + e.h / 2, e.w / 2, e.h / 2, 0, 0, Math.PI * 2);
          ctx.fillStyle = e.fill;
          ctx.fill();
          ctx.strokeStyle = e.stroke;
          ctx.lineWidth = Math.max(e.strokeWidth, hairline);
          ctx.stroke();
          break;
        case 'treeNode':
          if (isFoldedAway(editor.store, e.id)) break;
          ctx.fillStyle = TREE_COLOURS[e.tree][e.role].fill;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          break;
        case 'strategy':
          ctx.fillStyle = e.color;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          break;
        case 'idea':
          ctx.fillStyle = IDEA_STATUS_COLOURS[e.status].stroke;
          ctx.fillRect(e.x, e.y, e.w, e.h);
          break;
        case 'stakeholder':
        case 'factor':
          ctx.fillStyle = e.type === 'stakeholder' ? e.color : '#ffffff';
          ctx.fillRect(e.x, e.y, e.w, e.h);
          ctx.strokeStyle = e.type === 'stakeholder' ? '#0284c7' : '#2563eb';
          ctx.lineWidth = 1.5 * hairline;
          ctx.strokeRect(e.x, e.y, e.w, e.h);
          break;
        case 'text':
          ctx.fillStyle = '#94a3b8';
          ctx.fillRect(e.x, e.y + e.h * 0.3, e.w * 0.8, Math.max(e.h * 0.4, hairline));
          break;
        case 'stroke':
        case 'connector': {
          const points = e.type === 'connector' ? connectorPath(e, editor.store.lookup) : e.points.map((v, i) => v + (i % 2 === 0 ? e.x : e.y));
          ctx.beginPath();
          ctx.moveTo(points[0]!, points[1]!);
          for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
          ctx.strokeStyle = e.stroke;
          ctx.lineWidth = Math.max(e.strokeWidth, hairline);
          ctx.stroke();
          break;
        }
      }
    }
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
}
