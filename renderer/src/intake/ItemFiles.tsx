import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  DeleteOutlined,
  FilePdfOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
  ScanOutlined,
  ScissorOutlined,
} from '@ant-design/icons';
import { Button, Empty, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemFile } from '@yichuang/domain/cases';
import { useMaterialUrl } from '../materials/use-material-url';

function Thumb({ file }: { file: ItemFile }) {
  const { url } = useMaterialUrl(file.mime === 'application/pdf' ? null : file.sha256);
  if (file.mime === 'application/pdf') return <FilePdfOutlined className="thumb-pdf" />;
  return url ? (
    <img src={url} alt="" style={{ transform: `rotate(${file.rotation}deg)` }} />
  ) : (
    <span className="thumb-empty" />
  );
}

interface ItemFilesProps {
  files: ItemFile[];
  index: number;
  onIndex: (index: number) => void;
  onChange: (files: ItemFile[]) => void;
  onCrop: (index: number) => void;
  /** Rescan the page at this index with the document scanner (null: no scanner at hand). */
  onRescan?: ((index: number) => void) | null;
}

/** The pages of the selected item, in order: rotate, crop, move, delete. */
export function ItemFiles({ files, index, onIndex, onChange, onCrop, onRescan = null }: ItemFilesProps) {
  const { t } = useTranslation();
  if (files.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.files.none')} className="files-empty" />;
  const move = (from: number, to: number) => {
    const next = [...files];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(next);
    onIndex(to);
  };
  const rotate = (i: number, by: number) =>
    onChange(
      files.map((f, j) =>
        j === i ? { ...f, rotation: ((((f.rotation + by) % 360) + 360) % 360) as ItemFile['rotation'] } : f,
      ),
    );
  const current = files[Math.min(index, files.length - 1)]!;
  const i = files.indexOf(current);
  return (
    <div className="item-files">
      <div className="thumbs" data-testid="item-files">
        {files.map((file, j) => (
          <button
            type="button"
            key={`${file.sha256}-${j}`}
            className={`thumb${j === i ? ' selected' : ''}`}
            onClick={() => onIndex(j)}
            title={`${file.name} · ${t(`intake.files.via.${file.via}`)}`}
            data-testid={`file-${j}`}
          >
            <Thumb file={file} />
            <span className="thumb-label">
              {file.pages > 1 ? t('intake.files.pdfPages', { count: file.pages }) : j + 1}
            </span>
          </button>
        ))}
      </div>
      <Space size={2} className="file-tools">
        <Tooltip title={t('intake.files.rotateLeft')}>
          <Button
            size="small"
            icon={<RotateLeftOutlined />}
            onClick={() => rotate(i, -90)}
            data-testid="file-rotate-left"
          />
        </Tooltip>
        <Tooltip title={t('intake.files.rotateRight')}>
          <Button
            size="small"
            icon={<RotateRightOutlined />}
            onClick={() => rotate(i, 90)}
            data-testid="file-rotate-right"
          />
        </Tooltip>
        <Tooltip title={t('intake.files.crop')}>
          <Button
            size="small"
            icon={<ScissorOutlined />}
            disabled={current.mime === 'application/pdf'}
            onClick={() => onCrop(i)}
            data-testid="file-crop"
          />
        </Tooltip>
        {onRescan && (
          <Tooltip title={t('intake.files.rescan')}>
            <Button
              size="small"
              icon={<ScanOutlined />}
              aria-label={t('intake.files.rescan')}
              onClick={() => onRescan(i)}
              data-testid="file-rescan"
            />
          </Tooltip>
        )}
        <Tooltip title={t('intake.files.moveLeft')}>
          <Button
            size="small"
            icon={<ArrowLeftOutlined />}
            disabled={i === 0}
            onClick={() => move(i, i - 1)}
            data-testid="file-move-left"
          />
        </Tooltip>
        <Tooltip title={t('intake.files.moveRight')}>
          <Button
            size="small"
            icon={<ArrowRightOutlined />}
            disabled={i === files.length - 1}
            onClick={() => move(i, i + 1)}
            data-testid="file-move-right"
          />
        </Tooltip>
        <Tooltip title={t('intake.files.delete')}>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => {
              onChange(files.filter((_, j) => j !== i));
              onIndex(Math.max(0, i - 1));
            }}
            data-testid="file-delete"
          />
        </Tooltip>
      </Space>
    </div>
  );
}
