// Builds the JupyterLab 4 frontend of the browser suite (make test-lab)
// from the packages in package.json. The bundle, the extensions' setting
// schemas and themes go to $LAB_BUILD (test/lab/run points it at a cache
// directory named by the lock file's hash), else to ./build.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const svgToDataURI = require('mini-svg-data-uri');
const pkg = require('./package.json');

const out = path.resolve(process.env.LAB_BUILD || path.join(__dirname, 'build'));

// Copies each extension's schemas and themes under out and writes
// out/style.js, which imports every extension's CSS.
const assets = Build.ensureAssets({ packageNames: pkg.jupyterlab.extensions, output: out });

module.exports = [
  {
    entry: './index.js',
    output: { path: out, filename: 'bundle.js' },
    mode: 'development',
    devtool: false,
    bail: true,
    resolve: {
      // style.js lives in out, outside this folder: resolve its imports here.
      modules: [path.join(__dirname, 'node_modules'), 'node_modules'],
      alias: { 'lab-build-style': path.join(out, 'style.js') },
      // Several @jupyterlab packages import ESM paths without extensions.
      fullySpecified: false,
    },
    module: {
      rules: [
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif|eot|html)$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
        // SVG inside CSS becomes a data URI; imported from JS, a string.
        {
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: 'asset/inline',
          generator: { dataUrl: (content) => svgToDataURI(content.toString()) },
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' },
      ],
    },
    plugins: [
      // Some packages read process.cwd() or process.env in the browser.
      new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } }),
    ],
  },
].concat(assets);
