import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../auth/auth.tsx';
import { orgLevelNames } from '../../../../shared/domain/vocabulary.ts';
import { childrenQuery, type OrgUnit, orgUnitQuery } from './orgUnits.ts';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** The level in brackets after a unit's name: 区县 where the domain's 县（区） would nest brackets. */
const LEVEL_IN_BRACKETS: Readonly<Record<string, string>> = { ...orgLevelNames, district: '区县' };

const toNode = (u: OrgUnit, root: string): Node => ({
  id: u.id,
  ...(u.parentId && u.id !== root ? { pId: u.parentId } : {}),
  value: u.id,
  title: `${u.name}（${LEVEL_IN_BRACKETS[u.level] ?? u.level}）`,
  isLeaf: u.level === 'grid',
});

/**
 * Picks an org unit in the caller's subtree (the root is the session's own unit, so nothing outside
 * it is offered); children load when a branch opens.
 */
export function OrgUnitTreeSelect({
  value,
  onChange,
  placeholder = '选择组织单位',
  allowClear,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const root = useSession()?.org ?? '';
  const client = useQueryClient();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    let live = true;
    void client.fetchQuery(orgUnitQuery(root)).then((u) => {
      if (live) setNodes((prev) => (prev.some((n) => n.id === u.id) ? prev : [toNode(u, root), ...prev]));
    });
    return () => {
      live = false;
    };
  }, [client, root]);
  // A value chosen elsewhere (a link to a unit deep in the tree): its node, so the select shows the
  // unit's name rather than its id; it moves under its parent once that branch is opened.
  useEffect(() => {
    if (!value || nodes.some((n) => n.id === value)) return;
    let live = true;
    void client
      .fetchQuery(orgUnitQuery(value))
      .then((u) => {
        if (live) setNodes((prev) => (prev.some((n) => n.id === u.id) ? prev : [...prev, toNode(u, root)]));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, root, value, nodes]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      style={{ minWidth: 240, ...style }}
      treeDataSimpleMode
      // Every loaded unit stays in the DOM: a city's loaded branches are a few hundred rows at most,
      // and a virtual list scrolled to the selection hides its ancestors from search and tests.
      virtual={false}
      treeData={nodes}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v as string | undefined)}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      loadData={async (node) => {
        const id = (node as unknown as { value: string }).value;
        const children = await client.fetchQuery(childrenQuery(id));
        setNodes((prev) => {
          const have = new Set(prev.map((n) => n.id));
          return [...prev, ...children.filter((c) => !have.has(c.id)).map((c) => toNode(c, root))];
        });
      }}
    />
  );
}
