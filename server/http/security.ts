import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * A Host header as browsers send it (name or IPv4, or a bracketed IPv6, and a port). Anything
 * else (spaces, `;`, quotes) could smuggle directives into the policy, so it is left out.
 */
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The live sync of this very host (`/yjs/` and socket.io): browsers that predate CSP Level 3
 * (Safari before 15.4) do not count ws:/wss: of the page's host as 'self'. Both schemes: behind
 * a TLS proxy the request may arrive as plain http while the page is https.
 */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && HOST_PATTERN.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * Security headers of every response (app, API, assets), docs/deploy.md. The client is one
 * module script and one stylesheet from the Vite build, so nothing inline is allowed: React
 * and Konva set element styles through CSSOM (`element.style.x = …`), which style-src does
 * not govern, and zod runs jitless in the client (client/src/app/mount.tsx) so no string is
 * ever evaluated. HSTS and upgrade-insecure-requests only when PUBLIC_URL is https: on a
 * plain-http LAN install they would make the browser refuse the server.
 */
export function securityHeaders(publicUrl: string | undefined): RequestHandler {
  const https = publicUrl?.startsWith('https:') ?? false;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        // data: for QR codes and export previews, blob: for pictures made in the page.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (req) => sameHostSockets(req)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false } : false,
  });
}

/**
 * The policy of downloaded files (exports, backups): an SVG opened from its address runs no
 * script and loads nothing; its own inline styles and embedded data: pictures still show.
 */
export const downloadPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ['data:'],
    frameAncestors: ["'none'"],
    sandbox: [],
  },
});
