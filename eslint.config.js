import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Modules that must stay pure: no React, no MapLibre, no store. */
const PURE_DIRECTORIES = [
  'src/analysis/**',
  'src/data/**',
  'src/export/**',
  'src/layers/**',
  'src/state/url_hash.ts',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'public/', 'src/**/*.as.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/map/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'maplibre-gl', message: 'Only src/map/ talks to MapLibre.' }] },
      ],
    },
  },
  {
    files: PURE_DIRECTORIES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'maplibre-gl', message: 'Analysis, data and layer specs stay pure.' },
            { name: 'react', message: 'Analysis, data and layer specs stay pure.' },
            { name: 'zustand', message: 'Analysis, data and layer specs stay pure.' },
          ],
        },
      ],
    },
  },
);
