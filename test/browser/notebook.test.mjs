// Real-browser test: Debian's chromium, driven through playwright-core,
// runs a notebook in the classic Jupyter Notebook as a student would, and
// checks what the student sees. Started by test/browser/run, which serves
// the notebook and passes:
//   JUPYTER_URL    the server's base URL, JUPYTER_TOKEN its token
//   NOTEBOOK       the notebook's path below the server's root
//   EXPECT         its expectations (test/nbclient/*.expect.json)
//   SCREENSHOT     where to save the screenshot of the executed notebook
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run test/browser/run`);
  return v;
};
const baseURL = env('JUPYTER_URL');
const token = env('JUPYTER_TOKEN');
const notebookPath = env('NOTEBOOK');
const expect = JSON.parse(readFileSync(env('EXPECT'), 'utf8'));
const screenshot = env('SCREENSHOT');
const KERNEL = 'gokernel';
// Every wait below is for an event (a selector, a kernel state, an output);
// DEADLINE only bounds a hang. It is generous because a loaded 2-core
// machine can take tens of seconds to load a notebook page of pictures.
const DEADLINE = 180_000;
const RUN_ALL_TIMEOUT = 300_000;

let context, page, profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'gokernel-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 },
  });
  context.setDefaultTimeout(DEADLINE);
  context.setDefaultNavigationTimeout(DEADLINE);
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${baseURL}/notebooks/${encodeURIComponent(notebookPath)}?token=${token}`);
  await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: DEADLINE });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// kernelIdle waits until the kernel indicator shows idle.
const kernelIdle = (timeout = DEADLINE) =>
  page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout });

// menu opens a menu of the menu bar and clicks an item in it.
async function menu(title, item) {
  await page.click(`#menus a.dropdown-toggle:text-is("${title}")`);
  await page.click(item);
}

// runCellAtBottom adds a code cell holding code, runs it with Shift+Enter
// and returns the cell's index.
async function runCellAtBottom(code) {
  const index = await page.evaluate((text) => {
    const nb = Jupyter.notebook;
    const cell = nb.insert_cell_at_bottom('code');
    cell.set_text(text);
    const i = nb.ncells() - 1;
    nb.select(i);
    nb.edit_mode();
    return i;
  }, code);
  await page.keyboard.press('Shift+Enter');
  return index;
}

// settled waits until the kernel has been idle, with no output changing,
// for a second: the last cell's reply (which sets its prompt number) and
// its output travel on different channels.
async function settled() {
  let last = '';
  for (let quiet = 0; quiet < 5;) {
    await page.waitForTimeout(200);
    const now = await page.evaluate(() => (document.querySelector('#kernel_indicator_icon.kernel_idle_icon') ? 'idle' : 'busy') +
      JSON.stringify(Jupyter.notebook.get_cells().map((c) => c.output_area?.outputs ?? [])).length);
    quiet = now === last && now.startsWith('idle') ? quiet + 1 : 0;
    last = now;
  }
}

const outputText = (index) =>
  page.evaluate((i) => Jupyter.notebook.get_cell(i).element[0].querySelector('.output_wrapper').innerText, index);

