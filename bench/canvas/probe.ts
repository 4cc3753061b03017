/**
 * Instrumentation installed in the page before any of its own scripts (page.addInitScript).
 * Plain JavaScript in a string: functions passed to page.evaluate are serialised, and the
 * helpers a TypeScript loader may add to them would not exist in the page.
 *
 * window.__canvasBench holds:
 *  - events: every change of the canvas's data-visible or the element count, with the time
 *    it was committed to the DOM and `painted`, the start of the second animation frame
 *    after it (by then the Konva layer scheduled by that commit has drawn and the frame
 *    holding the drawing has been produced);
 *  - synced: when the loading overlay left a mounted board (the first sync finished);
 *  - loadMessages: the first WebSocket messages (arrival, handling time, size);
 *  - run(options): records requestAnimationFrame timestamps for a while, optionally moving
 *    the viewport every frame, and returns frame deltas and the JavaScript work measured
 *    in between (pointermove handling, WebSocket message handling, Konva layer draws).
 */
export const PROBE_SCRIPT = String.raw`
(() => {
  if (window.__canvasBench || location.protocol !== 'http:') return;
  const B = { events: [], synced: null, input: [], messages: [], loadMessages: [], draws: [], collecting: false, konvaHooked: false };
  window.__canvasBench = B;
  try { localStorage.setItem('warsztat.displayName', 'Ławka testowa'); } catch (e) {}

  let lastKey = '';
  const check = () => {
    const canvas = document.querySelector('[data-testid="canvas"]');
    const counter = document.querySelector('[data-testid="element-count"]');
    const visible = canvas ? Number(canvas.getAttribute('data-visible')) : 0;
    const count = counter ? Number(counter.getAttribute('data-count')) : 0;
    const now = performance.now();
    if (B.synced === null && canvas && !document.querySelector('.loading-overlay')) B.synced = now;
    const key = visible + '/' + count;
    if (key === lastKey || B.events.length >= 5000) return;
    lastKey = key;
    const entry = { t: now, visible, count, synced: B.synced !== null, painted: null };
    B.events.push(entry);
    requestAnimationFrame(() => requestAnimationFrame(() => { entry.painted = performance.now(); }));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-visible', 'data-count'] });

  // Pointer moves: from the first listener (window, capture) to the last (window, bubble).
  // React flushes the renders those moves cause in a microtask right after its own listener,
  // so the span includes the tool, the Yjs transaction, the store and React's render and commit.
  let moveStart = -1;
  addEventListener('pointermove', () => { moveStart = performance.now(); }, true);
  addEventListener('pointermove', () => {
    if (moveStart >= 0 && B.collecting && B.input.length < 100000) B.input.push(performance.now() - moveStart);
    moveStart = -1;
  }, false);

  // Messages from the sync server: y-websocket sets onmessage; time it up to the microtasks
  // it queued (React's render of the change).
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (desc && desc.set && desc.get) {
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      configurable: true,
      enumerable: desc.enumerable,
      get() { return desc.get.call(this); },
      set(fn) {
        desc.set.call(this, typeof fn !== 'function' ? fn : function (event) {
          const t = performance.now();
          try { return fn.call(this, event); }
          finally {
            queueMicrotask(() => {
              const d = performance.now() - t;
              if (B.collecting && B.messages.length < 100000) B.messages.push(d);
              if (B.loadMessages.length < 200) B.loadMessages.push({ t, d, bytes: event.data && (event.data.byteLength || event.data.length) || 0 });
            });
          }
        });
      },
    });
  }

  B.hookKonva = () => {
    const K = window.Konva;
    if (B.konvaHooked) return true;
    if (!K || !K.Layer) return false;
    const proto = K.Layer.prototype;
    const draw = proto.draw;
    proto.draw = function () {
      const t = performance.now();
      try { return draw.apply(this, arguments); }
      finally { if (B.collecting && B.draws.length < 100000) B.draws.push({ t, d: performance.now() - t, layer: this.index, nodes: this.children ? this.children.length : 0 }); }
    };
    B.konvaHooked = true;
    return true;
  };

  const motionOf = (m, editor) => {
    if (!m) return null;
    const screen = editor.screenSize;
    if (m.kind === 'pan') return (t) => ({ scale: m.scale, x: m.x - (m.vx * t) / 1000, y: m.y - (m.vy * t) / 1000 });
    if (m.kind === 'orbit') return (t) => {
      const a = (2 * Math.PI * t) / m.periodMs;
      return { scale: m.scale, x: m.x + m.radius * (Math.cos(a) - 1), y: m.y + m.radius * Math.sin(a) };
    };
    if (m.kind === 'zoom') return (t) => {
      const phase = (t % m.periodMs) / m.periodMs;
      const f = phase < 0.5 ? phase * 2 : 2 - phase * 2;
      const scale = Math.exp(Math.log(m.from) + f * (Math.log(m.to) - Math.log(m.from)));
      return { scale, x: screen.width / 2 - m.cx * scale, y: screen.height / 2 - m.cy * scale };
    };
    throw new Error('unknown motion ' + m.kind);
  };

  B.run = (options) => new Promise((resolve, reject) => {
    const editor = window.__warsztat && window.__warsztat.editor;
    const canvas = document.querySelector('[data-testid="canvas"]');
    if (!editor || !canvas) return reject(new Error('board not loaded'));
    B.hookKonva();
    const motion = motionOf(options.motion, editor);
    B.input = []; B.messages = []; B.draws = [];
    B.collecting = true;
    const stamps = [];
    const work = [];
    const visible = [];
    let t0 = null;
    let seenInput = 0, seenMessages = 0, seenDraws = 0;
    const maxFrames = Math.ceil(options.durationMs / 5) + 200;
    const frame = (ts) => {
      try {
        performance.mark('canvas-bench-frame');
        if (t0 === null) t0 = ts;
        stamps.push(ts);
        let w = 0;
        for (; seenInput < B.input.length; seenInput++) w += B.input[seenInput];
        for (; seenMessages < B.messages.length; seenMessages++) w += B.messages[seenMessages];
        for (; seenDraws < B.draws.length; seenDraws++) w += B.draws[seenDraws].d;
        work.push(w);
        visible.push(Number(canvas.getAttribute('data-visible')));
        if (ts - t0 >= options.durationMs || stamps.length >= maxFrames) {
          B.collecting = false;
          performance.clearMarks('canvas-bench-frame');
          const deltas = stamps.slice(1).map((s, i) => s - stamps[i]);
          const v = editor.state.viewport;
          resolve({
            deltas,
            work: work.slice(1),
            visible,
            input: B.input.slice(),
            messages: B.messages.slice(),
            draws: B.draws.map((d) => d.d),
            elementLayerDraws: B.draws.filter((d) => d.layer === 0).map((d) => d.d),
            interactiveLayerDraws: B.draws.filter((d) => d.layer === 1).map((d) => d.d),
            scale: v.scale,
          });
          return;
        }
        if (motion) editor.setViewport(motion(ts - t0));
        requestAnimationFrame(frame);
      } catch (error) {
        B.collecting = false;
        reject(error);
      }
    };
    requestAnimationFrame(frame);
  });
})();
`;
