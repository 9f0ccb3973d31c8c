// Longer than most files on purpose: the viewer's keyboard, zoom, rotation and paging work on one
// shared state; splitting them would pass that state through props for no reader's gain.
import {
  CompressOutlined,
  FilePdfOutlined,
  LeftOutlined,
  RightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Tooltip, Typography } from 'antd';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemFile } from '@yichuang/domain/cases';
import { useMaterialUrl } from './use-material-url';
import '../cases/cases.css';

const minScale = 0.05;
const maxScale = 8;
const zoomStep = 1.25;
/** Room around a fitted page. */
const fitPadding = 8;

function clampScale(scale: number): number {
  return Math.min(maxScale, Math.max(minScale, scale));
}

function isPdf(file: ItemFile): boolean {
  return file.mime === 'application/pdf';
}

function Thumb({
  file,
  index,
  selected,
  onSelect,
}: {
  file: ItemFile;
  index: number;
  selected: boolean;
  onSelect: (index: number) => void;
}) {
  const { t } = useTranslation();
  // PDFs show an icon: their bytes are fetched only when opened.
  const { url } = useMaterialUrl(isPdf(file) ? null : file.sha256);
  return (
    <button
      type="button"
      className="viewer-thumb"
      aria-current={selected}
      title={file.name}
      data-testid={`viewer-thumb-${index}`}
      onClick={() => onSelect(index)}
    >
      {isPdf(file) ? (
        <>
          <FilePdfOutlined className="viewer-thumb-pdf" />
          <span>{t('cases.page.pages', { n: file.pages })}</span>
        </>
      ) : url ? (
        <img src={url} alt={file.name} draggable={false} style={{ transform: `rotate(${file.rotation}deg)` }} />
      ) : (
        <Spin size="small" />
      )}
    </button>
  );
}

/**
 * One material file shown large: images with their rotation, zoom (buttons, Ctrl+wheel, keys) and
 * drag to pan; PDFs in Chromium's own viewer. Thumbnails of the item's files below.
 */
