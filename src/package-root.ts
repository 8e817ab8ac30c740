// Files shipped beside the code (package.json, the bundled scenarios, targets/, the report's
// prebuilt script and styles) are found from the package root. This module sits one folder below
// the root both as source (src/package-root.ts) and inside the built bundles (dist/*.mjs, which
// inline it), so the same relative URL names the root in both layouts.
import { fileURLToPath } from 'node:url';

/** Defined as `true` by the build (scripts/build.ts); absent when the TypeScript sources run. */
declare const CLUSTERLAB_BUILT: boolean | undefined;

/** True inside the built bundles (dist/), false when running the TypeScript sources (tsx, vitest). */
export const BUILT: boolean = typeof CLUSTERLAB_BUILT !== 'undefined' && CLUSTERLAB_BUILT;

/** The package root, as a directory URL. */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** Absolute path of `relative` (a path with `/`, ending in `/` for a folder) under the package root. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, PACKAGE_ROOT));
}
