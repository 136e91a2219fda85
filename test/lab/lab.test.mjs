// JupyterLab 4 browser suite: Debian's chromium runs a notebook in the Lab
// frontend of test/lab as a student would (see harness.mjs) and checks what
// the student sees. Started by test/lab/run, which also passes
//   NOTEBOOK   the notebook's path below the server's root
//   EXPECT     its expectations (test/nbclient/*.expect.json)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, openLab } from './harness.mjs';

const notebook = env('NOTEBOOK');
const expect = JSON.parse(readFileSync(env('EXPECT'), 'utf8'));
const screenshots = env('SCREENSHOTS');

let lab;

before(async () => {
  lab = await openLab();
  await lab.openNotebook(notebook);
});

after(async () => {
  await lab?.close();
});

const isPicture = (o) => Object.keys(o.data ?? {}).some((m) => m.startsWith('image/'));

test('Restart Kernel and Run All Cells shows every output, no error', async () => {
  assert.match(await lab.page.innerText('.jp-KernelName'), /Go/, 'the kernel shown in the toolbar');

  const { seconds, errors } = await lab.restartAndRunAll();
  console.log(`# Restart Kernel and Run All Cells finished in ${seconds.toFixed(1)}s`);
  assert.deepEqual(errors, [], 'error outputs');

  const cells = [];
  for (let i = 0; i < await lab.cellCount(); i++) cells.push(await lab.cellInfo(i));
  const outputs = cells.flatMap((c) => c.outputs);
  for (const [mime, want] of Object.entries(expect.mime_counts ?? {})) {
    const got = outputs.filter((o) => o.data?.[mime] !== undefined).length;
    assert.equal(got, want, `${mime} outputs`);
  }
  if (expect.no_stderr) {
    const stderr = outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => o.text);
    assert.deepEqual(stderr, [], 'stderr output');
  }

  // Every picture the kernel sent is rendered, visible, of real size, loaded.
  let pictures = 0;
  for (const [i, c] of cells.entries()) {
    const want = c.outputs.filter(isPicture).length;
    if (want === 0) continue;
    const cell = await lab.cellElement(i);
    const shown = await cell.$$('.jp-OutputArea-output img, .jp-RenderedSVG svg, .jp-RenderedSVG img');
    assert.equal(shown.length, want, `cell ${i + 1}: rendered pictures vs picture outputs`);
    for (const pic of shown) {
      pictures++;
      await pic.scrollIntoViewIfNeeded();
      assert.ok(await pic.isVisible(), `cell ${i + 1}: picture not visible`);
      const box = await pic.boundingBox();
      assert.ok(box && box.width >= 16 && box.height >= 16, `cell ${i + 1}: picture is ${JSON.stringify(box)}`);
      const loaded = await pic.evaluate((el) => el.tagName.toLowerCase() !== 'img' || (el.complete && el.naturalWidth > 0));
      assert.ok(loaded, `cell ${i + 1}: picture did not load`);
    }
  }
  assert.equal(pictures, outputs.filter(isPicture).length, 'pictures rendered in all');
  console.log(`# ${pictures} pictures rendered`);

  // The texts a student reads: the epoch log, the live output's final state.
  for (const p of expect.browser_patterns ?? []) {
    const texts = [];
    for (const [i, c] of cells.entries()) {
      if (c.type === 'code' && (!p.tag || c.tags.includes(p.tag))) texts.push(await lab.cellText(i));
    }
    const text = texts.join('\n');
    const found = new RegExp(p.regex, 'm').test(text);
    const where = p.tag ? `cells tagged ${p.tag}` : 'the notebook';
    assert.equal(found, !p.absent, `${p.what ?? p.regex}: /${p.regex}/ ${p.absent ? 'shown' : 'not shown'} in ${where}:\n${text.slice(0, 2000)}`);
  }

  // The screenshot for the README: the cell tagged "screenshot", else the
  // first picture, at the top of the notebook, the file browser closed.
  let shot = cells.findIndex((c) => c.tags.includes('screenshot'));
  if (shot < 0) shot = cells.findIndex((c) => c.outputs.some(isPicture));
  await lab.closeLeftSidebar();
  if (shot >= 0) await lab.scrollToCell(shot, 'start');
  const path = join(screenshots, notebook.replace(/\.ipynb$/, '.png'));
  await lab.page.screenshot({ path });
  console.log(`# screenshot: ${path}`);
});

