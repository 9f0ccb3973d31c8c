import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { hallLocaleFormat, hallShown } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../preload/contract/roles';
import type { Staff } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { useRun } from '../lib/result';

interface StaffFormValues {
  username: string;
  displayName: string;
  role: Role;
  windowNumber: number | null;
  password: string;
}

function formatTime(iso: string | null): string {
  return hallShown((ms) => hallLocaleFormat(ms, 'zh-CN', 'dateTime'), iso);
}

/** Admin: staff accounts with role and window; create, edit, reset password, disable. */
export function StaffScreen() {
  const { t } = useTranslation();
  const run = useRun();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Staff[]>([]);
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [form] = Form.useForm<StaffFormValues>();
  const [resetForm] = Form.useForm<{ temporaryPassword: string }>();

  const load = useCallback(async () => {
    const list = await run(api.staff.list({}));
    if (list) setRows(list);
  }, [run]);
  useEffect(() => {
    void load();
  }, [load]);

  const roleOptions = roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  const save = async (values: StaffFormValues) => {
    if (editing === 'new') {
      const created = await run(api.staff.create({ ...values, windowNumber: values.windowNumber ?? null }), form);
      if (!created) return;
      void message.success(t('staff.created', { name: created.displayName }));
    } else if (editing) {
      const updated = await run(
        api.staff.update({
          id: editing.id,
          displayName: values.displayName,
          role: values.role,
          windowNumber: values.windowNumber ?? null,
        }),
        form,
      );
      if (!updated) return;
      void message.success(t('staff.updated'));
    }
    setEditing(null);
    await load();
  };

  const setDisabled = async (row: Staff, disabled: boolean) => {
    if (await run(api.staff.update({ id: row.id, disabled }))) await load();
  };

  const reset = async ({ temporaryPassword }: { temporaryPassword: string }) => {
    if (!resetting) return;
    const done = await run(api.staff.resetPassword({ id: resetting.id, temporaryPassword }), resetForm);
    if (!done) return;
    void message.success(t('staff.resetDone', { name: done.displayName }));
    setResetting(null);
    await load();
  };

  return (
    <Card
      title={t('staff.title')}
      extra={
        <Button
          type="primary"
          data-testid="staff-create"
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ role: 'clerk', windowNumber: null });
            setEditing('new');
          }}
        >
          {t('staff.create')}
        </Button>
      }
    >
      <Table<Staff>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ y: 'calc(100vh - 290px)' }}
        data-testid="staff-table"
        columns={[
          { title: t('staff.username'), dataIndex: 'username', width: 120 },
          { title: t('staff.displayName'), dataIndex: 'displayName', width: 110 },
          { title: t('staff.role'), dataIndex: 'role', width: 120, render: (role: Role) => t(`roles.${role}`) },
          {
            title: t('staff.windowNumber'),
            dataIndex: 'windowNumber',
            width: 80,
            render: (n: number | null) => n ?? t('staff.noWindow'),
          },
          {
            title: t('staff.status'),
            render: (_v, row) => (
              <Space size={4} wrap>
                {row.disabled ? (
                  <Tag color="default">{t('staff.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('staff.active')}</Tag>
                )}
                {row.lockedUntil && new Date(row.lockedUntil) > new Date() && (
                  <Tag color="red">{t('staff.lockedUntil', { time: formatTime(row.lockedUntil) })}</Tag>
                )}
                {row.mustChangePassword && <Tag color="orange">{t('staff.mustChange')}</Tag>}
              </Space>
            ),
          },
          { title: t('staff.lastSignIn'), dataIndex: 'lastSignInAt', width: 170, render: formatTime },
          {
            title: t('staff.actions'),
            width: 280,
            render: (_v, row) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ ...row, password: '' });
                    setEditing(row);
                  }}
                >
                  {t('common.edit')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    resetForm.resetFields();
                    setResetting(row);
                  }}
                >
                  {t('staff.resetPassword')}
                </Button>
                {row.disabled ? (
                  <Button size="small" onClick={() => void setDisabled(row, false)}>
                    {t('staff.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('staff.confirmDisable', { name: row.displayName })}
                    onConfirm={() => void setDisabled(row, true)}
                  >
                    <Button size="small" danger>
                      {t('staff.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('staff.create') : t('common.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'staff-save' }}
        destroyOnHidden={false}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item name="username" label={t('staff.username')} rules={[{ required: true }]}>
            <Input disabled={editing !== 'new'} data-testid="staff-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('staff.displayName')} rules={[{ required: true }]}>
            <Input data-testid="staff-display-name" />
          </Form.Item>
          <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
            <Select options={roleOptions} data-testid="staff-role" />
          </Form.Item>
          <Form.Item name="windowNumber" label={t('staff.windowNumber')}>
            <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} data-testid="staff-window" />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item
              name="password"
              label={t('staff.initialPassword')}
              extra={`${t('staff.initialPasswordHelp')}${t('common.listSeparator')}${t('passwordRule')}`}
              rules={[{ required: true, message: t('passwordRule') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="staff-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={`${t('staff.resetPassword')}${t('common.colon')}${resetting?.displayName ?? ''}`}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setResetting(null)}
        onOk={() => resetForm.submit()}
        forceRender
      >
        <Form form={resetForm} layout="vertical" onFinish={(values) => void reset(values)}>
          <Form.Item
            name="temporaryPassword"
            label={t('staff.temporaryPassword')}
            extra={`${t('staff.initialPasswordHelp')}${t('common.listSeparator')}${t('passwordRule')}`}
            rules={[{ required: true, message: t('passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="staff-temp-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
