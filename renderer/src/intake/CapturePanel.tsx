import { FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Tabs, Tag, Typography, Upload } from 'antd';
import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemFile } from '@yichuang/domain/cases';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import type { HotFolderArrival, HotFolderStatus } from '../../../preload/contract/materials';
import { materialLimits } from '@yichuang/domain/materials';
import { useCodeText } from '../lib/result';
import { MaterialViewer } from '../materials/MaterialViewer';
import { CameraCapture, type CameraHandle } from './CameraCapture';
import { CropModal } from './CropModal';
import { ItemFiles } from './ItemFiles';
import { ScannerCapture } from './ScannerCapture';
import type { DocumentScan } from './use-document-scan';

export type CaptureSource = 'camera' | 'scanner' | 'hotFolder' | 'import';

interface CapturePanelProps {
  entry: ChecklistEntry | null;
  source: CaptureSource;
  onSource: (source: CaptureSource) => void;
  busy: boolean;
  onCapture: () => void;
  onImport: (files: File[]) => void;
  hotFolder: HotFolderStatus | null;
  /** Arrivals not attached to any item yet (none was selected when they came). */
  unattached: HotFolderArrival[];
  onAttachArrival: (arrival: HotFolderArrival) => void;
  onFilesChange: (files: ItemFile[]) => void;
  onCropped: (index: number, bytes: Uint8Array<ArrayBuffer>) => void;
  pageIndex: number;
  onPageIndex: (index: number) => void;
  /** The document scanner (F7) and its job. */
  scanning: DocumentScan;
  /** Scanning is possible: an item is selected in a draft. */
  scanEnabled: boolean;
}

/** Right column: the material being captured — camera, scanner hot folder, file import — and its pages. */
export const CapturePanel = forwardRef<CameraHandle, CapturePanelProps>(function CapturePanel(props, cameraRef) {
  const { t, i18n } = useTranslation();
  const codeText = useCodeText();
  const { entry } = props;
  const [cropIndex, setCropIndex] = useState<number | null>(null);
  const files = entry?.state.files ?? [];
  const itemName = entry ? (i18n.language === 'en' && entry.item.nameEn ? entry.item.nameEn : entry.item.name) : null;

  const hot = props.hotFolder;
  const sources = [
    {
      key: 'camera',
      label: (
        <span data-testid="source-camera">
          {t('intake.capture.camera')} <kbd>F4</kbd>
        </span>
      ),
      children:
        props.source === 'camera' ? (
          <CameraCapture ref={cameraRef} onCapture={props.onCapture} busy={props.busy} />
        ) : null,
    },
    {
      key: 'scanner',
      label: (
        <span data-testid="source-scanner">
          {t('intake.capture.scanner')} <kbd>F7</kbd>
        </span>
      ),
      children: <ScannerCapture scanning={props.scanning} enabled={props.scanEnabled} />,
    },
    {
      key: 'hotFolder',
      label: (
        <span data-testid="source-hot-folder">
          {t('intake.capture.hotFolder')}
          {props.unattached.length > 0 && (
            <Tag color="orange" className="tab-count">
              {props.unattached.length}
            </Tag>
          )}
        </span>
      ),
      children: (
        <div className="hot-folder" data-testid="hot-folder">
          {!hot?.folder ? (
            <Alert type="info" showIcon title={t('intake.capture.hotFolderUnset')} />
          ) : hot.problem ? (
            <Alert
              type="warning"
              showIcon
              title={
                hot.problemCode
                  ? codeText({ code: hot.problemCode, ...(hot.problemParams ? { params: hot.problemParams } : {}) })
                  : hot.problem
              }
            />
          ) : (
            <Typography.Text type="secondary" className="hot-folder-path">
              <FolderOpenOutlined /> {hot.folder} · {t('intake.capture.hotFolderWatching')}
            </Typography.Text>
          )}
          <List
            size="small"
            className="arrivals"
            dataSource={[
              ...props.unattached,
              ...(hot?.arrivals ?? []).filter((a) => !props.unattached.includes(a)),
            ].slice(0, 6)}
            locale={{ emptyText: t('intake.capture.noArrivals') }}
            renderItem={(a) => (
              <List.Item
                actions={
                  props.unattached.some((u) => u.id === a.id) && a.file
                    ? [
                        <Button
                          key="attach"
                          size="small"
                          disabled={!entry}
                          onClick={() => props.onAttachArrival(a)}
                          data-testid="attach-arrival"
                        >
                          {t('intake.capture.attach')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Typography.Text ellipsis className="arrival-name">
                  {a.name}
                </Typography.Text>
                {a.error ? (
                  <Tag color="red" title={a.error}>
                    {t('intake.capture.refused')}
                  </Tag>
                ) : a.file?.duplicate ? (
                  <Tag>{t('intake.capture.duplicate')}</Tag>
                ) : null}
              </List.Item>
            )}
          />
        </div>
      ),
    },
    {
      key: 'import',
      label: <span data-testid="source-import">{t('intake.capture.import')}</span>,
      children: (
        <Upload.Dragger
          multiple
          showUploadList={false}
          accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
          beforeUpload={(_file, list) => {
            // Called once per file with the whole list: import the list once, on its first file.
            if (_file === list[0]) props.onImport(list);
            return false;
          }}
          disabled={!entry}
          className="import-drop"
          data-testid="import-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('intake.capture.importHint')}</p>
          <p className="ant-upload-hint">
            {t('intake.capture.importLimits', {
              mb: materialLimits.maxFileBytes / 1024 / 1024,
              pages: materialLimits.maxPdfPages,
            })}
          </p>
        </Upload.Dragger>
      ),
    },
  ];

  return (
    <Card
      size="small"
      className="intake-column capture-panel"
      title={
        <span data-testid="capture-target">
          {itemName ? t('intake.capture.target', { name: itemName }) : t('intake.capture.noTarget')}
        </span>
      }
    >
      <Tabs
        size="small"
        activeKey={props.source}
        onChange={(k) => props.onSource(k as CaptureSource)}
        items={sources}
        className="capture-tabs"
      />
      {entry && (
        <>
          <ItemFiles
            files={files}
            index={props.pageIndex}
            onIndex={props.onPageIndex}
            onChange={props.onFilesChange}
            onCrop={setCropIndex}
            onRescan={
              props.source === 'scanner' && props.scanEnabled && !props.scanning.busy
                ? (i) => void props.scanning.scan(i)
                : null
            }
          />
          <div className="capture-viewer">
            <MaterialViewer
              files={files}
              index={Math.min(props.pageIndex, Math.max(0, files.length - 1))}
              onIndexChange={props.onPageIndex}
              height="100%"
              thumbnails={false}
            />
          </div>
        </>
      )}
      {cropIndex !== null && files[cropIndex] && (
        <CropModal
          file={files[cropIndex]}
          onCancel={() => setCropIndex(null)}
          onDone={(bytes) => {
            props.onCropped(cropIndex, bytes);
            setCropIndex(null);
          }}
        />
      )}
    </Card>
  );
});
