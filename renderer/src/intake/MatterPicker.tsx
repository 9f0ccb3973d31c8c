import { Select, Space, Tag, Typography, type GetRef } from 'antd';
import { forwardRef, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogMatter } from '@yichuang/domain/catalog';
import { searchMatters } from '@yichuang/domain/catalog';

interface MatterPickerProps {
  matters: CatalogMatter[];
  value: string | null;
  onPick: (code: string) => void;
  disabled?: boolean;
}

export type MatterPickerRef = GetRef<typeof Select>;

/** 事项 by name, code or pinyin initials (`jzz` finds 居住证), best match first. */
export const MatterPicker = forwardRef<MatterPickerRef, MatterPickerProps>(function MatterPicker(
  { matters, value, onPick, disabled },
  ref,
) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchMatters(matters, query).slice(0, 50), [matters, query]);
  const english = i18n.language === 'en';
  return (
    <Select
      ref={ref}
      data-testid="matter-picker"
      aria-label={t('intake.matter.label')}
      className="matter-picker"
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      value={value}
      disabled={disabled}
      placeholder={t('intake.matter.placeholder')}
      onChange={(code: string) => {
        setQuery('');
        onPick(code);
      }}
      popupMatchSelectWidth={560}
      notFoundContent={t('intake.matter.none')}
      options={found.map((m) => ({
        value: m.code,
        label: english && m.nameEn ? m.nameEn : m.name,
        matter: m,
      }))}
      optionRender={(option) => {
        const m = (option.data as { matter: CatalogMatter }).matter;
        return (
          <div className="matter-option" data-testid={`matter-option-${m.code}`}>
            <Space size={6}>
              <Typography.Text strong>{english && m.nameEn ? m.nameEn : m.name}</Typography.Text>
              <Tag color={m.subject === 'enterprise' ? 'purple' : 'cyan'}>
                {t(`intake.matter.subject.${m.subject}`)}
              </Tag>
            </Space>
            <Typography.Text type="secondary" className="matter-option-meta">
              {english && m.departmentEn ? m.departmentEn : m.department} · {m.code} ·{' '}
              {t('intake.matter.promised', { days: m.promisedDays })}
            </Typography.Text>
          </div>
        );
      }}
    />
  );
});
