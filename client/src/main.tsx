// First, before any module builds a zod schema (the early connection's shared rules do).
import './app/zod-jitless';
import { routeOf } from '../../shared/protocol/routes';
import { connectEarly } from './sync/connection';

if (routeOf(location.pathname, location.hash).page === 'idea') {
  // Only under the Vite dev server: in production the server answers idea links with idea.html.
  void import('./idea/main');
} else {
  // The board starts travelling at once; the interface's code (React, Konva, panels, i18n)
  // is a separate chunk, fetched alongside (index.html preloads it) and parsed meanwhile, so
  // first paint waits for the slower of the two, not their sum.
  connectEarly();
  void import('./app/mount');
}
