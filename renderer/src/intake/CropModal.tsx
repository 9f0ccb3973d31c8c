import { Modal, Spin, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemFile } from '@yichuang/domain/cases';
import { useMaterialUrl } from '../materials/use-material-url';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The picture turned as the clerk sees it (the page's rotation baked in), on a canvas. */
async function rotatedCanvas(url: string, rotation: number): Promise<HTMLCanvasElement> {
  const img = new Image();
  img.src = url;
  await img.decode();
  const turned = rotation === 90 || rotation === 270;
  const canvas = document.createElement('canvas');
  canvas.width = turned ? img.naturalHeight : img.naturalWidth;
  canvas.height = turned ? img.naturalWidth : img.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((rotation * Math.PI) / 180);
  ctx.drawImage(img, -img.naturalWidth / 2, -img.naturalHeight / 2);
  return canvas;
}

/** Cuts the chosen part out of the turned picture as a new upright JPEG, at full resolution. */
async function cropCanvas(source: HTMLCanvasElement, rect: Rect): Promise<Uint8Array<ArrayBuffer>> {
  const sx = Math.round(rect.x * source.width);
  const sy = Math.round(rect.y * source.height);
  const sw = Math.max(1, Math.round(rect.w * source.width));
  const sh = Math.max(1, Math.round(rect.h * source.height));
  const canvas = document.createElement('canvas');
  canvas.width = sw;
  canvas.height = sh;
  canvas.getContext('2d')!.drawImage(source, sx, sy, sw, sh, 0, 0, sw, sh);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  if (!blob) throw new Error('crop could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Drag a frame over the page to keep only that part (the edges of the desk, the clerk's hand).
 * The page is shown turned as on screen; the cut comes back upright (its rotation is baked in).
 */
export function CropModal({
  file,
  onDone,
  onCancel,
}: {
  file: ItemFile;
  onDone: (bytes: Uint8Array<ArrayBuffer>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { url: original } = useMaterialUrl(file.sha256);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!original) return;
    let cancelled = false;
    void rotatedCanvas(original, file.rotation).then((c) => {
      if (cancelled) return;
      setCanvas(c);
      setUrl(c.toDataURL('image/jpeg', 0.85));
    });
    return () => {
      cancelled = true;
    };
  }, [original, file.rotation]);
  const box = useRef<HTMLDivElement>(null);
  const [rect, setRect] = useState<Rect | null>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const at = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
  };

  return (
    <Modal
      open
      title={t('intake.crop.title')}
      okText={t('intake.crop.ok')}
      okButtonProps={{ disabled: !rect || rect.w < 0.02 || rect.h < 0.02, loading: busy, 'data-testid': 'crop-ok' }}
      onOk={() => {
        if (!canvas || !rect) return;
        setBusy(true);
        void cropCanvas(canvas, rect)
          .then(onDone)
          .finally(() => setBusy(false));
      }}
      onCancel={onCancel}
      width={720}
    >
      <Typography.Paragraph type="secondary">{t('intake.crop.hint')}</Typography.Paragraph>
      {!url ? (
        <Spin />
      ) : (
        <div
          ref={box}
          className="crop-box"
          data-testid="crop-box"
          onPointerDown={(e) => {
            (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
            const p = at(e);
            setStart(p);
            setRect({ x: p.x, y: p.y, w: 0, h: 0 });
          }}
          onPointerMove={(e) => {
            if (!start) return;
            const p = at(e);
            setRect({
              x: Math.min(start.x, p.x),
              y: Math.min(start.y, p.y),
              w: Math.abs(p.x - start.x),
              h: Math.abs(p.y - start.y),
            });
          }}
          onPointerUp={() => setStart(null)}
        >
          <img src={url} alt="" draggable={false} />
          {rect && (
            <div
              className="crop-rect"
              style={{
                left: `${rect.x * 100}%`,
                top: `${rect.y * 100}%`,
                width: `${rect.w * 100}%`,
                height: `${rect.h * 100}%`,
              }}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