// The notebook's cell tagged "tweak" (xor.ipynb's section 10) shows sliders,
// a Train button, a result line and pictures, all widgets whose callbacks are
// Go functions of the cell: moving a slider with the keyboard and clicking the
// button must retrain in the kernel and change what the student sees.
test('widgets: a slider and a button run the Go callbacks, the picture changes', async (t) => {
  let tweak = -1;
  for (let i = 0; i < await lab.cellCount(); i++) {
    if ((await lab.cellInfo(i)).tags.includes('tweak')) tweak = i;
  }
  if (tweak < 0) {
    t.skip('no cell tagged "tweak"');
    return;
  }
  const cell = await lab.cellElement(tweak);
  const area = (sel) => cell.asElement().$$(sel);
  // The widget manager draws the views: two sliders of ints, one log slider, a button.
  const dump = () => lab.page.evaluate((n) => {
    const node = window.jupyterapp.shell.currentWidget.content.widgets[n].outputArea.node;
    return node.innerText.slice(0, 1500) + '\n---\n' + node.innerHTML.replace(/src="[^"]{60,}"/g, 'src="…"').slice(0, 4000);
  }, tweak);
  try {
    await lab.page.waitForFunction((n) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
      return node.querySelectorAll('.widget-slider .noUi-handle').length === 3 &&
        node.querySelectorAll('img').length === 2 && [...node.querySelectorAll('img')].every((i) => i.naturalWidth > 0);
    }, tweak, { timeout: 60_000 });
  } catch (err) {
    await lab.page.screenshot({ path: join(screenshots, 'widgets-failed.png') });
    throw new Error(`the widgets were not drawn: ${err.message}\n${await dump()}`);
  }
  const state = () => lab.page.evaluate((n) => {
    const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
    const label = node.querySelector('div.widget-label')?.innerText ?? '';
    return { label, boundary: node.querySelectorAll('img')[0].src };
  }, tweak);
  const before = await state();
  assert.match(before.label, /^run 1: 2-16-1, /, 'the result line after the cell ran');

  // The "hidden units" slider: drag its handle to the right with the mouse.
  const handles = await area('.widget-slider .noUi-handle');
  const hb = await handles[0].boundingBox();
  await lab.page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await lab.page.mouse.down();
  await lab.page.mouse.move(hb.x + hb.width / 2 + 40, hb.y + hb.height / 2, { steps: 4 });
  await lab.page.mouse.up();
  const units = /run (\d+): 2-(\d+)-1, /;
  try {
    await lab.page.waitForFunction(([n, src, re]) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
      const m = (node.querySelector('div.widget-label')?.innerText ?? '').match(new RegExp(re));
      const img = node.querySelectorAll('img')[0];
      return m && Number(m[2]) > 16 && img.src !== src && img.naturalWidth > 0;
    }, [tweak, before.boundary, units.source], { timeout: 60_000 });
  } catch (err) {
    await lab.page.screenshot({ path: join(screenshots, 'widgets-failed.png') });
    throw new Error(`moving the slider changed nothing: ${err.message}\n${await dump()}`);
  }
  await lab.settled();
  const moved = (await state()).label.match(units);
  assert.ok(moved && Number(moved[2]) > 16, `the slider retrained a bigger network: ${moved}`);

  const button = await cell.asElement().$('button.widget-button');
  assert.equal((await button.innerText()).trim(), 'Train');
  await button.click();
  const next = `run ${Number(moved[1]) + 1}: 2-${moved[2]}-1`;
  await lab.page.waitForFunction(([n, want]) => (window.jupyterapp.shell.currentWidget.content.widgets[n].node
    .querySelector('div.widget-label')?.innerText ?? '').startsWith(want), [tweak, next], { timeout: 60_000 });
  assert.deepEqual(await lab.errors(), [], 'error outputs');
  await lab.closeLeftSidebar();
  await (await cell.asElement().$('.widget-vbox')).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const path = join(screenshots, notebook.replace(/\.ipynb$/, '.widgets.png'));
  await lab.page.screenshot({ path });
  console.log(`# screenshot: ${path}`);
});

test('Tab completion offers Println after fmt.Print', async () => {
  await lab.kernelIdle();
  await lab.newCell();
  await lab.page.keyboard.type('import "fmt"\nfmt.Print');
  await lab.page.keyboard.press('Tab');
  await lab.page.waitForSelector('.jp-Completer .jp-Completer-item', { timeout: 15_000 });
  const items = await lab.page.$$eval('.jp-Completer .jp-Completer-item .jp-Completer-match', (els) => els.map((e) => e.textContent));
  assert.ok(items.some((t) => /^(fmt\.)?Println$/.test(t)), `completions: ${items.join(', ')}`);
  await lab.page.keyboard.press('Escape');
  await lab.command('notebook:delete-cell');
});

test('Shift+Tab shows the documentation of nnlib.NewSequential', async () => {
  await lab.kernelIdle();
  await lab.newCell();
  await lab.page.keyboard.type('model := nnlib.NewSequential');
  await lab.page.keyboard.press('Shift+Tab');
  const tooltip = await lab.page.waitForSelector('.jp-Tooltip', { timeout: 15_000 });
  const text = await tooltip.innerText();
  assert.match(text, /NewSequential/, `tooltip:\n${text}`);
  assert.match(text, /func NewSequential\(/, `tooltip has no signature:\n${text}`);
  await lab.page.keyboard.press('Escape');
  await lab.command('notebook:delete-cell');
});

test('the interrupt button stops an endless loop and the kernel keeps its state', async () => {
  await lab.kernelIdle();
  await lab.runNewCell('kept := 41');
  const loop = await lab.runNewCell('n := 0\nfor {\n\tn++\n}', { wait: false });
  await lab.page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === 'busy');
  await lab.page.click('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]');
  await lab.kernelIdle(15_000);
  await lab.page.waitForFunction((n) => typeof window.jupyterapp.shell.currentWidget.content.widgets[n].model.executionCount === 'number', loop);
  const check = await lab.runNewCell('kept + 1');
  assert.match(await lab.cellText(check), /\b42\b/, 'the variable defined before the interrupt is gone');
});

test('Kernel › Restart Kernel… from the menu gives a fresh kernel that runs cells', async () => {
  await lab.kernelIdle();
  const before = await lab.runNewCell('kept');
  assert.match(await lab.cellText(before), /\b41\b/);
  await lab.menu('Kernel', 'Restart Kernel…');
  await lab.acceptDialog('Restart');
  await lab.kernelIdle(30_000);
  const gone = await lab.runNewCell('kept');
  assert.match(await lab.cellText(gone), /undefined: kept/, 'state survived the restart');
  const fresh = await lab.runNewCell('kept := 7\nkept * 6');
  assert.match(await lab.cellText(fresh), /\b42\b/);
});

test('the page logged no error but the known 404s of jupyter_server 1.x', async () => {
  assert.deepEqual(lab.pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(lab.consoleErrors(), [], 'errors in the browser console');
});
