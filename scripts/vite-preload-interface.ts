import type { HtmlTagDescriptor, Plugin } from 'vite';

type Chunk = { type: 'chunk'; fileName: string; facadeModuleId: string | null; imports: string[]; dynamicImports: string[]; viteMetadata?: { importedCss: Set<string> } };

/**
 * main.tsx opens the board's connection first and imports the interface (React, Konva, the
 * board page: `app/mount.tsx`) dynamically, so the board travels while the interface is
 * parsed. Left alone, the browser would learn of the interface chunk only once the entry had
 * arrived and run: one more round trip (2 s on Slow 3G). These links in index.html fetch it,
 * its imports and its stylesheet together with the entry. The stylesheet is only preloaded,
 * not applied, so it cannot hold back the first paint of the loading message.
 */
export function preloadInterface(moduleSuffix = '/app/mount.tsx'): Plugin {
  return {
    name: 'warsztat:preload-interface',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle as Record<string, Chunk | { type: 'asset' }> | undefined;
        const entry = ctx.chunk as Chunk | undefined;
        if (!bundle || !entry) return [];
        const chunks = Object.values(bundle).filter((o): o is Chunk => o.type === 'chunk');
        const target = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(moduleSuffix) && entry.dynamicImports.includes(c.fileName));
        if (!target) return [];
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (chunk: Chunk) => {
          if (scripts.has(chunk.fileName) || chunk.fileName === entry.fileName) return;
          scripts.add(chunk.fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const name of chunk.imports) {
            const next = bundle[name];
            if (next?.type === 'chunk' && !entry.imports.includes(name)) visit(next as Chunk);
          }
        };
        visit(target);
        const tags: HtmlTagDescriptor[] = [
          ...[...styles].map((href) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `/${href}` }, injectTo: 'head' as const })),
          ...[...scripts].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${href}` }, injectTo: 'head' as const })),
        ];
        return tags;
      },
    },
  };
}
