// Flat config: ESLint recommended + typescript-eslint recommended, and the layering rules that keep
// src/core pure (no Node, no Apps Script, no ExcelJS, no DOM), so both hosts can share it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout'].map(
    (name) => [name, 'readonly'],
  ),
);

/** Host-specific globals the core must not touch (Apps Script services, Node, the browser). */
const hostGlobals = [
  'SpreadsheetApp', 'HtmlService', 'PropertiesService', 'LockService', 'CacheService', 'ScriptApp',
  'Session', 'Utilities', 'UrlFetchApp', 'MailApp', 'GmailApp', 'DriveApp', 'DocumentApp', 'Logger',
  'google', 'process', 'Buffer', 'require', '__dirname', '__filename', 'window', 'document', 'navigator',
].map((name) => ({ name, message: 'src/core is host-independent: pass what you need in through the workflow / HostContext.' }));

export default defineConfig(
  { ignores: ['dist/', 'lib/', 'coverage/', 'test-output/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'src/core must not use Node APIs.' },
            { regex: '^(fs|path|os|crypto|child_process|url|util|stream|buffer)(/.*)?$', message: 'src/core must not use Node APIs.' },
            { regex: '^exceljs(/.*)?$', message: 'src/core must not depend on ExcelJS (a host library).' },
            { regex: '^\\.\\./(gas|node|workflows)(/|$)', message: 'src/core must not import hosts or workflows.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
);
