import type { Locator } from 'playwright-core';

export interface CanvasProbe {
  width: number;
  height: number;
  /** Share of the canvas' pixels that are not transparent or white. */
  inkShare: number;
  /** How many pixels have exactly the given RGB colour (with full opacity). */
  matching: number;
}

/**
 * Reads the pixels of the first canvas inside a chart container, so a test can tell a drawn
 * chart from an empty canvas without trusting the app's own report.
 */
export async function probeCanvas(
  container: Locator,
  rgb?: [number, number, number],
): Promise<CanvasProbe> {
  return container
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, colour) => {
      const context = canvas.getContext('2d');
      if (!context) return { width: canvas.width, height: canvas.height, inkShare: 0, matching: 0 };
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      let matching = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        const a = data[i + 3] ?? 0;
        if (a > 0 && !(r > 245 && g > 245 && b > 245)) ink++;
        if (
          colour &&
          a === 255 &&
          Math.abs(r - colour[0]) <= 2 &&
          Math.abs(g - colour[1]) <= 2 &&
          Math.abs(b - colour[2]) <= 2
        )
          matching++;
      }
      return {
        width: canvas.width,
        height: canvas.height,
        inkShare: ink / (data.length / 4),
        matching,
      };
    }, rgb ?? null);
}

/**
 * Where in the page a colour first appears in a chart's canvas (CSS pixels, relative to the
 * canvas), scanning from the top; null when it does not.
 */
export async function findColour(
  container: Locator,
  rgb: [number, number, number],
): Promise<{ x: number; y: number } | null> {
  return container
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, colour) => {
      const context = canvas.getContext('2d');
      if (!context) return null;
      const { data, width } = context.getImageData(0, 0, canvas.width, canvas.height);
      const scale = canvas.width / canvas.clientWidth;
      for (let i = 0; i < data.length; i += 4) {
        if (
          data[i + 3] === 255 &&
          Math.abs((data[i] ?? 0) - colour[0]) <= 2 &&
          Math.abs((data[i + 1] ?? 0) - colour[1]) <= 2 &&
          Math.abs((data[i + 2] ?? 0) - colour[2]) <= 2
        ) {
          const p = i / 4;
          // A few pixels below the topmost point of the marker is well inside it.
          return { x: (p % width) / scale, y: Math.floor(p / width) / scale + 4 };
        }
      }
      return null;
    }, rgb);
}
