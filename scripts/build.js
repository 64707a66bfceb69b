// Builds every package for Node 20: type declarations with tsc, and JavaScript bundled by esbuild, one file
// per entry point (a start loads a few files, not hundreds). A package's runtime dependencies stay imports;
// the pure-JavaScript libraries it lists as devDependencies are bundled in (their licenses travel in
// dist/THIRD-PARTY-LICENSES.md).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const PACKAGES = {
  protocol: ['src/index.ts', 'src/signature.ts'],
  sandbox: ['src/index.ts'],
  server: ['src/index.ts', 'src/testing.ts'],
  cli: ['src/cli.ts'],
};

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli/tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

/** Declarations of sources since removed (tsc -b leaves them) would ship in the tarball: they go. */
function removeStaleDeclarations(dir) {
  for (const file of readdirSync(join(dir, 'dist'), { recursive: true })) {
    if (!file.endsWith('.d.ts')) continue;
    if (!existsSync(join(dir, 'src', file.replace(/\.d\.ts$/, '.ts')))) rmSync(join(dir, 'dist', file));
  }
}

for (const [name, entries] of Object.entries(PACKAGES)) {
  const dir = join(root, 'packages', name);
  removeStaleDeclarations(dir);
  const manifest = readJson(join(dir, 'package.json'));
  const bundled = Object.keys(manifest.devDependencies ?? {});
  // tsc writes only declarations here: the JavaScript at the top is the last bundle's.
  for (const file of readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.js')))
    rmSync(join(dir, 'dist', file));
  await build({
    absWorkingDir: dir,
    entryPoints: entries.filter((entry) => existsSync(join(dir, entry))),
    outdir: 'dist',
    outbase: 'src',
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Everything but the bundled libraries stays an import, resolved from the installed dependencies.
    plugins: [
      {
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            const pkg = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
            return bundled.includes(pkg) ? undefined : { path, external: true };
          });
        },
      },
    ],
    // Bundled CommonJS code may call require().
    banner: {
      js: "import { createRequire as __parleyRequire } from 'node:module';\nconst require = __parleyRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'dist/THIRD-PARTY-LICENSES.md'), licenses(dir, bundled));
  // npm packs a package's own LICENSE: each gets the repository's.
  cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
}
cpSync(
  join(root, 'packages/server/src/sandbox/demo-world.yaml'),
  join(root, 'packages/server/dist/demo-world.yaml'),
);
await buildConsole(join(root, 'packages/console'));

/**
 * The web console: one script and one stylesheet for the browser, with Preact, TanStack Virtual and the typed
 * sandbox client in them, beside the page that loads them. Parley serves the folder at /console/.
 */
async function buildConsole(dir) {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  await build({
    absWorkingDir: dir,
    entryPoints: { app: 'src/main.tsx' },
    outdir: 'dist',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['parley-source'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  cpSync(join(dir, 'src/index.html'), join(dir, 'dist/index.html'));
  const bundled = Object.keys(readJson(join(dir, 'package.json')).devDependencies ?? {});
  writeFileSync(
    join(dir, 'dist/THIRD-PARTY-LICENSES.md'),
    licenses(
      dir,
      bundled.filter((pkg) => !pkg.startsWith('@parley/')),
    ),
  );
  cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
}

/** Where a package is installed, as Node finds it from `dir`. */
function installed(dir, pkg) {
  for (let at = dir; ; at = dirname(at)) {
    const base = join(at, 'node_modules', pkg);
    if (existsSync(join(base, 'package.json'))) return base;
    if (dirname(at) === at) throw new Error(`${pkg} is not installed`);
  }
}

function licenses(dir, names) {
  const sections = names.map((pkg) => {
    const base = installed(dir, pkg);
    const { version, license } = readJson(join(base, 'package.json'));
    const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license']
      .map((f) => join(base, f))
      .find(existsSync);
    return `## ${pkg} ${version} (${license})\n\n${file ? readFileSync(file, 'utf8').trim() : license}\n`;
  });
  return `# Bundled libraries\n\n${sections.length ? sections.join('\n') : 'None.\n'}`;
}
