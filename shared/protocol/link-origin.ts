/**
 * Where the links the server hands out point (board, personal and idea-form links), and
 * whether they can be opened from anywhere but this computer. Pure, so the server's choice
 * and the share panel's warning read an address the same way (docs/deploy.md, "Links").
 */

/** One network interface address, as Node's os.networkInterfaces() lists it. */
export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

/** A Host header's name and port: `[::1]:3000` → `[::1]`, `3000`. */
export function splitHost(host: string): { hostname: string; port: string | null } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  return match ? { hostname: match[1]!, port: match[2] ?? null } : { hostname: host, port: null };
}

/** A name or address that only this computer reaches: localhost, 127.0.0.0/8, ::1 (URL hostnames keep IPv6's brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '::1' || name === '0:0:0:0:0:0:0:1' || name === '::ffff:127.0.0.1';
}

/** Whether a HOST setting listens on every interface (so other machines reach it). */
export function listensEverywhere(listenHost: string): boolean {
  return ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0'].includes(listenHost.trim());
}

/** The first address other machines on the network can reach this one by: a non-internal IPv4. */
export function firstNetworkAddress(interfaces: Record<string, readonly InterfaceAddress[] | undefined>): string | null {
  for (const addresses of Object.values(interfaces)) {
    for (const entry of addresses ?? []) {
      if (!entry.internal && (entry.family === 'IPv4' || entry.family === 4) && !isLoopbackHost(entry.address)) return entry.address;
    }
  }
  return null;
}

export interface LinkOriginInput {
  /** PUBLIC_URL, when set: always wins. */
  publicUrl?: string | undefined;
  /** The request's protocol (`http`, or `https` behind a proxy that says so). */
  protocol: string;
  /** The request's Host header. */
  requestHost: string | undefined;
  /** The server's HOST setting. */
  listenHost: string;
  /** This machine's network address (firstNetworkAddress), if it has one. */
  networkAddress: string | null;
}

/**
 * The origin of handed-out links: PUBLIC_URL when set; else the address the request came to,
 * except that a request to this computer's own name (127.0.0.1, localhost) on a server that
 * listens on every interface gets the machine's network address, which phones on the same
 * network can open. A server listening on loopback only keeps loopback links: nothing else
 * could reach it, and the share panel says so.
 */
export function linkOrigin({ publicUrl, protocol, requestHost, listenHost, networkAddress }: LinkOriginInput): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = requestHost || 'localhost';
  const { hostname, port } = splitHost(host);
  if (isLoopbackHost(hostname) && listensEverywhere(listenHost) && networkAddress) return `${protocol}://${networkAddress}${port ? `:${port}` : ''}`;
  return `${protocol}://${host}`;
}

/** Whether a handed-out link opens only on the computer that runs the server. */
export function isLocalOnlyLink(link: string): boolean {
  try {
    return isLoopbackHost(new URL(link).hostname);
  } catch {
    return false;
  }
}

/**
 * A kept link moved to the origin links are handed out at now (after the server was restarted
 * with another HOST or PUBLIC_URL): same board, same token, the new address. A link that
 * does not parse is returned as it was.
 */
export function rebaseLink(link: string, origin: string): string {
  try {
    const url = new URL(link);
    // The app's own part of the path (`/b/<id>`, `/idea/<id>/<key>`), after any prefix of PUBLIC_URL.
    const at = url.pathname.search(/\/(?:b|idea)\/[^/]+/);
    if (at < 0) return link;
    return `${origin.replace(/\/+$/, '')}${url.pathname.slice(at)}${url.search}${url.hash}`;
  } catch {
    return link;
  }
}
