import { register } from 'node:module';

/**
 * Lets config files and local plugins `import { defineConfig } from 'uml-flow'` even where
 * uml-flow is not installed beside them (a fresh project, `uml-flow init`): when Node cannot
 * resolve `uml-flow` or `uml-flow/testing` itself, it resolves to this running copy.
 */
export function registerSelfResolution(): void {
  // Loader hooks need compiled JavaScript; under the test runner's TypeScript they are not needed.
  if (!import.meta.url.endsWith('.js')) return;
  register(new URL('./self-resolve-hooks.js', import.meta.url), { data: { index: new URL('./index.js', import.meta.url).href, testing: new URL('./testing.js', import.meta.url).href } });
}
