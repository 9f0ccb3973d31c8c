import { IntakePage } from './pages/intake';
import { withFakeCamera } from './support/camera';
import { expect, screenshot, test } from './support/fixtures';

/** What the specs read of a <video> and an <img> in the page (the e2e project has no DOM types). */
interface Video {
  videoWidth: number;
  videoHeight: number;
}
interface Picture {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
}

// Chromium's synthetic camera (a moving test pattern; 2592×1458 for the screen's 2592-wide request)
// answers getUserMedia without a prompt. The config's own launch options stay.
test.use({ hostArgs: ['--simulate-devices'], launchOptions: withFakeCamera() });

test('document camera: F4 opens the live view and takes pages; rotate, reorder, crop and delete them', async ({
  page,
  host,
}) => {
  const intake = new IntakePage(page);
  await intake.setUpClerk(host.url, host.dataDir);
  await intake.pickMatter('jzz', 'GA-JZZSL-001');
  await intake.selectItem('photo');
  await expect(page.getByTestId('item-pages-photo')).toHaveText('0 页');

  // The first F4 only switches to the camera; the live view plays.
  await page.keyboard.press('F4');
  const live = page.getByTestId('camera-live');
  await expect(live).toBeVisible();
  await expect.poll(() => live.evaluate((v: Video) => v.videoWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('camera-capture')).toBeEnabled();
  await expect(page.getByTestId('item-pages-photo')).toHaveText('0 页');

  // Shift+F4 takes one page into the selected item and stays there (a document of several pages);
  // the newest page is shown. (F4 alone takes a page and moves on: keystrokes.spec.ts.)
  await page.keyboard.press('Shift+F4');
  await expect(page.getByTestId('item-pages-photo')).toHaveText('1 页');
  await page.keyboard.press('Shift+F4');
  await expect(page.getByTestId('item-pages-photo')).toHaveText('2 页');
  await expect(intake.item('photo')).toHaveClass(/selected/);
  await expect(page.getByTestId('file-1')).toHaveClass(/selected/);
  const viewer = page.getByTestId('viewer-image');
  await expect(viewer).toBeVisible();
  const firstSrc = await page.getByTestId('file-0').locator('img').getAttribute('src');
  const secondSrc = await viewer.getAttribute('src');
  expect(firstSrc).toBeTruthy();
  expect(secondSrc).not.toBe(firstSrc);
  // A page keeps the camera's own resolution.
  const videoSize = await live.evaluate((v: Video) => [v.videoWidth, v.videoHeight]);
  await expect.poll(() => viewer.evaluate((img: Picture) => [img.naturalWidth, img.naturalHeight])).toEqual(videoSize);
  await screenshot(page, 'intake-camera');

  // Rotate the second page right.
  await page.getByTestId('file-rotate-right').click();
  await expect(viewer).toHaveAttribute('data-rotation', '90');
  await expect(page.getByTestId('file-1').locator('img')).toHaveCSS('transform', /matrix\(0, 1, -1, 0/);

  // Move it to the front: it stays selected, with its rotation.
  await page.getByTestId('file-1').click();
  await page.getByTestId('file-move-left').click();
  await expect(page.getByTestId('file-0')).toHaveClass(/selected/);
  await expect(page.getByTestId('file-0').locator('img')).toHaveAttribute('src', secondSrc!);
  await expect(page.getByTestId('file-1').locator('img')).toHaveAttribute('src', firstSrc!);
  await expect(viewer).toHaveAttribute('src', secondSrc!);
  await expect(viewer).toHaveAttribute('data-rotation', '90');
  await expect(page.getByTestId('file-move-left')).toBeDisabled();

  // Crop it: drag a frame over the middle of the picture.
  await page.getByTestId('file-crop').click();
  const box = page.getByTestId('crop-box');
  await expect(box).toBeVisible();
  await expect
    .poll(() => box.locator('img').evaluate((img: Picture) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(page.getByTestId('crop-ok')).toBeDisabled();
  // The dialog zooms in: take the frame's place once it has stopped moving.
  let area = (await box.boundingBox())!;
  await expect
    .poll(async () => {
      const previous = area;
      await page.waitForTimeout(100);
      area = (await box.boundingBox())!;
      return JSON.stringify(area) === JSON.stringify(previous);
    })
    .toBe(true);
  await page.mouse.move(area.x + area.width * 0.2, area.y + area.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.5, { steps: 5 });
  await page.mouse.move(area.x + area.width * 0.7, area.y + area.height * 0.75, { steps: 5 });
  await page.mouse.up();
  await expect(box.locator('.crop-rect')).toBeVisible();
  await expect(page.getByTestId('crop-ok')).toBeEnabled();
  await screenshot(page, 'intake-crop');
  await page.getByTestId('crop-ok').click();
  await expect(box).toHaveCount(0);

  // Still two pages; the first is now the cut-out (a new file, smaller), upright: the dialog showed
  // the page turned as on screen and the turn is now in the pixels.
  await expect(page.getByTestId('item-pages-photo')).toHaveText('2 页');
  await expect(viewer).not.toHaveAttribute('src', secondSrc!);
  await expect(viewer).toHaveAttribute('data-rotation', '0');
  await expect(page.getByTestId('file-0')).toHaveClass(/selected/);
  await expect(page.getByTestId('file-0').locator('img')).not.toHaveAttribute('src', secondSrc!);
  await expect(page.getByTestId('file-1').locator('img')).toHaveAttribute('src', firstSrc!);
  // The frame covered half the width and half the height of the turned page (give or take a
  // screen pixel of the drag), cut at the picture's own resolution: the turned page is h × w.
  const [w, h] = videoSize as [number, number];
  const cropped = () => viewer.evaluate((img: Picture) => [img.naturalWidth, img.naturalHeight]);
  await expect.poll(async () => (await cropped())[0]! / h).toBeCloseTo(0.5, 1);
  expect((await cropped())[1]! / w).toBeCloseTo(0.5, 1);

  // Delete it: one page left, the draft saved.
  await page.getByTestId('file-delete').click();
  await expect(page.getByTestId('item-pages-photo')).toHaveText('1 页');
  await expect(viewer).toHaveAttribute('src', firstSrc!);
  await expect(viewer).toHaveAttribute('data-rotation', '0');
  await intake.expectSaved();
});
