import { MercatorCoordinate, type Map as MapLibreMap } from 'maplibre-gl';
import { PREVIEWED_FILLS, noDataPatternImage } from '../layers/analysis_layers';
import type { FeatureCollection } from 'geojson';
import type { AnalysisResult } from '../analysis/analysis_run';
import {
  PathData,
  packPolygons,
  type PackedPolygons,
  type PreviewCollections,
  type ScreenTransform,
  traceRings,
  transformFromSamples,
} from '../layers/preview_polygons';
import { measureStage } from '../timing/analysis_stages';

const packedOf = new WeakMap<FeatureCollection, PackedPolygons>();
const packedOnce = (collection: FeatureCollection | null | undefined) => {
  if (!collection) return null;
  let packed = packedOf.get(collection);
  if (!packed) packedOf.set(collection, (packed = packPolygons(collection)));
  return packed;
};

/** A full result's fills, packed on this thread (once per collection) for the preview. */
export const packedGeometry = (result: AnalysisResult): PreviewCollections => ({
  served: packedOnce(result.geometry.served),
  networkGaps: packedOnce(result.network?.gaps),
  gaps: packedOnce(result.geometry.gaps),
  unknown: packedOnce(result.geometry.unknown),
  newlyServed: packedOnce(result.scenarios?.[0]?.newlyServed),
  lostService: packedOnce(result.scenarios?.[0]?.lostService),
});

/** Pixels between the sample points that give the screen transform. */
const SAMPLE_PIXELS = 256;

/** The map's screen transform now (CSS pixels), sampled around the centre. */
function screenTransform(map: MapLibreMap): ScreenTransform {
  const centre = MercatorCoordinate.fromLngLat(map.getCenter());
  const step = SAMPLE_PIXELS / (512 * 2 ** map.getZoom());
  const at = (x: number, y: number) => map.project(new MercatorCoordinate(x, y).toLngLat());
  return transformFromSamples(
    [centre.x, centre.y],
    step,
    at(centre.x, centre.y),
    at(centre.x + step, centre.y),
    at(centre.x, centre.y + step),
  );
}

/**
 * The live preview of the analysis fills (PREVIEWED_FILLS) while a parameter slider is in
 * use: a 2D canvas over the map, drawn from packed polygons (the worker's, during a drag),
 * with the map's own fills made transparent meanwhile. The map's sources are not touched
 * during a drag, so MapLibre neither re-tiles nor redraws; on release they take the full
 * result, and once the pointer leaves the slider and the map has drawn that result, the
 * preview gives way to the map's fills. It takes over as the pointer comes onto the slider,
 * so that the one map frame that hides the fills is drawn before a drag, not during it.
 */
export class AnalysisPreview {
  private canvas: HTMLCanvasElement | null = null;
  private shown: PreviewCollections | null = null;
  private pattern: CanvasPattern | null | undefined;
  /** Set while the map draws new source data (see sourcesChanged). */
  private drawing: object | null = null;
  /** Counts releases, so a release overtaken by a new drag does nothing. */
  private generation = 0;
  private readonly redraw = () => {
    if (this.shown) this.draw(this.shown);
  };

  constructor(private readonly map: MapLibreMap) {
    map.on('move', this.redraw);
    map.on('resize', this.redraw);
  }

  get showing(): boolean {
    return this.shown !== null;
  }

  /**
   * Draws a preview; the first hides the map's fills under it. `measured`: a drag step's
   * preview from the worker, whose drawing the analysis stages record.
   */
  show(preview: PreviewCollections, measured: boolean): void {
    this.generation++;
    if (!this.shown) this.setMapFills(false);
    this.shown = preview;
    const startedAt = performance.now();
    this.draw(preview);
    const drawnAt = performance.now();
    if (measured) {
      measureStage('preview', startedAt, drawnAt);
      // On screen after the next frame's paint.
      requestAnimationFrame(() => setTimeout(() => measureStage('idle', drawnAt)));
    }
    const container = this.map.getContainer();
    const draws = Number(container.getAttribute('data-analysis-previews') ?? 0);
    container.setAttribute('data-analysis-previews', String(draws + 1));
  }

  /**
   * The map's sources were given new data: a hand-over waits until the map has drawn it
   * (else the old fills would show for a moment).
   */
  sourcesChanged(): void {
    const drawing = {};
    this.drawing = drawing;
    this.map.once('idle', () => {
      if (this.drawing === drawing) this.drawing = null;
    });
  }

  /** Hands back to the map's fills, once the map has drawn what its sources were given. */
  release(): void {
    if (!this.shown) return;
    const generation = ++this.generation;
    const handOver = () => {
      if (generation !== this.generation) return;
      this.shown = null;
      this.setMapFills(true);
      // Cleared in the frame that draws the fills again.
      this.map.once('render', () => {
        if (generation === this.generation) this.clear();
      });
      this.map.triggerRepaint();
    };
    if (this.drawing) this.map.once('idle', handOver);
    else handOver();
  }

  remove(): void {
    this.map.off('move', this.redraw);
    this.map.off('resize', this.redraw);
    this.canvas?.remove();
    this.canvas = null;
  }

  private setMapFills(visible: boolean) {
    for (const { layer, opacity } of PREVIEWED_FILLS) {
      if (this.map.getLayer(layer)) {
        this.map.setPaintProperty(layer, 'fill-opacity', visible ? opacity : 0);
      }
    }
  }

  /** The no-data hatching as a canvas pattern, made once. */
  private hatch(context: CanvasRenderingContext2D): CanvasPattern | null {
    if (this.pattern === undefined) {
      const { width, height, data } = noDataPatternImage();
      const tile = document.createElement('canvas');
      tile.width = width;
      tile.height = height;
      tile
        .getContext('2d')
        ?.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
      this.pattern = context.createPattern(tile, 'repeat');
    }
    return this.pattern;
  }

  private context(): CanvasRenderingContext2D | null {
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      this.canvas.className = 'analysis-preview';
      this.canvas.setAttribute('data-testid', 'analysis-preview');
      // Above the map's canvas, below its controls.
      this.map.getCanvasContainer().after(this.canvas);
    }
    const container = this.map.getContainer();
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(container.clientWidth * ratio);
    const height = Math.round(container.clientHeight * ratio);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const context = this.canvas.getContext('2d');
    context?.setTransform(ratio, 0, 0, ratio, 0, 0);
    return context;
  }

  private clear() {
    const canvas = this.canvas;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  }

  private draw(preview: PreviewCollections) {
    const context = this.context();
    if (!context) return;
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    const transform = screenTransform(this.map);
    const paths = new Map<PackedPolygons, Path2D>();
    for (const fill of PREVIEWED_FILLS) {
      const packed = preview[fill.collection];
      if (!packed) continue;
      let path = paths.get(packed);
      if (!path) {
        const data = new PathData();
        traceRings(packed, transform, data);
        path = new Path2D(String(data));
        paths.set(packed, path);
      }
      const style = fill.pattern ? this.hatch(context) : fill.colour;
      if (!style) continue;
      context.fillStyle = style;
      context.globalAlpha = fill.opacity;
      context.fill(path, 'evenodd');
    }
    context.globalAlpha = 1;
  }
}
