// Server bundle: src/gas/main.ts → dist/Code.js (+ dist/appsscript.json).
// esbuild-loader transpiles TypeScript (no type checking here: `npm run typecheck` does that);
// gas-webpack-plugin turns each `global.name = ...` in src/gas/main.ts into a top-level
// `function name() {}` that Apps Script can call. The output is left unminified so that stack
// traces in the Apps Script log stay readable.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');

/** Emits the root appsscript.json into dist/ (clasp uploads only dist/). */
class ManifestPlugin {
  apply(compiler) {
    const manifest = path.resolve(__dirname, 'appsscript.json');
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.fileDependencies.add(manifest);
      compilation.hooks.processAssets.tap(
        { name: 'ManifestPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const source = fs.readFileSync(manifest, 'utf8');
          JSON.parse(source); // fail the build on a broken manifest
          compilation.emitAsset('appsscript.json', new compiler.webpack.sources.RawSource(source));
        },
      );
    });
  }
}

module.exports = {
  context: __dirname,
  mode: 'production',
  target: ['web', 'es2020'],
  entry: { Code: './src/gas/main.ts' },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    // dist/Sidebar.html is written by scripts/build-sidebar.mjs; keep it when rebuilding the server.
    clean: { keep: /Sidebar\.html$/ },
  },
  devtool: false,
  resolve: {
    extensions: ['.ts', '.js'],
    // Allow `import './x.js'` (ESM style) to resolve to x.ts.
    extensionAlias: { '.js': ['.ts', '.js'] },
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'esbuild-loader',
        options: { loader: 'ts', target: 'es2020' },
      },
      {
        // ical-generator ships ES2022 (class fields); lower it to what the rest of Code.js targets.
        test: /\.[cm]?js$/,
        include: /node_modules[\\/]ical-generator[\\/]/,
        loader: 'esbuild-loader',
        options: { loader: 'js', target: 'es2020' },
      },
    ],
  },
  optimization: {
    minimize: false, // readable Code.js; size is not a constraint for Apps Script here
    concatenateModules: true, // one scope: no module wrappers, smaller and easier to read
  },
  performance: { hints: false },
  // No filesystem cache: gas-webpack-plugin's dependency cannot be serialised (webpack warns);
  // a clean build takes about a second.
  plugins: [
    // Only the entry file declares entry points; skipping the others keeps the build fast.
    new GasPlugin({ comment: true, include: ['src/gas/main.ts'] }),
    new ManifestPlugin(),
  ],
};