export function MaterialViewer({
  files,
  index,
  onIndexChange,
  height,
  thumbnails = true,
}: {
  files: ItemFile[];
  index: number;
  onIndexChange: (i: number) => void;
  height: number | string;
  /** The strip of thumbnails under the page; off where the screen has its own (the intake). */
  thumbnails?: boolean;
}) {
  const { t } = useTranslation();
  const count = files.length;
  const current = count ? Math.min(Math.max(index, 0), count - 1) : -1;
  const file = files[current] ?? null;
  const fileKey = file ? `${current}:${file.sha256}` : '';
  const { url, error } = useMaterialUrl(file?.sha256 ?? null);

  /** The stage as state (effects follow it) and as a ref (handlers scroll it). */
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const stageRef = useRef<HTMLDivElement | null>(null);
  const attachStage = useCallback((element: HTMLDivElement | null) => {
    stageRef.current = element;
    setStage(element);
  }, []);
  const [box, setBox] = useState({ w: 0, h: 0 });
  const [natural, setNatural] = useState<{ url: string; w: number; h: number } | null>(null);
  /** The chosen zoom of one file; any other file (or none chosen) fits the stage. */
  const [zoomOf, setZoomOf] = useState<{ key: string; zoom: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const canvasRef = useRef<HTMLDivElement>(null);
  const stripRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  /** The point that stays under the pointer (or the centre) while the zoom changes. */
  const anchor = useRef<{ fx: number; fy: number; clientX: number; clientY: number } | null>(null);

  useEffect(() => {
    if (!stage) return;
    const measure = () => setBox({ w: stage.clientWidth, h: stage.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(stage);
    return () => observer.disconnect();
  }, [stage]);

  const pdf = file ? isPdf(file) : false;
  const rotation = file?.rotation ?? 0;
  const turned = rotation === 90 || rotation === 270;
  const size = natural && natural.url === url ? natural : null;
  const contentW = size ? (turned ? size.h : size.w) : 0;
  const contentH = size ? (turned ? size.w : size.h) : 0;
  const fit =
    size && box.w > 0 && box.h > 0
      ? clampScale(Math.min((box.w - 2 * fitPadding) / contentW, (box.h - 2 * fitPadding) / contentH))
      : 1;
  const chosen = zoomOf?.key === fileKey ? zoomOf.zoom : null;
  const scale = chosen ?? fit;
  const canZoom = !pdf && size !== null;
  const pannable = size !== null && (contentW * scale > box.w + 1 || contentH * scale > box.h + 1);

  const zoomTo = useCallback(
    (next: number | null, point?: { x: number; y: number }) => {
      const canvas = canvasRef.current;
      if (canvas && stage) {
        const rect = canvas.getBoundingClientRect();
        const view = stage.getBoundingClientRect();
        const clientX = point?.x ?? view.left + view.width / 2;
        const clientY = point?.y ?? view.top + view.height / 2;
        const fraction = (offset: number, length: number) =>
          length > 0 ? Math.min(1, Math.max(0, offset / length)) : 0.5;
        anchor.current = {
          fx: fraction(clientX - rect.left, rect.width),
          fy: fraction(clientY - rect.top, rect.height),
          clientX,
          clientY,
        };
      }
      setZoomOf(next === null ? null : { key: fileKey, zoom: clampScale(next) });
    },
    [stage, fileKey],
  );

  // Keep the anchored point where it was after the new size is laid out.
  useLayoutEffect(() => {
    const a = anchor.current;
    const canvas = canvasRef.current;
    const view = stageRef.current;
    if (!a || !canvas || !view) return;
    anchor.current = null;
    const rect = canvas.getBoundingClientRect();
    view.scrollLeft += rect.left + a.fx * rect.width - a.clientX;
    view.scrollTop += rect.top + a.fy * rect.height - a.clientY;
  }, [scale]);

  // Ctrl+wheel zooms the page, not the whole window (a passive React listener could not prevent that).
  useEffect(() => {
    if (!stage || !canZoom) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoomTo(scale * (event.deltaY < 0 ? zoomStep : 1 / zoomStep), { x: event.clientX, y: event.clientY });
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
  }, [stage, canZoom, scale, zoomTo]);

  useEffect(() => {
    // Scroll only the strip (scrollIntoView could scroll the page around it too).
    const strip = stripRef.current;
    const thumb = strip?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!strip || !thumb) return;
    const left = thumb.offsetLeft - strip.offsetLeft;
    if (left < strip.scrollLeft) strip.scrollLeft = left;
    else if (left + thumb.offsetWidth > strip.scrollLeft + strip.clientWidth) {
      strip.scrollLeft = left + thumb.offsetWidth - strip.clientWidth;
    }
  }, [current]);

  const go = (i: number) => {
    if (i >= 0 && i < count && i !== current) onIndexChange(i);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => go(current - 1),
      PageUp: () => go(current - 1),
      ArrowRight: () => go(current + 1),
      PageDown: () => go(current + 1),
      ...(canZoom
        ? {
            '+': () => zoomTo(scale * zoomStep),
            '=': () => zoomTo(scale * zoomStep),
            '-': () => zoomTo(scale / zoomStep),
            '0': () => zoomTo(null),
            '1': () => zoomTo(1),
          }
        : {}),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const view = stageRef.current;
    if (!pannable || !view || event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, left: view.scrollLeft, top: view.scrollTop };
    view.setPointerCapture(event.pointerId);
    setDragging(true);
    event.preventDefault();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const view = stageRef.current;
    if (!d || !view) return;
    view.scrollLeft = d.left - (event.clientX - d.x);
    view.scrollTop = d.top - (event.clientY - d.y);
  };
  const endDrag = () => {
    drag.current = null;
    setDragging(false);
  };

  if (!file) {
    return (
      <div className="material-viewer material-viewer-empty" data-testid="material-viewer" style={{ height }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.viewer.empty')} />
      </div>
    );
  }

  let content;
  if (error) {
    content = <Alert className="viewer-message" type="error" showIcon title={t('cases.viewer.failed', { error })} />;
  } else if (!url) {
    content = <Spin className="viewer-message" aria-label={t('cases.viewer.loading')} />;
  } else if (pdf) {
    content = <iframe className="viewer-pdf" src={url} title={file.name} data-testid="viewer-pdf" />;
  } else {
    content = (
      <div
        ref={canvasRef}
        className="viewer-canvas"
        style={{ width: Math.round(contentW * scale), height: Math.round(contentH * scale) }}
      >
        <img
          data-testid="viewer-image"
          data-rotation={rotation}
          src={url}
          alt={file.name}
          draggable={false}
          onLoad={(event) => {
            const img = event.currentTarget;
            setNatural({ url, w: img.naturalWidth || 1, h: img.naturalHeight || 1 });
          }}
          style={
            size
              ? {
                  width: size.w * scale,
                  height: size.h * scale,
                  transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
                }
              : { visibility: 'hidden' }
          }
        />
      </div>
    );
  }

  return (
    <div
      className="material-viewer"
      data-testid="material-viewer"
      style={{ height }}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="viewer-toolbar">
        <Tooltip title={t('cases.viewer.prev')}>
          <Button
            size="small"
            icon={<LeftOutlined />}
            disabled={current <= 0}
            onClick={() => go(current - 1)}
            aria-label={t('cases.viewer.prev')}
            data-testid="viewer-prev"
          />
        </Tooltip>
        <span className="viewer-position" data-testid="viewer-position">
          {t('cases.viewer.position', { index: current + 1, total: count })}
        </span>
        <Tooltip title={t('cases.viewer.next')}>
          <Button
            size="small"
            icon={<RightOutlined />}
            disabled={current >= count - 1}
            onClick={() => go(current + 1)}
            aria-label={t('cases.viewer.next')}
            data-testid="viewer-next"
          />
        </Tooltip>
        <Typography.Text className="viewer-name" ellipsis={{ tooltip: file.name }}>
          {file.name}
          {rotation !== 0 && <span className="viewer-rotated">{t('cases.viewer.rotated', { deg: rotation })}</span>}
        </Typography.Text>
        {pdf ? (
          <span className="viewer-pdf-pages" data-testid="viewer-pdf-pages">
            {t('cases.viewer.pdfPages', { pages: file.pages })}
          </span>
        ) : (
          <span className="viewer-zoom" title={t('cases.viewer.zoomHelp')}>
            <Tooltip title={t('cases.viewer.zoomOut')}>
              <Button
                size="small"
                icon={<ZoomOutOutlined />}
                disabled={!canZoom || scale <= minScale}
                onClick={() => zoomTo(scale / zoomStep)}
                aria-label={t('cases.viewer.zoomOut')}
                data-testid="viewer-zoom-out"
              />
            </Tooltip>
            <span className="viewer-zoom-value" data-testid="viewer-zoom">
              {Math.round(scale * 100)}%
            </span>
            <Tooltip title={t('cases.viewer.zoomIn')}>
              <Button
                size="small"
                icon={<ZoomInOutlined />}
                disabled={!canZoom || scale >= maxScale}
                onClick={() => zoomTo(scale * zoomStep)}
                aria-label={t('cases.viewer.zoomIn')}
                data-testid="viewer-zoom-in"
              />
            </Tooltip>
            <Tooltip title={t('cases.viewer.fit')}>
              <Button
                size="small"
                icon={<CompressOutlined />}
                disabled={!canZoom || chosen === null}
                onClick={() => zoomTo(null)}
                aria-label={t('cases.viewer.fit')}
                data-testid="viewer-fit"
              />
            </Tooltip>
            <Tooltip title={t('cases.viewer.actual')}>
              <Button
                size="small"
                disabled={!canZoom || chosen === 1}
                onClick={() => zoomTo(1)}
                aria-label={t('cases.viewer.actual')}
                data-testid="viewer-actual"
              >
                1:1
              </Button>
            </Tooltip>
          </span>
        )}
      </div>
      <div
        ref={attachStage}
        className={pdf ? 'viewer-stage viewer-stage-pdf' : 'viewer-stage'}
        style={{ cursor: pannable ? (dragging ? 'grabbing' : 'grab') : undefined }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {content}
      </div>
      {thumbnails && count > 1 && (
        <div className="viewer-strip" ref={stripRef}>
          {files.map((f, i) => (
            <Thumb key={`${i}:${f.sha256}`} file={f} index={i} selected={i === current} onSelect={go} />
          ))}
        </div>
      )}
    </div>
  );
}
