import { describe, expect, it } from 'vitest';
import { firstNetworkAddress, isLocalOnlyLink, isLoopbackHost, linkOrigin, rebaseLink } from '../../shared/protocol/link-origin';

describe('where handed-out links point', () => {
  const base = { protocol: 'http', listenHost: '127.0.0.1', networkAddress: '192.168.1.20' };
  it.each([
    ['PUBLIC_URL wins, trailing slash dropped', { ...base, publicUrl: 'https://warsztat.example.org/', requestHost: '127.0.0.1:3000' }, 'https://warsztat.example.org'],
    ['default HOST: loopback links stay (nothing else reaches the server)', { ...base, requestHost: '127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    ['HOST=0.0.0.0, opened as 127.0.0.1: the network address, same port', { ...base, listenHost: '0.0.0.0', requestHost: '127.0.0.1:3000' }, 'http://192.168.1.20:3000'],
    ['HOST=0.0.0.0, opened as localhost', { ...base, listenHost: '0.0.0.0', requestHost: 'localhost:4000' }, 'http://192.168.1.20:4000'],
    ['HOST=::, opened as [::1]', { ...base, listenHost: '::', requestHost: '[::1]:3000' }, 'http://192.168.1.20:3000'],
    ['HOST=0.0.0.0 without a port in the Host header', { ...base, listenHost: '0.0.0.0', requestHost: 'localhost' }, 'http://192.168.1.20'],
    ['HOST=0.0.0.0 opened by its network name: kept', { ...base, listenHost: '0.0.0.0', requestHost: 'laptop.local:3000' }, 'http://laptop.local:3000'],
    ['HOST=0.0.0.0 but no network (offline laptop): loopback stays', { ...base, listenHost: '0.0.0.0', networkAddress: null, requestHost: '127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    ['no Host header', { ...base, requestHost: undefined }, 'http://localhost'],
  ])('%s', (_name, input, expected) => {
    expect(linkOrigin(input)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['localhost', true],
    ['app.localhost', true],
    ['[::1]', true],
    ['::1', true],
    ['192.168.1.20', false],
    ['warsztat.example.org', false],
    ['[fe80::1]', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('takes the first non-internal IPv4 of the interfaces', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      docker0: [{ address: 'fe80::1', family: 'IPv6', internal: false }],
      wlan0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: '10.0.0.2', family: 4, internal: false },
      ],
    };
    expect(firstNetworkAddress(interfaces)).toBe('192.168.1.20');
    expect(firstNetworkAddress({ lo: interfaces.lo })).toBeNull();
  });

  it('says which links only open here, and moves kept links to the current origin', () => {
    expect(isLocalOnlyLink('http://127.0.0.1:3000/b/abc#token=x')).toBe(true);
    expect(isLocalOnlyLink('http://192.168.1.20:3000/b/abc#token=x')).toBe(false);
    expect(isLocalOnlyLink('not a link')).toBe(false);
    expect(rebaseLink('http://127.0.0.1:3000/b/abc#token=xyz', 'http://192.168.1.20:3000')).toBe('http://192.168.1.20:3000/b/abc#token=xyz');
    expect(rebaseLink('https://old.example.org/warsztat/b/abc#token=xyz', 'https://new.example.org/')).toBe('https://new.example.org/b/abc#token=xyz');
    expect(rebaseLink('http://127.0.0.1:3000/idea/abc/key1', 'https://w.example.org/ws')).toBe('https://w.example.org/ws/idea/abc/key1');
    expect(rebaseLink('garbage', 'https://w.example.org')).toBe('garbage');
  });
});
