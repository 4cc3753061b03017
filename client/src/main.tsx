// First, before any module builds a zod schema (the early connection's shared rules do).
import './app/zod-jitless';
import { connectEarly } from './sync/connection';

// The board starts travelling at once; the interface's code (React, Konva, panels, i18n)
// is a separate chunk parsed meanwhile, so first paint waits for the slower of the two,
// not their sum.
connectEarly();
void import('./app/mount');
