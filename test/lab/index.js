// The entry of the JupyterLab 4 frontend that test/lab serves: the plugins
// of the packages listed under "jupyterlab.extensions" in package.json.
// The started application is window.jupyterapp, for the browser suite.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets load from the server's static URL of this app.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

const styles = import('lab-build-style');

// pluginsOf returns the plugins a package exports (ESM default or CommonJS).
function pluginsOf(mod) {
  const exported = Object.prototype.hasOwnProperty.call(mod, '__esModule') || mod.default ? mod.default : mod;
  return Array.isArray(exported) ? exported : [exported];
}

// Plugins left out: language servers need a server extension this setup
// lacks; the others need packages this frontend does not include (document
// search, table of contents, metadata forms, consoles, the file editor).
const leftOut = new Set([
  '@jupyterlab/notebook-extension:search',
  '@jupyterlab/notebook-extension:toc',
  '@jupyterlab/notebook-extension:update-raw-mimetype',
  '@jupyterlab/tooltip-extension:consoles',
  '@jupyterlab/tooltip-extension:files',
]);
const usable = (mod) => pluginsOf(mod).filter(({ id }) => !id.includes(':language-server') && !leftOut.has(id));

window.addEventListener('load', async () => {
  await styles;
  const extensions = await Promise.all([
    import('@jupyterlab/application-extension'),
    import('@jupyterlab/apputils-extension'),
    import('@jupyterlab/codemirror-extension'),
    import('@jupyterlab/completer-extension'),
    import('@jupyterlab/docmanager-extension'),
    import('@jupyterlab/filebrowser-extension'),
    import('@jupyterlab/mainmenu-extension'),
    import('@jupyterlab/markedparser-extension'),
    import('@jupyterlab/notebook-extension'),
    import('@jupyterlab/rendermime-extension'),
    import('@jupyterlab/shortcuts-extension'),
    import('@jupyterlab/statusbar-extension'),
    import('@jupyterlab/theme-light-extension'),
    import('@jupyterlab/tooltip-extension'),
    import('@jupyterlab/translation-extension'),
    import('@jupyterlab/ui-components-extension'),
    import('@jupyter-widgets/jupyterlab-manager'),
  ]);
  const lab = new JupyterLab();
  lab.registerPlugins(extensions.flatMap(usable));
  await lab.start();
  await lab.restored;
  window.jupyterapp = lab;
});
