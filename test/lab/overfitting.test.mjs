// JupyterLab 4 suite for notebooks/overfitting.ipynb's section 9: the "L2
// strength" slider (a FloatLogSlider widget whose OnChange is a Go function of
// the cell) retrains the big network in the kernel when a student drags it,
// and the result line and the loss picture change. Dragged to its right end
// (strength 1), the penalty wins and the network underfits: validation
// accuracy 50%. Started by test/lab/run (see harness.mjs), which passes
// NOTEBOOKS_DIR, the server's root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, openLab } from './harness.mjs';

const name = 'overfitting-slider.ipynb';
const screenshots = env('SCREENSHOTS');

let lab;

before(async () => {
  copyFileSync(fileURLToPath(new URL('../../notebooks/overfitting.ipynb', import.meta.url)),
    join(env('NOTEBOOKS_DIR'), name));
  lab = await openLab();
  await lab.openNotebook(name);
});

after(async () => {
  await lab?.close();
});

test('overfitting.ipynb: dragging the L2 strength slider retrains the network in Go', async () => {
  const { errors } = await lab.restartAndRunAll();
  assert.deepEqual(errors, [], 'error outputs');
  let cellIndex = -1;
  for (let i = 0; i < await lab.cellCount(); i++) {
    if ((await lab.cellInfo(i)).tags.includes('tryl2')) cellIndex = i;
  }
  assert.ok(cellIndex >= 0, 'a cell tagged "tryl2"');
  await lab.scrollToCell(cellIndex);
  const cell = (await lab.cellElement(cellIndex)).asElement();
  const dump = () => lab.page.evaluate((n) => window.jupyterapp.shell.currentWidget.content.widgets[n]
    .outputArea.node.innerHTML.replace(/src="[^"]{60,}"/g, 'src="…"').slice(0, 4000), cellIndex);
  const state = () => lab.page.evaluate((n) => {
    const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
    const img = node.querySelector('.widget-image, img');
    return { label: node.querySelector('div.widget-label')?.innerText ?? '', src: img?.src ?? '', loaded: (img?.naturalWidth ?? 0) > 0 };
  }, cellIndex);
  try {
    await lab.page.waitForFunction((n) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
      const img = node.querySelector('img');
      return node.querySelectorAll('.widget-slider .noUi-handle').length === 1 && img && img.naturalWidth > 0 &&
        (node.querySelector('div.widget-label')?.innerText ?? '').startsWith('run 1: ');
    }, cellIndex, { timeout: 60_000 });
  } catch (err) {
    await lab.page.screenshot({ path: join(screenshots, 'overfitting-slider-failed.png') });
    throw new Error(`the slider, its result line and its picture were not drawn: ${err.message}\n${await dump()}`);
  }
  const before = await state();
  assert.match(before.label, /^run 1: L2 strength 0\.01: /, 'the result line after the cell ran');

  // Drag the handle far past the right end of the track: strength 10^0 = 1.
  const handle = await cell.$('.widget-slider .noUi-handle');
  const hb = await handle.boundingBox();
  await lab.page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await lab.page.mouse.down();
  await lab.page.mouse.move(hb.x + hb.width / 2 + 1000, hb.y + hb.height / 2, { steps: 5 });
  await lab.page.mouse.up();
  try {
    await lab.page.waitForFunction(([n, src]) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[n].node;
      const img = node.querySelector('img');
      return / L2 strength 1: .*validation accuracy 50%$/.test(node.querySelector('div.widget-label')?.innerText ?? '') &&
        img.src !== src && img.naturalWidth > 0;
    }, [cellIndex, before.src], { timeout: 90_000 });
  } catch (err) {
    await lab.page.screenshot({ path: join(screenshots, 'overfitting-slider-failed.png') });
    throw new Error(`dragging the slider to 1 did not retrain: ${err.message}\n${(await state()).label}\n${await dump()}`);
  }
  await lab.settled();
  const after = await state();
  // Every change of the value while dragging may retrain; the last run is at 1.
  assert.match(after.label, /^run \d+: L2 strength 1: training loss 0\.69\d, validation loss 0\.69\d, validation accuracy 50%$/,
    'the network underfits at strength 1');
  assert.deepEqual(await lab.errors(), [], 'error outputs');
  await lab.closeLeftSidebar();
  await (await cell.$('.widget-vbox')).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const path = join(screenshots, 'overfitting.slider.png');
  await lab.page.screenshot({ path });
  console.log(`# screenshot: ${path}`);
});
