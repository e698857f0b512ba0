import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { departmentCreateBodySchema, departmentKinds, departmentParentKinds } from '@tongban/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Switch,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showErrorOnForm } from '../../ui/api-errors.ts';
import { schemaRule } from '../../ui/form-rules.ts';
import { phoneQuery, useMediaQuery } from '../../ui/use-media-query.ts';
import { buildDepartmentTree, type DepartmentNode } from './department-tree.ts';
import { useCreateDepartment, useDepartments, useUpdateDepartment } from './identity.api.ts';
import type { Department, DepartmentCreateBody, DepartmentPatchBody } from './identity.types.ts';
import { departmentKindLabel, departmentName } from './labels.ts';

type FormValues = DepartmentCreateBody & { active: boolean };

/** Empty strings from cleared inputs mean "none". */
function orNull(value: string | null | undefined): string | null {
  return value?.trim() ? value : null;
}

function DepartmentFormModal({
  open,
  editing,
  parentId,
  tree,
  onClose,
}: {
  open: boolean;
  editing: Department | undefined;
  parentId: string | null;
  tree: DepartmentNode[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const [formError, setFormError] = useState<string>();
  const kind = Form.useWatch('kind', form);

  const submit = async (values: FormValues) => {
    setFormError(undefined);
    const common = {
      nameZh: values.nameZh,
      nameEn: values.nameEn,
      divisionCode: orNull(values.divisionCode),
      address: orNull(values.address),
      phone: orNull(values.phone),
    };
    try {
      if (editing) {
        const patch: DepartmentPatchBody = { ...common, active: values.active };
        if (values.parentId && values.parentId !== editing.parentId) patch.parentId = values.parentId;
        await update.mutateAsync({ id: editing.id, input: patch });
      } else {
        await create.mutateAsync({ ...common, id: values.id, kind: values.kind, parentId: values.parentId ?? null });
      }
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFormError(showErrorOnForm(form, t, error));
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('admin.departments.edit') : t('admin.departments.create')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="department"
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={editing ?? { parentId, kind: 'office' }}
      >
        {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError} />}
        <Form.Item
          name="id"
          label={t('admin.departments.code')}
          extra={editing ? undefined : t('admin.departments.codeHelp')}
          rules={[
            { required: true, message: t('common.required') },
            schemaRule(departmentCreateBodySchema.shape.id, t('admin.departments.codeHelp')),
          ]}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input disabled={Boolean(editing)} spellCheck={false} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.departments.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={Boolean(editing)}
            options={departmentKinds.map((k) => ({ value: k, label: departmentKindLabel(k, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('admin.departments.parent')}
          extra={
            kind
              ? t('admin.departments.parentKinds', {
                  kinds: departmentParentKinds[kind].map((k) => departmentKindLabel(k, i18n.language)).join(' / ') || '—',
                })
              : undefined
          }
        >
          <TreeSelect
            treeData={tree}
            allowClear={!editing}
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('admin.departments.noParent')}
            aria-label={t('admin.departments.parent')}
          />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('admin.departments.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input lang="zh-CN" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.departments.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input lang="en" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('admin.departments.divisionCode')}
          rules={[schemaRule(departmentCreateBodySchema.shape.divisionCode, t('admin.departments.divisionCodeHelp'))]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.departments.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.departments.phone')}>
          <Input inputMode="tel" maxLength={30} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('admin.departments.active')} valuePropName="checked">
            <Switch checkedChildren={t('admin.active')} unCheckedChildren={t('admin.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The department tree: browse it; system administrators also create and edit departments. */
export function DepartmentsAdmin({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments({ includeInactive: true });
  const [selectedId, setSelectedId] = useState<string>();
  const [modal, setModal] = useState<{ editing?: Department; parentId: string | null } | undefined>();
  const [search, setSearch] = useState('');
  const compact = useMediaQuery(phoneQuery);
  const detailsRef = useRef<HTMLDivElement>(null);

  const tree = useMemo(() => buildDepartmentTree(departments.data ?? [], i18n.language), [departments.data, i18n.language]);
  const selected = departments.data?.find((d) => d.id === selectedId);
  const parent = selected?.parentId ? departments.data?.find((d) => d.id === selected.parentId) : undefined;

  const visibleTree = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return tree;
    const filter = (nodes: DepartmentNode[]): DepartmentNode[] =>
      nodes.flatMap((n) => {
        const children = filter(n.children);
        const hit = n.title.toLowerCase().includes(q) || n.department.id.toLowerCase().includes(q);
        return hit || children.length ? [{ ...n, children }] : [];
      });
    return filter(tree);
  }, [tree, search]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('admin.departments.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setModal({ parentId: selectedId ?? null })}>
            {selectedId ? t('admin.departments.createChild') : t('admin.departments.create')}
          </Button>
        )}
      </Flex>
      {departments.isError && <Alert type="error" showIcon title={errorMessage(t, departments.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card loading={departments.isPending}>
            <Input.Search
              aria-label={t('admin.departments.search')}
              placeholder={t('admin.departments.search')}
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {visibleTree.length ? (
              <Tree
                treeData={visibleTree}
                selectedKeys={selectedId ? [selectedId] : []}
                defaultExpandedKeys={tree.map((n) => n.key)}
                defaultExpandAll={Boolean(search)}
                onSelect={(keys) => {
                  setSelectedId(keys[0] as string | undefined);
                  // On phones the details sit below the long tree: bring them into view.
                  if (compact && keys[0]) detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                }}
                titleRender={(node) => (
                  <span>
                    <span>{node.title}</span>{' '}
                    <Tag style={{ marginInlineStart: 4 }} bordered={false}>
                      {departmentKindLabel(node.department.kind, i18n.language)}
                    </Tag>
                    {node.department.active === false && <Tag color="red">{t('admin.inactive')}</Tag>}
                  </span>
                )}
                // Remount on search so matches show expanded.
                key={search}
                aria-label={t('admin.departments.title')}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12} ref={detailsRef}>
          <Card
            title={<h2 className="tb-card-title">{selected ? departmentName(selected, i18n.language) : t('admin.departments.details')}</h2>}
            extra={
              selected &&
              canManage && (
                <Button icon={<EditOutlined aria-hidden />} onClick={() => setModal({ editing: selected, parentId: selected.parentId })}>
                  {t('common.edit')}
                </Button>
              )
            }
          >
            {selected ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('admin.departments.code')}>{selected.id}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.nameZh')}>{selected.nameZh}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.nameEn')}>{selected.nameEn}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.kind')}>
                  {departmentKindLabel(selected.kind, i18n.language)}
                </Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.parent')}>
                  {parent ? departmentName(parent, i18n.language) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.divisionCode')}>{selected.divisionCode || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.address')}>{selected.address || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.phone')}>{selected.phone || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('admin.departments.active')}>
                  {selected.active === false ? t('admin.inactive') : t('admin.active')}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Paragraph type="secondary">{t('admin.departments.selectHint')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
      {modal && (
        <DepartmentFormModal open editing={modal.editing} parentId={modal.parentId} tree={tree} onClose={() => setModal(undefined)} />
      )}
    </Flex>
  );
}
