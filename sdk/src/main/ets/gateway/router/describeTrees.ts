import { HandlerStore } from './HandlerStore';
import { RouteNode } from './RouteNode';
import { RouteTree } from './RouteTree';

const storeLabel = <T>(store: HandlerStore<T> | undefined): string => {
  if (store === undefined || store.entries.length === 0) {
    return '';
  }
  const ids: string[] = [];
  for (const e of store.entries) {
    ids.push(e.emptyWildcard ? `${e.route.id} (trailing slash)` : e.route.id);
  }
  return `  => ${ids.join(' | ')}`;
};

const describeNode = <T>(node: RouteNode<T>, label: string, indent: string, out: string[]): void => {
  out.push(`${indent}${label}${storeLabel<T>(node.handlers)}`);
  const inner = `${indent}  `;
  for (const child of node.staticChildren()) {
    describeNode<T>(child, child.prefix, inner, out);
  }
  if (node.regexParam !== undefined) {
    describeNode<T>(node.regexParam, `:(${node.regexSource ?? ''})`, inner, out);
  }
  if (node.param !== undefined) {
    describeNode<T>(node.param, ':param', inner, out);
  }
  if (node.wildcard !== undefined) {
    out.push(`${inner}*${storeLabel<T>(node.wildcard)}`);
  }
};

/** A text dump of route trees: one block per method, one line per node, routes after `=>`. */
export const describeTrees = <T>(trees: RouteTree<T>[]): string => {
  const out: string[] = [];
  for (const tree of trees) {
    if (tree.root.table === undefined) {
      continue;
    }
    out.push(`${tree.method}:`);
    for (const child of tree.root.staticChildren()) {
      describeNode<T>(child, child.prefix, '  ', out);
    }
  }
  return out.join('\n');
};
