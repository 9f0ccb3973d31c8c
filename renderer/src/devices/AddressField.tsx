import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';

/**
 * An address typed and added with one button (or Enter): a network scanner, a network ticket
 * printer. `onAdd` answers whether it was added; the field is emptied only then, so a refused
 * address stays to be corrected. Test ids: `{testId}-address`, `{testId}-add`.
 */
export function AddressField(props: {
  label: string;
  placeholder: string;
  addLabel: string;
  onAdd: (address: string) => Promise<boolean>;
  testId: string;
  className: string;
}) {
  const [address, setAddress] = useState('');
  const [adding, setAdding] = useState(false);

  const add = async () => {
    setAdding(true);
    try {
      if (await props.onAdd(address)) setAddress('');
    } finally {
      setAdding(false);
    }
  };

  return (
    <Space.Compact className={props.className}>
      <Input
        size="small"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        onPressEnter={() => address.trim() && void add()}
        data-testid={`${props.testId}-address`}
      />
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!address.trim()}
        loading={adding}
        onClick={() => void add()}
        data-testid={`${props.testId}-add`}
      >
        {props.addLabel}
      </Button>
    </Space.Compact>
  );
}
