import type { Plugin } from 'vite';

/**
 * On the pages named, moves the stylesheet links Vite writes into <head> to the end of
 * <body>: a stylesheet in <head> holds back the first paint until it has arrived (one more
 * round trip, 2 s on Slow 3G), while the page's loading line, in the page's language, needs
 * none of it. The page is styled a moment later instead of shown blank until then.
 */
export function lateStylesheet(pages: readonly string[]): Plugin {
  return {
    name: 'warsztat:late-stylesheet',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!pages.some((page) => ctx.filename.replaceAll('\\', '/').endsWith(`/${page}`))) return html;
        const links: string[] = [];
        const without = html.replace(/\s*<link rel="stylesheet"[^>]*>/g, (link) => {
          links.push(link.trim());
          return '';
        });
        return links.length ? without.replace('</body>', `  ${links.join('\n    ')}\n  </body>`) : html;
      },
    },
  };
}
