import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // shared/ is isomorphic: it must run in the browser and in Node alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: ['node:*', 'fs', 'path', 'react', 'react-dom', 'konva', 'react-konva', 'express', 'ws', 'better-sqlite3', 'pg', 'ioredis', 'socket.io'],
      }],
    },
  },
  {
    // Live sync holds each board's facilitation (server/sync/room.ts); facilitation reaches the
    // board only through server/facilitation/board.ts, so the two never import each other.
    files: ['server/facilitation/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sync/*', '../personal-links'], message: 'facilitation must not import live sync: name what it needs in server/facilitation/board.ts' }] }],
    },
  },
);