test('Restart & Run All with the Go kernel shows every output, no error', async () => {
  // Choose the Go kernel from the menu, as a student would.
  await page.click('#menus a.dropdown-toggle:text-is("Kernel")');
  await page.hover('#menu-change-kernel');
  await page.click(`#kernel-submenu-${KERNEL}`);
  await page.waitForFunction((k) => Jupyter.notebook.kernel?.name === k && Jupyter.notebook.kernel.is_connected(), KERNEL);
  await kernelIdle();
  assert.match(await page.innerText('.kernel_indicator_name'), /Go/);

  // Clear the saved outputs so that only this run's can count, then
  // Restart & Run All and confirm the dialog.
  await page.evaluate(() => Jupyter.notebook.clear_all_output());
  await menu('Kernel', '#restart_run_all > a');
  await page.click('.modal-footer button.btn-danger');
  const began = Date.now();
  const outcome = await page.waitForFunction(() => {
    if (document.querySelector('#notebook .output_error')) return 'error';
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && c.get_text().trim() !== '');
    const done = cells.every((c) => typeof c.input_prompt_number === 'number');
    return done && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') ? 'done' : false;
  }, null, { timeout: RUN_ALL_TIMEOUT, polling: 200 });
  const seconds = (Date.now() - began) / 1000;
  await settled();
  console.log(`# Restart & Run All finished in ${seconds.toFixed(1)}s`);

  const errors = await page.$$eval('#notebook .output_error', (els) => els.map((e) => e.innerText.slice(0, 500)));
  assert.equal(await outcome.jsonValue(), 'done', `error output:\n${errors.join('\n')}`);
  assert.deepEqual(errors, []);

  // Every picture the kernel sent is rendered as a visible image of real size.
  const modelPictures = await page.evaluate(() => Jupyter.notebook.get_cells()
    .filter((c) => c.cell_type === 'code')
    .flatMap((c) => c.output_area.outputs)
    .filter((o) => Object.keys(o.data ?? {}).some((m) => m.startsWith('image/'))).length);
  const pictures = await page.$$('#notebook .output_png img, #notebook .output_jpeg img, #notebook .output_svg svg');
  assert.equal(pictures.length, modelPictures, 'rendered pictures vs picture outputs');
  const wantPNG = expect.mime_counts?.['image/png'];
  if (wantPNG !== undefined) {
    const png = await page.evaluate(() => Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code')
      .flatMap((c) => c.output_area.outputs).filter((o) => o.data?.['image/png']).length);
    assert.equal(png, wantPNG, 'image/png outputs');
  }
  for (const [i, pic] of pictures.entries()) {
    await pic.scrollIntoViewIfNeeded();
    assert.ok(await pic.isVisible(), `picture ${i + 1} is not visible`);
    const box = await pic.boundingBox();
    assert.ok(box && box.width >= 16 && box.height >= 16, `picture ${i + 1} is ${JSON.stringify(box)}`);
    const loaded = await pic.evaluate((el) => el.tagName.toLowerCase() !== 'img' || (el.complete && el.naturalWidth > 0));
    assert.ok(loaded, `picture ${i + 1} did not load`);
  }

  // The texts a student reads: the epoch log, the live output's final state.
  for (const p of expect.browser_patterns ?? []) {
    const texts = await page.evaluate((tag) => Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === 'code' && (!tag || (c.metadata.tags ?? []).includes(tag)))
      .map((c) => c.element[0].querySelector('.output_wrapper').innerText), p.tag ?? null);
    const text = texts.join('\n');
    const found = new RegExp(p.regex, 'm').test(text);
    const where = p.tag ? `cells tagged ${p.tag}` : 'the notebook';
    assert.equal(found, !p.absent, `${p.what ?? p.regex}: /${p.regex}/ ${p.absent ? 'shown' : 'not shown'} in ${where}:\n${text.slice(0, 2000)}`);
  }

  // The screenshot for the README: the cell tagged "screenshot", else the
  // first picture, with what precedes it.
  await page.evaluate(() => {
    const cells = Jupyter.notebook.get_cells();
    let cell = cells.find((c) => (c.metadata.tags ?? []).includes('screenshot'));
    cell ??= cells.find((c) => c.element[0].querySelector('.output_png, .output_svg'));
    cell?.element[0].scrollIntoView({ block: 'center' });
  });
  await page.screenshot({ path: screenshot });
  console.log(`# screenshot: ${screenshot}`);
});

test('Tab completion offers Println after fmt.Print', async () => {
  const index = await page.evaluate(() => {
    const nb = Jupyter.notebook;
    nb.insert_cell_at_bottom('code');
    const i = nb.ncells() - 1;
    nb.select(i);
    nb.edit_mode();
    return i;
  });
  await page.keyboard.type('import "fmt"\nfmt.Print');
  await page.keyboard.press('Tab');
  await page.waitForSelector('#complete select option', { timeout: DEADLINE });
  const options = await page.$$eval('#complete select option', (os) => os.map((o) => o.textContent));
  assert.ok(options.includes('Println'), `completions: ${options.join(', ')}`);
  await page.keyboard.press('Escape');
  await page.evaluate((i) => Jupyter.notebook.delete_cells([i]), index);
});

test('the interrupt button stops an endless loop and the kernel keeps its state', async () => {
  await kernelIdle();
  const setup = await runCellAtBottom('kept := 41');
  await page.waitForFunction((i) => typeof Jupyter.notebook.get_cell(i).input_prompt_number === 'number', setup);
  await kernelIdle();

  const loop = await runCellAtBottom('n := 0\nfor {\n\tn++\n}');
  await page.waitForSelector('#kernel_indicator_icon.kernel_busy_icon');
  await page.waitForTimeout(1000);
  assert.ok(await page.$('#kernel_indicator_icon.kernel_busy_icon'), 'the loop is not running');
  await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
  await kernelIdle();
  await page.waitForFunction((i) => typeof Jupyter.notebook.get_cell(i).input_prompt_number === 'number', loop);

  const check = await runCellAtBottom('kept + 1');
  // The reply (which sets the prompt number) and the result travel on
  // different channels: wait for the output itself, then for idle.
  await page.waitForFunction((i) => {
    const c = Jupyter.notebook.get_cell(i);
    return typeof c.input_prompt_number === 'number' && c.output_area.outputs.length > 0;
  }, check, { timeout: DEADLINE });
  await settled();
  assert.match(await outputText(check), /\b42\b/, 'the variable defined before the interrupt is gone');
  const session = await page.evaluate(() => Jupyter.notebook.kernel.id);
  assert.ok(session, 'no kernel');
});
