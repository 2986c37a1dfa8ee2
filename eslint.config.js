// ESLint: typescript-eslint's type-aware recommended rules over the whole tree, zero warnings (npm test runs it).
// Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A variable a closure reads before its one assignment (src/index.ts's `bot`, read by the shutdown handler).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_name` marks what is left out on purpose (`const { flags: _flags, ...rest } = …`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The knowledge layer's front door returns a promise from every method, also from those that only hand on a
    // use case's promise (nothing to await there).
    files: ['src/knowledge/scope.ts', 'src/knowledge/knowledgeBase.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Tests cast the fake Discord's loosely typed JSON replies to the shape they read (`(await …) as Callback`);
    // the rule reports those casts as unnecessary although tsc needs every one of them.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    // The build and start scripts are plain Node.js (they run before anything is compiled): no types to check.
    files: ['scripts/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
