// A student's JupyterLab 4 session in Debian's chromium (playwright-core),
// for the browser suites of test/lab: open a notebook, run it all, read what
// the student sees. test/lab/run serves the Lab frontend and passes
//   JUPYTER_URL    the server's base URL, JUPYTER_TOKEN its token
//   SCREENSHOTS    the directory for screenshots
// Another suite reuses it as:
//   const lab = await openLab();
//   await lab.openNotebook('widgets.ipynb');
//   await lab.restartAndRunAll();
//   ... lab.page, lab.cellText(i), lab.errors() ...
//   await lab.close();
// Lab 4 renders only the cells near the viewport: the helpers that read a
// cell's rendering scroll it into view first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** env returns the environment variable name, which test/lab/run sets. */
export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run test/lab/run`);
  return v;
}

const RUN_ALL_TIMEOUT = 150_000;

/**
 * openLab starts a fresh chromium profile and returns a Lab session on the
 * server named by JUPYTER_URL and JUPYTER_TOKEN.
 */
export async function openLab({ width = 1280, height = 1000 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'gokernel-lab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width, height },
  });
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => {
    pageErrors.push(err.message);
    console.error('page error:', err.message);
  });
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return new LabSession(context, page, profile, pageErrors, consoleErrors);
}

/** LabSession is one browser tab on the Lab frontend. */
export class LabSession {
  constructor(context, page, profile, pageErrors, consoleErrors) {
    this.context = context;
    this.page = page;
    this.profile = profile;
    this.pageErrors = pageErrors;
    this.allConsoleErrors = consoleErrors;
    this.baseURL = env('JUPYTER_URL');
    this.token = env('JUPYTER_TOKEN');
  }

  /**
   * consoleErrors returns the errors logged in the browser console so far,
   * but those of jupyter_server 1.x answering 404 to what Lab 4 asks of a
   * 2.x server (/api/me, /api/events/subscribe): a plugin that failed to
   * activate, an exception a widget caught, …
   */
  consoleErrors() {
    return this.allConsoleErrors.filter((text) =>
      !/^Failed to load resource: the server responded with a status of 404/.test(text) &&
      !/\/api\/events\/subscribe' failed/.test(text));
  }

  /** close ends the browser and removes its profile. */
  async close() {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }

  /**
   * openNotebook opens path (below the server's root) at /lab/tree/, as a
   * link a teacher hands out would, and waits until its kernel is idle.
   */
  async openNotebook(path) {
    const began = Date.now();
    const url = `${this.baseURL}/lab/tree/${path.split('/').map(encodeURIComponent).join('/')}?token=${this.token}`;
    await this.page.goto(url);
    await this.page.waitForFunction((p) => {
      const w = window.jupyterapp?.shell.currentWidget;
      return w?.context?.path === p && w.sessionContext?.session?.kernel && w.content?.widgets.length > 0;
    }, path, { timeout: 90_000 });
    const loaded = (Date.now() - began) / 1000;
    await this.kernelIdle(60_000);
    console.log(`# opened ${path} in ${loaded.toFixed(1)} s, kernel idle after ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }

  /** kernelStatus is the kernel's status as the notebook shows it ('idle', 'busy', …). */
  kernelStatus() {
    return this.page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus);
  }

  /** kernelIdle waits until the open notebook's kernel is idle. */
  kernelIdle(timeout = 30_000) {
    return this.page.waitForFunction(
      () => window.jupyterapp.shell.currentWidget?.sessionContext?.kernelDisplayStatus === 'idle', null, { timeout });
  }

  /** command runs a Lab command by id (for set-up a student does with the mouse). */
  command(id, args = {}) {
    return this.page.evaluate(([c, a]) => window.jupyterapp.commands.execute(c, a), [id, args]);
  }

  /** menu clicks title in the menu bar, then the item labelled label. */
  async menu(title, label) {
    await this.page.click(`#jp-MainMenu .lm-MenuBar-itemLabel:text-is("${title}")`);
    await this.page.click(`.lm-Menu:visible .lm-Menu-itemLabel:text-is("${label}")`);
  }

  /** acceptDialog clicks the accept button of the open dialog (e.g. "Restart"). */
  async acceptDialog(label) {
    const button = label ? `.jp-Dialog .jp-Dialog-button.jp-mod-accept:has-text("${label}")` : '.jp-Dialog .jp-Dialog-button.jp-mod-accept';
    await this.page.click(button);
    await this.page.waitForSelector('.jp-Dialog', { state: 'detached' });
  }

  /**
   * restartAndRunAll clears the saved outputs, then chooses Kernel ›
   * Restart Kernel and Run All Cells… and confirms, as a student would.
   * It returns once every code cell has run and the outputs stopped
   * changing, or as soon as one shows an error: {seconds, errors}.
   */
  async restartAndRunAll() {
    await this.command('notebook:clear-all-cell-outputs');
    await this.menu('Kernel', 'Restart Kernel and Run All Cells…');
    await this.acceptDialog('Restart');
    const began = Date.now();
    await this.page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const cells = panel.content.widgets.filter((c) => c.model.type === 'code');
      if (cells.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === 'error'))) return true;
      const done = cells.filter((c) => c.model.sharedModel.getSource().trim() !== '')
        .every((c) => typeof c.model.executionCount === 'number');
      return done && panel.sessionContext.kernelDisplayStatus === 'idle';
    }, null, { timeout: RUN_ALL_TIMEOUT, polling: 200 });
    const seconds = (Date.now() - began) / 1000;
    await this.settled();
    return { seconds, errors: await this.errors() };
  }

  /**
   * settled waits until the kernel has been idle, with no output changing,
   * for a second: a cell's reply and its last outputs travel on different
   * channels.
   */
  async settled() {
    const snapshot = () => this.page.evaluate(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      return panel.sessionContext.kernelDisplayStatus + JSON.stringify(panel.content.widgets
        .filter((c) => c.model.type === 'code').map((c) => c.model.outputs.toJSON())).length;
    });
    // Polls the model every 200 ms; 5 equal idle snapshots in a row.
    let last = '';
    for (let quiet = 0; quiet < 5;) {
      await this.page.waitForTimeout(200);
      const now = await snapshot();
      quiet = now === last && now.startsWith('idle') ? quiet + 1 : 0;
      last = now;
    }
  }

  /** errors returns the error outputs of the notebook as "ename: evalue" strings. */
  errors() {
    return this.page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets
      .filter((c) => c.model.type === 'code')
      .flatMap((c) => c.model.outputs.toJSON())
      .filter((o) => o.output_type === 'error')
      .map((o) => `${o.ename}: ${o.evalue}`));
  }

  /** cellCount is the number of cells of the open notebook. */
  cellCount() {
    return this.page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.length);
  }

  /** cellInfo describes cell i's model: type, tags, outputs (nbformat JSON). */
  cellInfo(i) {
    return this.page.evaluate((n) => {
      const c = window.jupyterapp.shell.currentWidget.content.widgets[n];
      return {
        type: c.model.type,
        tags: c.model.getMetadata('tags') ?? [],
        executionCount: c.model.type === 'code' ? c.model.executionCount : null,
        outputs: c.model.type === 'code' ? c.model.outputs.toJSON() : [],
      };
    }, i);
  }

  /**
   * scrollToCell scrolls cell i into view (align: 'center', 'start', …)
   * and waits until Lab has rendered it.
   */
  async scrollToCell(i, align = 'center') {
    await this.page.evaluate(async ([n, a]) => {
      const nb = window.jupyterapp.shell.currentWidget.content;
      await nb.scrollToItem(n, a);
    }, [i, align]);
    // Rendered: attached, laid out, one output element per output, and
    // (content-visibility skips off-screen cells) its text readable.
    await this.page.waitForFunction((n) => {
      const c = window.jupyterapp.shell.currentWidget.content.widgets[n];
      if (!c.isAttached || !c.node.isConnected || c.node.offsetHeight === 0) return false;
      if (c.model.type !== 'code' || c.model.outputs.length === 0) return true;
      const area = c.outputArea.node;
      return area.querySelectorAll(':scope > .jp-OutputArea-child').length === c.model.outputs.length &&
        (area.innerText.trim() !== '' || area.querySelector('img, svg') !== null);
    }, i, { timeout: 30_000 });
  }

  /** closeLeftSidebar collapses the left area (the file browser). */
  async closeLeftSidebar() {
    await this.page.evaluate(() => window.jupyterapp.shell.collapseLeft());
    await this.page.waitForFunction(() => window.jupyterapp.shell.leftCollapsed);
  }

  /** cellElement is a handle on cell i's DOM node (scrolled into view first). */
  async cellElement(i) {
    await this.scrollToCell(i);
    return this.page.evaluateHandle((n) => window.jupyterapp.shell.currentWidget.content.widgets[n].node, i);
  }

  /** cellText is the text a student reads in cell i's output area. */
  async cellText(i) {
    // A cell whose outputs hold text (a stream, an error, a table) is read once that
    // text is on screen: Lab may lay a cell out (its pictures counted)
    // before its text is painted, and skips painting cells out of view.
    const read = () => this.page.evaluate((n) => {
      const c = window.jupyterapp.shell.currentWidget.content.widgets[n];
      const picture = (d) => ['image/png', 'image/svg+xml', 'image/jpeg', 'image/gif'].some((m) => d[m] !== undefined);
      const wantsText = c.model.type === 'code' && c.model.outputs.toJSON()
        .some((o) => o.output_type === 'stream' || o.output_type === 'error' ||
          (o.data && !picture(o.data) && Object.keys(o.data).some((m) => m.startsWith('text/'))));
      const text = c.outputArea?.node.innerText ?? '';
      return { text, ready: !wantsText || text.trim() !== '' };
    }, i);
    const deadline = Date.now() + 60_000;
    for (;;) {
      await this.scrollToCell(i, 'start');
      const { text, ready } = await read();
      if (ready || Date.now() > deadline) return text;
      await this.page.waitForTimeout(200);
    }
  }

  /**
   * runNewCell adds a code cell at the bottom holding code, runs it with
   * Shift+Enter and waits until it has run, its outputs have settled and
   * the kernel is idle; it returns the cell's index.
   */
  async runNewCell(code, { wait = true } = {}) {
    const i = await this.newCell();
    await this.page.keyboard.insertText(code);
    await this.page.keyboard.press('Shift+Enter');
    if (wait) {
      await this.page.waitForFunction((n) => typeof window.jupyterapp.shell.currentWidget.content.widgets[n].model.executionCount === 'number', i, { timeout: 30_000 });
      await this.settled();
    }
    return i;
  }

  /** newCell adds an empty code cell at the bottom, in edit mode, and returns its index. */
  async newCell() {
    await this.page.evaluate(() => {
      const nb = window.jupyterapp.shell.currentWidget.content;
      nb.activeCellIndex = nb.widgets.length - 1;
    });
    await this.command('notebook:insert-cell-below');
    await this.command('notebook:change-cell-to-code');
    await this.command('notebook:enter-edit-mode');
    const i = await this.page.evaluate(() => window.jupyterapp.shell.currentWidget.content.activeCellIndex);
    await this.page.waitForFunction((n) => {
      const c = window.jupyterapp.shell.currentWidget.content.widgets[n];
      return c.editor?.hasFocus();
    }, i);
    return i;
  }
}
