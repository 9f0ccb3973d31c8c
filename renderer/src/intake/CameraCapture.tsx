import { CameraOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space } from 'antd';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const storageKey = 'yichuang.camera';

export interface CameraHandle {
  /** Takes one page from the live view (F4); null when the camera is not running. */
  capture: () => Promise<Uint8Array<ArrayBuffer> | null>;
}

/** A JPEG of the video's current frame at its full resolution. */
async function grab(video: HTMLVideoElement): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  if (!blob) throw new Error('camera frame could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The document camera (高拍仪): pick a camera, see the live view, take pages. The camera chosen
 * is remembered on this PC. It runs only while this panel is shown, so the light goes off after.
 */
export const CameraCapture = forwardRef<CameraHandle, { onCapture: () => void; busy: boolean }>(function CameraCapture(
  { onCapture, busy },
  ref,
) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(() => window.localStorage.getItem(storageKey));
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setRunning(false);
  }, []);

  const start = useCallback(
    async (id: string | null) => {
      stop();
      setProblem(null);
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem(t('intake.camera.unsupported'));
        return;
      }
      try {
        const media = await navigator.mediaDevices.getUserMedia({
          video: id
            ? { deviceId: { exact: id }, width: { ideal: 2592 }, height: { ideal: 1944 } }
            : { width: { ideal: 2592 } },
          audio: false,
        });
        stream.current = media;
        if (video.current) {
          video.current.srcObject = media;
          await video.current.play().catch(() => undefined);
        }
        setRunning(true);
        const list = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
        setCameras(list);
        const used = media.getVideoTracks()[0]?.getSettings().deviceId ?? id;
        if (used) setDeviceId(used);
      } catch (error) {
        const name = error instanceof DOMException ? error.name : '';
        setProblem(
          name === 'NotAllowedError'
            ? t('intake.camera.denied')
            : name === 'NotFoundError' || name === 'OverconstrainedError'
              ? t('intake.camera.notFound')
              : name === 'NotReadableError'
                ? t('intake.camera.busy')
                : t('intake.camera.failed'),
        );
      }
    },
    [stop, t],
  );

  useEffect(() => {
    void start(window.localStorage.getItem(storageKey));
    return stop;
  }, [start, stop]);

  useImperativeHandle(
    ref,
    () => ({
      capture: async () => {
        const v = video.current;
        if (!v || !stream.current || v.videoWidth === 0) return null;
        return grab(v);
      },
    }),
    [],
  );

  return (
    <div className="camera" data-testid="camera">
      <Space.Compact block size="small">
        <Select
          size="small"
          className="camera-select"
          data-testid="camera-select"
          value={cameras.some((c) => c.deviceId === deviceId) ? deviceId : null}
          placeholder={t('intake.camera.choose')}
          options={cameras.map((c, i) => ({
            value: c.deviceId,
            label: c.label || t('intake.camera.nth', { n: i + 1 }),
          }))}
          onChange={(id: string) => {
            window.localStorage.setItem(storageKey, id);
            void start(id);
          }}
        />
        {running ? (
          <Button size="small" icon={<PoweroffOutlined />} onClick={stop} data-testid="camera-stop">
            {t('intake.camera.stop')}
          </Button>
        ) : (
          <Button size="small" onClick={() => void start(deviceId)} data-testid="camera-start">
            {t('intake.camera.start')}
          </Button>
        )}
        <Button
          size="small"
          type="primary"
          icon={<CameraOutlined />}
          disabled={!running}
          loading={busy}
          onClick={onCapture}
          data-testid="camera-capture"
        >
          {t('intake.camera.capture')} <kbd>F4</kbd>
        </Button>
      </Space.Compact>
      {problem && <Alert type="warning" showIcon title={problem} className="camera-problem" />}
      <video ref={video} className="camera-live" muted playsInline data-testid="camera-live" />
    </div>
  );
});
